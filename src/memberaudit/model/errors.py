"""Errors that end a run with exit code 2: bad usage, configuration or input, each with a translatable message."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user must fix. `key` names a message in the i18n catalogues; `params` fill it."""

    def __init__(self, message_key: str, /, **params: object) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params

    def render(self, lang: str) -> str:
        from memberaudit.model.i18n import catalogue, t

        known = catalogue(lang).MESSAGES
        params = {k: (t(f"reason.{v}", lang) if isinstance(v, str) and f"reason.{v}" in known else v)
                  for k, v in self.params.items()}
        return t(self.key, lang, **params)

    def __str__(self) -> str:  # useful in logs and `pytest.raises(match=...)`
        return self.render("en")


class InputError(UserError):
    """An input file that cannot be read as a roster."""


class ConfigError(UserError):
    """A configuration file or option that is wrong."""


class NoMembers(InputError):
    """A run that read no members table: each input with the tables read from it and why each other sheet was
    skipped, so that a scheduled run never passes having read nothing."""

    def __init__(self, files: list[tuple[str, list[str], list[tuple[str, str, dict]]]], *, empty: bool = False) -> None:
        super().__init__("input.no_member_rows" if empty else "input.no_members")
        self.files = files
        self.empty = empty  # members tables were read, none holding a member

    def render(self, lang: str) -> str:
        from memberaudit.model.i18n import t
        from memberaudit.model.source import FILE_LEFT_OUT, skip_text

        lines = [t("input.no_member_rows" if self.empty else "input.no_members", lang)]
        for file, read, skipped in self.files:
            lines.append(f"  {file}")
            lines += [f"    {t('ui.read_as', lang, sheet=sheet, kind=t(f'kind.{kind}', lang))}" for sheet, kind in read]
            lines += [f"    {skip_text(reason, params, lang)}" if reason == FILE_LEFT_OUT else
                      f"    {t('ui.skipped_sheet', lang, sheet=sheet, reason=skip_text(reason, params, lang))}"
                      for sheet, reason, params in skipped]
        return "\n".join(lines)
