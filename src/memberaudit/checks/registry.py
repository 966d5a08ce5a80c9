"""The rule registry: each check declares its metadata explicitly with `@rule`; nothing is derived from names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

CATEGORIES = ("screening", "compliance", "structure", "data", "milestone")
SEVERITIES = ("high", "medium", "low")
FAMILIES = ("attendance", "dues", "ratings", "probation", "transfers", "exemption", "structure", "data", "milestones")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    severity: str
    reference: str
    check: Callable
    needs: tuple[str, ...] = ("members",)
    params: dict = field(default_factory=dict)
    doc: str = ""
    identity: tuple[str, ...] = ()  # finding fields that, with rule, member and unit, identify it across runs

    def sections(self) -> dict[str, str]:
        """The docstring's sections: "summary", "what", "why", "example" (ruff's rule-doc layout)."""
        parts = re.split(r"^## (.+)$", self.doc, flags=re.M)
        out = {"summary": parts[0].strip()}
        for title, body in zip(parts[1::2], parts[2::2], strict=True):
            key = {"What it does": "what", "Why": "why", "Example": "example"}.get(title.strip(), title.strip().lower())
            out[key] = body.strip()
        return out


_REGISTRY: dict[str, Rule] = {}


def rule(*, code: str, name: str, category: str, severity: str, reference: str = "",
         needs: tuple[str, ...] = ("members",), params: dict | None = None, identity: tuple[str, ...] = ()):
    """Register a check function under an explicit code and metadata."""
    if category not in CATEGORIES or severity not in SEVERITIES:
        raise ValueError(f"{code}: bad category or severity")

    def register(check: Callable) -> Callable:
        if code in _REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        doc = re.sub(r"^    ", "", check.__doc__ or "", flags=re.M).strip()
        _REGISTRY[code] = Rule(code, name, category, severity, reference, check, tuple(needs), dict(params or {}), doc,
                               tuple(identity))
        return check

    return register


def rules() -> dict[str, Rule]:
    """Every registered rule by code, in catalogue order (family, then code)."""
    for family in FAMILIES:
        import_module(f"memberaudit.checks.{family}")
    return dict(sorted(_REGISTRY.items(), key=lambda kv: (CATEGORIES.index(kv[1].category), kv[0])))


def select(all_rules: dict[str, Rule], select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    """Rules chosen by codes, code prefixes ("ATT") or categories ("screening"); ignore wins over select."""

    def matches(r: Rule, token: str) -> bool:
        token = token.strip()
        return bool(token) and (r.category == token.lower() or r.code.upper().startswith(token.upper()))

    chosen = [r for r in all_rules.values() if not select or any(matches(r, s) for s in select)]
    return [r for r in chosen if not any(matches(r, i) for i in ignore or [])]


def unknown_tokens(all_rules: dict[str, Rule], tokens: list[str]) -> list[str]:
    return [t for t in tokens if t.strip() and not any(
        r.category == t.strip().lower() or r.code.startswith(t.strip().upper()) for r in all_rules.values())]
