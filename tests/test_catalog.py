"""The framework catalogues shipped as data: ISO/IEC 42001 Annex A (ids and short titles only)
and NIST AI 600-1 (risks and suggested actions), checked against the counts their sources
state."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources

from aigov.catalog import genai_profile, iso42001, nist_ids

# ISO/IEC 42001:2023 Annex A, controls per group (count check in the research notes, §2.7)
ANNEX_A_GROUPS = {
    "A.2": 3,
    "A.3": 2,
    "A.4": 5,
    "A.5": 4,
    "A.6": 9,
    "A.7": 5,
    "A.8": 4,
    "A.9": 3,
    "A.10": 3,
}


def test_annex_a_has_38_controls_in_the_standards_groups() -> None:
    annex = iso42001()
    assert len(annex.controls) == annex.count == 38
    assert Counter(c.group_id for c in annex.controls) == ANNEX_A_GROUPS
    assert len(set(annex.ids())) == 38
    assert annex.ids()[0] == "A.2.2" and annex.ids()[-1] == "A.10.4"
    for c in annex.controls:
        assert re.fullmatch(r"A\.\d+(\.\d+){1,2}", c.id) and c.id.startswith(c.group_id + ".")


def test_annex_a_ships_short_titles_only() -> None:
    # ISO text is copyrighted: a title, never a sentence of the control's text
    raw = resources.files("aigov.data").joinpath("iso-42001-annex-a.yaml").read_text("utf-8")
    data_lines = [ln for ln in raw.splitlines() if not ln.lstrip().startswith("#")]
    assert not any(k in "\n".join(data_lines) for k in ("description:", "text:", "guidance:"))
    for c in iso42001().controls:
        assert len(c.title) <= 70 and not c.title.endswith("."), c


def test_600_1_ships_every_action_the_source_lists() -> None:
    profile = genai_profile()
    # the count stated in the data file (from the source: NIST AI 600-1 as transcribed in
    # IBM/risk-atlas-nexus resources/actions_extracted_from_nist.csv, 212 rows) ...
    assert profile.action_count == 212
    assert len(profile.actions) == profile.action_count
    # ... and the count stated with the 600-1 risk list in the NIST AI RMF catalogue
    raw = json.loads(
        resources.files("aigov.data").joinpath("nist-ai-rmf-1.0.json").read_text("utf-8")
    )
    stated = raw["genai_profile_nist_ai_600_1"]["source"]
    m = re.search(r"(\d+) suggested actions across (\d+) of 72 subcategories", stated)
    assert m is not None, stated
    assert len(profile.actions) == int(m.group(1))
    assert len({a.subcategory for a in profile.actions}) == int(m.group(2))


def test_600_1_action_ids_are_unique_well_formed_and_under_real_subcategories() -> None:
    actions = genai_profile().actions
    assert len({a.id for a in actions}) == len(actions)
    fn = {"GV": "GOVERN", "MP": "MAP", "MS": "MEASURE", "MG": "MANAGE"}
    for a in actions:
        m = re.fullmatch(r"(GV|MP|MS|MG)-(\d+\.\d+)-\d{3}", a.id)
        assert m, a.id
        assert a.subcategory == f"{fn[m.group(1)]} {m.group(2)}"
        assert a.subcategory in nist_ids()
        assert a.text and a.risks


def test_600_1_has_the_12_risks_of_section_2_and_every_action_lists_known_ones() -> None:
    profile = genai_profile()
    raw = json.loads(
        resources.files("aigov.data").joinpath("nist-ai-rmf-1.0.json").read_text("utf-8")
    )
    titles = [r["title"] for r in raw["genai_profile_nist_ai_600_1"]["risks"]]
    assert [r.title for r in profile.risks] == titles and len(titles) == 12
    known = {r.id for r in profile.risks}
    assert all(set(a.risks) <= known for a in profile.actions)
    # every risk has actions for it
    assert all(profile.for_risks({r.id}) for r in profile.risks)


def test_for_risks_keeps_the_profiles_order() -> None:
    profile = genai_profile()
    got = profile.for_risks({"confabulation"})
    order = [a.id for a in profile.actions]
    assert [a.id for a in got] == sorted((a.id for a in got), key=order.index)
    assert profile.action("MS-2.5-001") is not None and profile.action("MS-2.5-999") is None


def test_the_action_text_is_the_transcriptions() -> None:
    # spot-check against the source CSV's first row (the text is a U.S. Government work)
    a = genai_profile().action("GV-1.1-001")
    assert a is not None and a.text.startswith("Align GAI development and use with applicable laws")
    assert a.risks == ("data-privacy", "harmful-bias-or-homogenization", "intellectual-property")


def test_no_action_text_ends_in_a_fragment_of_the_risk_column() -> None:
    for a in genai_profile().actions:
        assert not re.search(r"(Human-|Property|Capabilities)$", a.text), a.id
