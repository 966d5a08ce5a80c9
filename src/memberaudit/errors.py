"""Errors that end a run with exit code 2: bad usage, configuration or input, each with a translatable message."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user must fix. `key` names a message in the i18n catalogues; `params` fill it."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        from memberaudit.i18n import t

        return t(self.key, lang, **self.params)

    def __str__(self) -> str:  # useful in logs and `pytest.raises(match=...)`
        return self.render("en")


class InputError(UserError):
    """An input file that cannot be read as a roster."""


class ConfigError(UserError):
    """A configuration file or option that is wrong."""
