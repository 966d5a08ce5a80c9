"""The README's rule table is rendered from the rule metadata; this fails when it is stale."""

from pathlib import Path

from memberaudit.reports.views.rulebook import readme_table


def test_readme_rule_table_is_current():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "run: python -m memberaudit.reports.views.rulebook and paste the table into README.md"


def test_readme_settings_table_is_current_and_every_setting_is_a_config_field():
    from memberaudit.model.config import SETTINGS, Config
    from memberaudit.reports.views.rulebook import settings_table

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert settings_table() in readme, "run: python -m memberaudit.reports.views.rulebook and paste the table"
    defaults = Config()
    for setting in SETTINGS:  # the declared default is the one a run without configuration uses
        value = getattr(defaults, setting.attr)
        assert (list(value) if isinstance(value, list) else value) == (
            list(setting.default) if isinstance(setting.default, tuple) else setting.default), setting.key
