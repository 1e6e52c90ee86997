"""The record model: every section parses, explicit answers are lifted out, YAML surprises are caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.answers import Answer, split_answers
from aigov.model import Record, Stage
from aigov.project import process_file
from aigov.yamlload import load_text

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def full() -> Record:
    loaded = process_file(FIXTURES / "full-record.yaml")
    assert [d.message for d in loaded.diagnostics if d.code != "AIG-ID-FILENAME"] == []
    assert loaded.record is not None
    return loaded.record


def test_every_top_level_section_is_exercised_by_the_full_fixture(full: Record) -> None:
    unset = [name for name in Record.model_fields if name not in full.model_fields_set]
    assert unset == []


@pytest.mark.parametrize(
    "section", [n for n in Record.model_fields if n not in ("schema_version", "id", "name")]
)
def test_each_section_round_trips_through_the_model(full: Record, section: str) -> None:
    value = getattr(full, section)
    dumped = full.model_dump(mode="json", exclude_none=True)[section]
    again = Record.model_validate({"schema_version": 1, "id": "x", "name": "x", section: dumped})
    assert getattr(again, section) == value


def test_version_stays_text_when_quoted(full: Record) -> None:
    assert full.version == "1.10"


def test_nist_ids_are_normalised(full: Record) -> None:
    assert full.controls is not None
    assert full.controls.measure[0].nist == ["MEASURE 2.3"]


def test_stage_order_follows_the_lifecycle() -> None:
    assert [s.value for s in sorted(Stage, key=lambda s: s.order)] == [
        "idea",
        "feasibility",
        "mvp",
        "pilot",
        "production",
        "retired",
    ]


def test_eval_result_pass_fail_respects_direction(full: Record) -> None:
    assert full.evaluations is not None
    first, second = full.evaluations.results
    assert first.passes() is False and second.passes() is True


def test_explicit_answers_are_lifted_out_with_their_paths() -> None:
    data = {
        "a": "unknown",
        "b": {"not_applicable": " retired "},
        "c": [{"d": "unknown"}],
        "e": "fine",
    }
    clean, answers = split_answers(data)
    assert clean == {"c": [{}], "e": "fine"}
    assert answers == {
        "a": Answer("unknown"),
        "b": Answer("not_applicable", "retired"),
        "c.0.d": Answer("unknown"),
    }


def test_yaml_1_2_scalars_no_norway_problem() -> None:
    doc = load_text(
        "a: yes\nb: no\nc: 2026-01-02\nd: 1.10\ne: true\nf: ~\ng: 0x1f\nh: '007'\n", "t.yaml"
    )
    assert doc.data == {
        "a": "yes",
        "b": "no",
        "c": "2026-01-02",
        "d": 1.1,
        "e": True,
        "f": None,
        "g": 31,
        "h": "007",
    }


def test_links_with_dangerous_schemes_are_rejected() -> None:
    with pytest.raises(ValueError, match="only http"):
        Record.model_validate(
            {
                "schema_version": 1,
                "id": "x",
                "name": "x",
                "links": [{"title": "t", "url": "javascript:alert(1)"}],
            }
        )


def test_evidence_paths_cannot_escape_the_repository() -> None:
    for bad in ("../secrets.txt", "/etc/passwd", "evidence/../../x"):
        with pytest.raises(ValueError):
            Record.model_validate(
                {
                    "schema_version": 1,
                    "id": "x",
                    "name": "x",
                    "controls": {
                        "govern": [
                            {"id": "c", "title": "t", "evidence": [{"title": "e", "path": bad}]}
                        ]
                    },
                }
            )
