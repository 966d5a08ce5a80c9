"""Errors that end a run with exit code 2: bad usage, configuration or input, each with a translatable message."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user must fix. `key` names a message in the i18n catalogues; `params` fill it."""

    def __init__(self, message_key: str, /, **params: object) -> None:
        super().__init__(message_key)
        self.key = message_key
        self.params = params

    def render(self, lang: str) -> str:
        from memberaudit.i18n import catalogue, t

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
