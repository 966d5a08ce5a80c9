"""Message catalogues, one module per language (vi, en); `t` looks a key up and fills it."""

from __future__ import annotations

from importlib import import_module

LANGS = ("vi", "en")


def catalogue(lang: str):
    return import_module(f"memberaudit.model.i18n.{lang if lang in LANGS else 'vi'}")


def t(key: str, lang: str = "vi", /, **params: object) -> str:
    """The message `key` in `lang`, formatted with `params`; falls back to English, then to the key.

    A parameter the message names but the caller did not give is a bug, never a `{name}` shown to a person:
    it raises (and fails the test that reaches it)."""
    text = catalogue(lang).MESSAGES.get(key) or catalogue("en").MESSAGES.get(key) or key
    try:
        return text.format(**params)
    except (KeyError, IndexError) as exc:
        raise MissingParameter(f"message {key!r} ({lang}) needs parameter {exc}") from None


class MissingParameter(LookupError):
    """A message or template filled without one of its parameters."""
