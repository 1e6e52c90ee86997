"""The EU AI Act data: it loads, names its version, and holds every article id aigov cites."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from aigov.checks.registry import all_rules
from aigov.obligations.citations import citation_id, cited_ids
from aigov.obligations.text import ActDataError, act, parse

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "aigov" / "data" / "eu-ai-act.yaml"


def test_version_names_the_consolidated_text_and_its_source() -> None:
    v = act().version
    assert v.consolidated == dt.date(2026, 7, 27)
    assert v.celex == "32024R1689"
    assert "2026/1744" in v.amended_by
    assert v.source.startswith("https://eur-lex.europa.eu/eli/reg/2024/1689/2026-07-27")
    assert v.unconfirmed, "what is unconfirmed is said"


@pytest.mark.parametrize(
    ("key", "date"),
    [
        ("annex_iii", dt.date(2027, 12, 2)),
        ("annex_i", dt.date(2028, 8, 2)),
        ("general", dt.date(2026, 8, 2)),
        ("art_50_2_grace", dt.date(2026, 12, 2)),
        ("prohibited_new", dt.date(2026, 12, 2)),
        ("gpai", dt.date(2025, 8, 2)),
    ],
)
def test_application_dates_of_the_amended_text(key: str, date: dt.date) -> None:
    assert act().dates[key].date == date


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("Art. 9(2)(a)", "art-9-2-a"),
        ("Art. 6(1a)", "art-6-1a"),
        ("Annex IV 2(g)", "annex-iv-2-g"),
        ("Annex III 4(a)", "annex-iii-4-a"),
        ("Annex III", "annex-iii"),
        ("Article 27", "art-27"),
        ("not a citation", None),
    ],
)
def test_citation_ids(text: str, ident: str | None) -> None:
    assert citation_id(text) == ident


def _unknown(ids: list[str]) -> list[str]:
    return sorted(set(ids) - set(act().provisions))


def test_every_rule_cites_articles_the_data_holds() -> None:
    cited = [i for r in all_rules() for ref in r.eu_ai_act for i in cited_ids(ref)]
    assert cited
    assert _unknown(cited) == []


def test_every_rule_reference_is_a_citation() -> None:
    bad = [(r.id, ref) for r in all_rules() for ref in r.eu_ai_act if citation_id(ref) is None]
    assert bad == []


@pytest.mark.parametrize(
    "folder", ["templates", "aigov/site", "aigov/cards", "aigov/checks", "aigov/data"]
)
def test_templates_and_pages_cite_articles_the_data_holds(folder: str) -> None:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / folder).rglob("*")):
        if path.suffix not in {".j2", ".py", ".yaml", ".md"} or path.name == "eu-ai-act.yaml":
            continue
        for ident in cited_ids(path.read_text("utf-8")):
            found.setdefault(ident, []).append(path.name)
    unknown = {i: found[i] for i in _unknown(list(found))}
    assert unknown == {}


def test_a_broken_entry_is_refused_with_its_name() -> None:
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    raw["obligations"][0]["article"] = "art-999"
    with pytest.raises(ActDataError, match="art-999"):
        parse(raw)
    raw = yaml.safe_load(DATA.read_text("utf-8"))
    raw["obligations"][0]["condition"] = "whenever"
    with pytest.raises(ActDataError, match="whenever"):
        parse(raw)


def test_obligation_evidence_names_real_record_fields() -> None:
    from aigov.authoring.fields import field_doc

    for o in act().obligations:
        for path in o.evidence:
            assert field_doc(path) is not None, (o.id, path)
