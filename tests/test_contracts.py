"""Declared contracts hold: each rule's texts in both languages name only fields it returns or parameters it
has, the two message catalogues hold the same keys with the same placeholders, a missing parameter raises."""

from __future__ import annotations

import json
import string

import pytest

from memberaudit.checks.engine import BASE
from memberaudit.checks.registry import rules
from memberaudit.model.i18n import MissingParameter, en, t, vi

RULES = list(rules().values())


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_texts_name_only_what_the_rule_returns(rule):
    fields = set(rule.evidence) | set(BASE)
    for lang in ("en", "vi"):
        texts = rule.text(lang)
        assert texts["title"] and texts["what"] and texts["why"] and texts["example"], (rule.code, lang)
        assert placeholders(texts["message"]) <= fields, (rule.code, lang, texts["message"])
        assert placeholders(texts.get("screen", "")) <= set(rule.evidence), (rule.code, lang)
        assert placeholders(texts["what"]) <= set(rule.params), (rule.code, lang, texts["what"])
    assert placeholders(rule.text("en")["message"]) == placeholders(rule.text("vi")["message"]), rule.code
    assert ("screen" in rule.texts["en"]) == ("screen" in rule.texts["vi"]), rule.code


def test_both_catalogues_hold_the_same_keys_and_placeholders():
    assert set(en.MESSAGES) == set(vi.MESSAGES)
    differ = [k for k in en.MESSAGES if placeholders(en.MESSAGES[k]) != placeholders(vi.MESSAGES[k])]
    assert differ == []
    assert {k: set(v) for k, v in en.VALUE_LABELS.items()} == {k: set(v) for k, v in vi.VALUE_LABELS.items()}


def test_a_message_filled_without_a_parameter_raises():
    assert "x.xlsx" in t("input.missing", "vi", file="x.xlsx")
    with pytest.raises(MissingParameter, match="file"):
        t("input.missing", "vi")


def test_every_data_finding_carries_a_catalogued_problem_of_its_own_rule(demo_dir):
    """The data-problem catalogue is the one list of details: each DAT finding's detail is in it, under the
    rule that reports it."""
    from datetime import date

    from memberaudit.assemble.pipeline import read_roster
    from memberaudit.checks.engine import audit
    from memberaudit.model.config import Config
    from memberaudit.model.problems import CATALOGUE
    from memberaudit.normalize.issues import issue_rows

    result = audit(read_roster([demo_dir], workers=1), as_of=date(2026, 11, 30), config=Config(),
                   select_codes=["data"], lang="vi")
    details = [(row["rule"], json.loads(row["evidence"])["detail"]) for row in result.findings.iter_rows(named=True)]
    assert {rule for rule, _ in details} >= {"DAT001", "DAT002", "DAT003", "DAT004", "DAT005", "DAT006", "DAT007"}
    assert all(detail in CATALOGUE and CATALOGUE[detail].rule == rule for rule, detail in details), details
    with pytest.raises(KeyError, match="catalogue"):
        issue_rows(None, None, "x", None, "not_a_problem")


def test_every_table_kind_has_its_words_in_both_languages():
    """A kind added to the vocabulary is named in `inspect` and in coverage's "no table" reasons."""
    from memberaudit.model.i18n import catalogue
    from memberaudit.model.vocab import TABLE_KINDS

    for lang in ("vi", "en"):
        messages = catalogue(lang).MESSAGES
        missing = [k for kind in TABLE_KINDS for k in (f"kind.{kind}", f"no_table:{kind}") if k not in messages]
        assert missing == [], (lang, missing)
