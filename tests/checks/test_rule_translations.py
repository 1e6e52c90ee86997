"""Every rule's title and fix hint (aigov/data/rules.yaml) reaches the catalogues and has a
Dutch and a German translation; so do the questionnaire's questions and tips (issue 19)."""

from __future__ import annotations

from typing import Any

import pytest

from aigov.authoring.questionnaire import catalogue_strings as questionnaire_strings
from aigov.checks.registry import all_rules
from aigov.i18n import catalogue, use_language
from aigov.i18n_sources import english
from tests.checks.conftest import check

SHIPPED = set(english())


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_every_rule_title_and_hint_is_translated(lang: str) -> None:
    words = catalogue(lang)
    rules = all_rules()
    assert len(rules) > 80
    missing = [
        f"{rule.id} {what}: {text}"
        for rule in rules
        for what, text in (("title", rule.title), ("hint", rule.hint))
        if text not in SHIPPED or not words.get(text)
    ]
    assert not missing, "\n".join(missing)
    # a translation, not a copy (a hint that is all field names may read the same)
    same = [r.id for r in rules if words[r.title] == r.title]
    assert not same, same


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_every_question_and_tip_is_translated(lang: str) -> None:
    words = catalogue(lang)
    texts = questionnaire_strings()
    assert "What is the system called?" in texts
    missing = [t for t in texts if t not in SHIPPED or not words.get(t)]
    assert not missing, "\n".join(missing)


def test_a_finding_carries_the_translated_message_title_and_hint(fixture_path: Any) -> None:
    path = fixture_path("AIG-FEAS-002", "fail-pending-decision-at-pilot.yaml")
    _loaded, english_diags = check(path)
    with use_language("nl"):
        _loaded, dutch_diags = check(path)
    en = next(d for d in english_diags if d.code == "AIG-FEAS-002")
    nl = next(d for d in dutch_diags if d.code == "AIG-FEAS-002")
    assert (nl.path, nl.line, nl.column, nl.field) == (en.path, en.line, en.column, en.field)
    assert dict(nl.extra)["title"] == "De haalbaarheidssprint eindigde met een go-besluit"
    assert dict(en.extra)["title"] == "The feasibility sprint ended with a go decision"
    assert nl.message.startswith("een systeem in fase pilot heeft een go nodig")
    assert "'pending'" in nl.message and "'pending'" in en.message  # the record's code, as written
    assert nl.hint.startswith("Leg het go-besluit vast") and en.hint.startswith("Record the go")
