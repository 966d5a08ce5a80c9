"""The rule registry: each check declares its metadata explicitly with `@rule`; nothing is derived from names."""

from __future__ import annotations

import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

CATEGORIES = ("screening", "compliance", "structure", "admission", "data", "milestone")
SEVERITIES = ("high", "medium", "low")
# what an evidence field holds, and so how reports show it; a trailing "?" marks a field not always present
EVIDENCE_KINDS = ("int", "date", "text", "code", "bool", "share", "months", "years", "units", "id")
# a rule's texts per language: title and message everywhere; what, why and example in Vietnamese (the
# English ones are the docstring's sections); screen, the grounds in words on a printed screening list
TEXT_KEYS = {"en": ("title", "message"), "vi": ("title", "message", "what", "why", "example")}
OPTIONAL_TEXT_KEYS = ("screen",)


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
    evidence: dict[str, str] = field(default_factory=dict)  # field → kind (EVIDENCE_KINDS, "?" if optional)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # lang → key → text
    # (roster, ctx) → (the members checked, the reasons a part was skipped), where the rule checks fewer
    # members than the active ones (a column only some files have); the engine's counts otherwise
    covers: Callable | None = None

    def text(self, lang: str) -> dict[str, str]:
        """Title, message, what, why, example (and screen words) in `lang`; English comes from the docstring."""
        if lang == "en" or lang not in self.texts:
            sections = self.sections()
            return {"what": sections.get("what", ""), "why": sections.get("why", ""),
                    "example": sections.get("example", ""), **self.texts["en"]}
        return self.texts[lang]

    def required_evidence(self) -> set[str]:
        return {name for name, kind in self.evidence.items() if not kind.endswith("?")}

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
         needs: tuple[str, ...] = ("members",), params: dict | None = None, identity: tuple[str, ...] = (),
         evidence: dict[str, str], en: dict[str, str], vi: dict[str, str], covers: Callable | None = None):
    """Register a check function under an explicit code and metadata: its evidence fields and its texts in both
    languages sit with it, in its family module."""
    if category not in CATEGORIES or severity not in SEVERITIES:
        raise ValueError(f"{code}: bad category or severity")
    if any(kind.rstrip("?") not in EVIDENCE_KINDS for kind in evidence.values()):
        raise ValueError(f"{code}: unknown evidence kind in {evidence}")
    for lang, texts in (("en", en), ("vi", vi)):
        allowed = set(TEXT_KEYS[lang]) | set(OPTIONAL_TEXT_KEYS)
        if set(TEXT_KEYS[lang]) - set(texts) or set(texts) - allowed:
            raise ValueError(f"{code}: {lang} texts must be {TEXT_KEYS[lang]} (and optionally {OPTIONAL_TEXT_KEYS})")

    def register(check: Callable) -> Callable:
        if code in _REGISTRY:
            raise ValueError(f"rule {code} registered twice")
        doc = re.sub(r"^    ", "", check.__doc__ or "", flags=re.M).strip()
        _REGISTRY[code] = Rule(code, name, category, severity, reference, check, tuple(needs), dict(params or {}), doc,
                               tuple(identity), dict(evidence), {"en": dict(en), "vi": dict(vi)}, covers)
        return check

    return register


def rules() -> dict[str, Rule]:
    """Every registered rule by code, in catalogue order (category, then code). Every module of `checks` is
    imported: a family module registers its rules on import, so a new family needs no list to be added to."""
    import memberaudit.checks as package

    for module in pkgutil.iter_modules(package.__path__):
        import_module(f"memberaudit.checks.{module.name}")
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


def rule_text(code: str, lang: str) -> dict[str, str]:
    """A rule's texts in `lang` (title, message, what, why, example, screen)."""
    return rules()[code].text(lang)
