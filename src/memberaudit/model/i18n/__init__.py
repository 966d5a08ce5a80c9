"""Message catalogues, one module per language (vi, en); `t` looks a key up and fills it."""

from __future__ import annotations

from importlib import import_module

LANGS = ("vi", "en")


def catalogue(lang: str):
    return import_module(f"memberaudit.model.i18n.{lang if lang in LANGS else 'vi'}")


def t(key: str, lang: str = "vi", /, **params: object) -> str:
    """The message `key` in `lang`, formatted with `params`; falls back to English, then to the key."""
    text = catalogue(lang).MESSAGES.get(key) or catalogue("en").MESSAGES.get(key) or key
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def rule_text(code: str, lang: str) -> dict[str, str]:
    """A rule's title, message template and explanation sections in `lang`."""
    return catalogue(lang).RULES.get(code) or catalogue("en").RULES.get(code, {})
