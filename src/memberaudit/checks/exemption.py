"""Exemptions: temporary exemptions that outlasted their term."""

from __future__ import annotations

from memberaudit.checks.common import MEMBER_COLUMNS, active_members, months_between
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl


@rule(code="EXM001", name="exemption.temporary-overdue", category="compliance", severity="medium",
      params={"max_months": 12}, reference="Hướng dẫn 06-HD/TW (trước đây 01-HD/TW, mục 10.3)",
      evidence={'exempt_from': 'date', 'exempt_to': 'date', 'months': 'int'},
      en={'title': 'Temporary exemption longer than allowed',
          'message': 'Temporarily exempt {exempt_from} to {exempt_to} ({months} months): overdue'},
      vi={'title': 'Tạm miễn sinh hoạt quá thời hạn',
          'message': 'Tạm miễn sinh hoạt từ {exempt_from} đến {exempt_to} ({months} tháng), đã quá hạn',
          'what': 'Đảng viên tạm miễn sinh hoạt có ngày kết thúc đã qua, hoặc kéo dài quá {max_months} '
                  'tháng.',
          'why': 'Hướng dẫn 06-HD/TW (trước đây 01-HD/TW, mục 10.3).',
          'example': 'Tạm miễn từ 01/03/2025, không ghi ngày kết thúc, kiểm tra ngày 30/06/2026: 15 tháng, '
                     'vượt thời hạn.'})
def temporary_overdue(roster, ctx):
    """Temporarily exempt member whose exemption ended, or has lasted more than `max_months`.

    ## What it does
    For members with status "Tạm miễn sinh hoạt": flags an exempt_to date before the as-of date, or an
    exemption from exempt_from to exempt_to (or to the as-of date when open) longer than `max_months` (12).

    ## Why
    A temporary exemption is granted for a set term (Guidance 06-HD/TW); once it ends the member must
    return to branch life or the exemption must be renewed by decision.

    ## Example
    Tạm miễn from 01/03/2025 with no end date, audited 30/06/2026: 15 months, flagged.
    """
    members = active_members(roster, ctx).lazy().filter(pl.col("status") == "temp_exempt")
    end = pl.coalesce(pl.when(pl.col("exempt_to") < ctx.as_of).then(pl.col("exempt_to")), pl.lit(ctx.as_of))
    lasted = months_between(pl.col("exempt_from"), end)
    return (
        members.with_columns(lasted.alias("months"))
        .filter((pl.col("exempt_to") < ctx.as_of) | (pl.col("months") > ctx.params["max_months"]))
        .select(*MEMBER_COLUMNS, "exempt_from", "exempt_to", "months")
        .collect()
    )
