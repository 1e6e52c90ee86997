"""The crosswalk: every id in its catalogue, every pair sourced, and the SSSOM TSV export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from aigov.catalog import genai_profile
from aigov.crosswalk import SSSOM_COLUMNS, crosswalk, parse, problems, sssom_tsv
from tests.conftest import run_aigov

# SSSOM mapping slots (https://mapping-commons.github.io/sssom/Mapping/) aigov writes
SSSOM_SLOTS = {
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "mapping_source",
    "comment",
    "confidence",
    "author_id",
    "mapping_date",
    "subject_source",
    "object_source",
    "see_also",
}


def test_every_id_of_the_shipped_crosswalk_is_in_its_catalogue_and_every_pair_sourced() -> None:
    cw = crosswalk()
    assert problems(cw) == []
    assert all(p.source in cw.sources for p in cw.pairs)


def test_the_600_1_action_to_subcategory_pairs_are_derived_from_the_profile() -> None:
    pairs = crosswalk().between("nist_600_1", "nist_ai_rmf")
    assert len(pairs) == len(genai_profile().actions) == 212
    assert {(p.subject, p.object) for p in pairs} >= {("GV-1.1-001", "GOVERN 1.1")}


def test_the_airmf_iso_pairs_cite_the_nist_hosted_crosswalk() -> None:
    pairs = crosswalk().between("nist_ai_rmf", "iso_42001")
    assert pairs and {p.source for p in pairs} == {"nist-airc-airmf-iso42001"}
    assert all(p.line > 0 for p in pairs)


def test_the_airmf_iso_pairs_cover_the_whole_source_table_but_its_two_ambiguous_entries() -> None:
    cw = crosswalk()
    pairs = {(p.subject, p.object) for p in cw.between("nist_ai_rmf", "iso_42001")}
    assert len(pairs) == 199  # 201 distinct B.x entries in the source's rows, less 2
    assert {s.split()[0] for s, _ in pairs} == {"GOVERN", "MAP", "MEASURE", "MANAGE"}
    # rows read from the source, one per function
    assert {
        ("GOVERN 1.7", "A.6.2.6"),
        ("MAP 2.2", "A.8.2"),
        ("MEASURE 2.5", "A.6.2.4"),
        ("MANAGE 4.3", "A.8.5"),
    } <= pairs
    # the source gives these an id whose title is another control's: no pair
    assert ("GOVERN 3.2", "A.3.2") not in pairs
    assert ("MAP 1.4", "A.2.2") not in pairs
    src = cw.sources["nist-airc-airmf-iso42001"]
    assert src.url == "https://airc.nist.gov/docs/NIST_AI_RMF_to_ISO_IEC_42001_Crosswalk.pdf"


@pytest.mark.parametrize(
    ("pair", "wanted"),
    [
        (
            {"nist_ai_rmf": "GOVERN 9.9", "iso_42001": "A.2.2"},
            "'GOVERN 9.9' is not a nist_ai_rmf id",
        ),
        ({"nist_ai_rmf": "GOVERN 1.1", "iso_42001": "A.11.2"}, "'A.11.2' is not a iso_42001 id"),
        ({"nist_600_1": "GV-1.1-009", "iso_42001": "A.2.2"}, "'GV-1.1-009' is not a nist_600_1 id"),
        ({"eu_ai_act": "art-99", "iso_42001": "A.2.2"}, "'art-99' is not a eu_ai_act id"),
    ],
)
def test_a_wrong_id_in_any_scheme_is_a_problem(pair: dict[str, str], wanted: str) -> None:
    raw = {
        "sources": {"s": {"title": "A document"}},
        "pairs": [{**pair, "predicate": "skos:relatedMatch", "source": "s"}],
    }
    assert any(wanted in p for p in problems(parse(raw, {0: 7})))


def test_an_unsourced_pair_is_a_problem() -> None:
    raw = {
        "sources": {},
        "pairs": [
            {
                "eu_ai_act": "art-9",
                "iso_42001": "A.5.2",
                "predicate": "skos:relatedMatch",
                "source": "blog",
            }
        ],
    }
    assert problems(parse(raw)) == [
        "crosswalk.yaml: source 'blog' is not one of the file's sources"
    ]


def test_sssom_tsv_has_the_spec_columns_and_one_row_per_pair() -> None:
    text = sssom_tsv()
    meta = [ln for ln in text.splitlines() if ln.startswith("#")]
    assert "#mapping_set_id: urn:aigov:crosswalk" in meta
    assert any(ln.startswith("#license: ") for ln in meta)
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body), delimiter="\t"))
    assert tuple(rows[0].keys()) == SSSOM_COLUMNS and set(SSSOM_COLUMNS) <= SSSOM_SLOTS
    assert len(rows) == len(crosswalk().pairs)
    assert {r["mapping_justification"] for r in rows} == {"semapv:ManualMappingCuration"}
    assert all(r["mapping_source"] for r in rows)
    first = rows[0]
    assert (first["subject_id"], first["object_id"]) == ("AIRMF:GOVERN-1.1", "ISO42001:A.2.2")
    assert first["object_label"] == "AI policy"


def test_aigov_export_crosswalk_writes_the_mapping_set(tmp_path: Path) -> None:
    run = run_aigov("export", "crosswalk", "-o", f"{tmp_path}/")
    assert run.returncode == 0, run.stderr
    written = (tmp_path / "crosswalk.sssom.tsv").read_text("utf-8")
    assert written == sssom_tsv()
    assert run_aigov("export", "crosswalk").stdout == written
