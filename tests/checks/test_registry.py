"""The rule registry: metadata and logic agree, and every piece of metadata is real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from aigov.catalog import nist_ids
from aigov.checks import all_rules, get_rule
from aigov.checks.engine import evaluate_loaded
from aigov.checks.fieldpaths import model_path_error
from aigov.checks.registry import SECTIONS, metadata, registered_logic
from aigov.fieldmodel.titles import OWNERS
from aigov.model import Record

from .conftest import FIXTURES, load, options_for

RULES = all_rules()


def test_every_metadata_entry_has_logic_and_every_logic_has_metadata():
    meta = {entry["id"] for entry in metadata()}
    logic = set(registered_logic())
    assert meta == logic
    assert len(RULES) == len(meta)


def test_enough_rules_to_cover_the_brief():
    assert len(RULES) >= 30
    covered = {r.section for r in RULES}
    for section in ("use_case", "feasibility", "evaluations", "metrics", "operations", "launch"):
        assert section in covered


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_metadata_is_complete_and_real(rule):
    assert re.fullmatch(r"AIG-[A-Z]+(-[A-Z]+)?-\d{3}", rule.id)
    assert rule.title and rule.title[0].isupper() and not rule.title.endswith(".")
    assert len(rule.why) > 60, "say why the rule exists, in a sentence or two"
    assert rule.hint and rule.stages and rule.tiers
    assert rule.section in SECTIONS
    assert rule.owner in OWNERS and rule.owner_title
    for ref in rule.nist:
        assert ref in nist_ids(), f"{rule.id} cites {ref}, not a NIST AI RMF 1.0 subcategory"
    for article in rule.eu_ai_act:
        assert re.fullmatch(
            r"(Art\. \d+(\(\d+\))?(\([a-z]\))?|Annex [IVX]+( \d+\([a-z]\))?)", article
        ), article
    for path in rule.fields:
        assert model_path_error(path) is None, f"{rule.id}: {model_path_error(path)}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.id != "AIG-POLICY-001"], ids=lambda r: r.id)
def test_rule_example_is_a_valid_record_fragment(rule):
    fragment = yaml.safe_load(rule.example)
    assert isinstance(fragment, dict) and fragment
    Record.model_validate({"schema_version": 1, "id": "example", "name": "Example", **fragment})


def test_every_rule_names_who_usually_answers_it():
    """The gate checklist groups by owner: each entry says it, none relies on the default."""
    missing = [entry["id"] for entry in metadata() if "owner" not in entry]
    assert missing == []
    assert {r.owner for r in RULES} == set(OWNERS)


def test_get_rule_is_case_insensitive_and_unknown_is_none():
    assert get_rule("aig-eval-003") is get_rule("AIG-EVAL-003")
    assert get_rule("AIG-NOPE-001") is None


def _covered(item: str, fields: tuple[str, ...]) -> bool:
    """An item the rule counted is one of its declared fields (or inside one)."""
    normal = re.sub(r"\.\d+(?=\.|$)", ".*", item)
    return any(normal.startswith(f) or f.startswith(normal) for f in fields)


def test_completeness_items_stay_within_the_declared_fields():
    """What `aigov explain` says a rule reads is what the rule actually asks for."""
    strays = set()
    for path in sorted(FIXTURES.glob("AIG-*/*.yaml")):
        if path.name == "aigov.yaml":
            continue
        loaded = load(path)
        for result in evaluate_loaded(loaded, options_for(path)).results:
            fields = result.rule.fields
            if not fields:
                continue
            strays |= {
                (result.rule.id, i.path) for i in result.items if not _covered(i.path, fields)
            }
    assert strays == set()


def test_rules_data_file_ships_in_the_package():
    import aigov

    assert (Path(aigov.__file__).parent / "data" / "rules.yaml").is_file()
