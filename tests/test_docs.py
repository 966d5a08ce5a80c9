"""The README's rule table is rendered from the rule metadata; this fails when it is stale."""

from pathlib import Path

from memberaudit.reports.views.rulebook import readme_table


def test_readme_rule_table_is_current():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "run: python -m memberaudit.reports.views.rulebook and paste the table into README.md"
