"""Inline SVG charts (no script, no network): horizontal bars, stacked bars and an age pyramid."""

from __future__ import annotations

from html import escape

PALETTE = {"high": "#c0392b", "medium": "#e6a23c", "low": "#3a8ee6", "male": "#3a6ea5", "female": "#c2577a",
           "bar": "#2f7d6d"}


def bars(rows: list[tuple[str, float]], *, title: str, width: int = 520, percent: bool = False) -> str:
    """One horizontal bar per (label, value)."""
    if not rows:
        return ""
    top = max(v for _, v in rows) or 1
    row_h, label_w = 22, 190
    height = row_h * len(rows) + 30
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(rows):
        y = 20 + i * row_h
        w = (width - label_w - 60) * value / top
        shown = f"{value * 100:.1f}%" if percent else f"{value:g}"
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" class="lbl">{escape(label)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 7}" fill="{PALETTE["bar"]}"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" class="val">{shown}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked(rows: list[tuple[str, dict[str, int]]], keys: list[str], labels: dict[str, str], *, title: str,
            width: int = 620) -> str:
    """One horizontal stacked bar per row (label, {key: count}), with a legend."""
    if not rows:
        return ""
    top = max(sum(d.values()) for _, d in rows) or 1
    row_h, label_w = 22, 240
    height = row_h * len(rows) + 44
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%"><title>{escape(title)}</title>']
    for k, key in enumerate(keys):
        parts.append(f'<rect x="{label_w + k * 110}" y="4" width="12" height="12" fill="{PALETTE[key]}"/>'
                     f'<text x="{label_w + k * 110 + 16}" y="14" class="lbl">{escape(labels[key])}</text>')
    for i, (label, counts) in enumerate(rows):
        y, x = 26 + i * row_h, float(label_w)
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" class="lbl">{escape(label[:38])}</text>')
        for key in keys:
            w = (width - label_w - 50) * counts.get(key, 0) / top
            if w:
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 7}" fill="{PALETTE[key]}">'
                             f'<title>{escape(labels[key])}: {counts[key]}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}" class="val">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def pyramid(bands: list[str], left: dict[str, int], right: dict[str, int], labels: tuple[str, str], *,
            title: str, width: int = 520) -> str:
    """An age pyramid: one band per row, men to the left, women to the right, oldest on top."""
    if not bands:
        return ""
    top = max([*left.values(), *right.values(), 1])
    row_h, mid, label_w = 24, width / 2, 50
    half = mid - label_w / 2 - 40
    height = row_h * len(bands) + 40
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
             f'width="100%"><title>{escape(title)}</title>',
             f'<text x="{mid - label_w}" y="14" text-anchor="end" class="lbl">{escape(labels[0])}</text>',
             f'<text x="{mid + label_w}" y="14" class="lbl">{escape(labels[1])}</text>']
    for i, band in enumerate(reversed(bands)):
        y = 24 + i * row_h
        lw, rw = half * left.get(band, 0) / top, half * right.get(band, 0) / top
        parts.append(
            f'<rect x="{mid - label_w / 2 - lw:.1f}" y="{y + 3}" width="{lw:.1f}" height="{row_h - 7}" fill="{PALETTE["male"]}"/>'
            f'<text x="{mid - label_w / 2 - lw - 4:.1f}" y="{y + 15}" text-anchor="end" class="val">{left.get(band, 0)}</text>'
            f'<text x="{mid}" y="{y + 15}" text-anchor="middle" class="lbl">{escape(band)}</text>'
            f'<rect x="{mid + label_w / 2:.1f}" y="{y + 3}" width="{rw:.1f}" height="{row_h - 7}" fill="{PALETTE["female"]}"/>'
            f'<text x="{mid + label_w / 2 + rw + 4:.1f}" y="{y + 15}" class="val">{right.get(band, 0)}</text>')
    parts.append("</svg>")
    return "".join(parts)
