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


# --- the one description of the model: titles and the walker ------------------------------


def test_a_field_name_has_one_title_wherever_the_model_uses_it() -> None:
    from aigov.fieldmodel.walk import every_field

    titles: dict[str, set[str]] = {}
    for trail in every_field():
        here = trail[-1]
        if here.info.title:
            titles.setdefault(here.name, set()).add(here.info.title)
    untitled = {t[-1].name for t in every_field() if not t[-1].info.title}
    assert {name: t for name, t in titles.items() if len(t) > 1} == {}
    assert untitled & set(titles) == set()  # e.g. both eu_ai_act fields carry "EU AI Act"


def test_model_titles_are_only_written_where_the_name_in_words_is_not_enough() -> None:
    from aigov.fieldmodel.titles import derived_title, model_titles

    assert {n for n, t in model_titles().items() if t == derived_title(n)} == set()


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("signoffs", "Sign-offs"),  # written on the model
        ("gpai", "General-purpose AI model"),
        ("eu_ai_act", "EU AI Act"),
        ("impact_assessment", "Impact assessment"),  # derived from the name
        ("annex_iii_area", "Annex III area"),
        ("mvp", "MVP"),  # a stage, named like a field
        ("legal", "Legal"),
    ],
)
def test_field_titles(name: str, title: str) -> None:
    from aigov.fieldmodel.titles import field_title

    assert field_title(name) == title


def test_the_label_table_names_only_values_of_the_schema() -> None:
    """aigov/data/labels.yaml: every code it labels is a value of a vocabulary of the model,
    and every per-field table is about a field that holds one."""
    from aigov.fieldmodel.titles import label_codes
    from aigov.fieldmodel.walk import choices, every_field

    codes: set[str] = set()
    by_field: dict[str, set[str]] = {}
    for trail in every_field():
        values = set(choices(trail[-1].base))
        codes |= values
        by_field.setdefault(trail[-1].name, set()).update(values)
    labelled, per_field = label_codes()
    assert labelled - codes == set()
    for name, table in per_field.items():
        assert table <= by_field.get(name, set()), name


def test_vocabulary_values_read_as_words() -> None:
    from aigov.fieldmodel.titles import value_label
    from aigov.model import AnnexIIIArea, Direction, OversightMode, ReviewDecision

    assert value_label(AnnexIIIArea.ESSENTIAL_SERVICES) == (
        "Annex III point 5 (access to essential private and public services)"
    )
    assert value_label(OversightMode.NONE) == "No human oversight"
    assert value_label(AnnexIIIArea.NONE) == "None of the Annex III areas"
    assert value_label(Direction.LOWER_IS_BETTER) == "Lower is better"
    assert value_label(ReviewDecision.APPROVED_WITH_CONDITIONS) == "Approved, with conditions"
    assert value_label("scheduled_and_drift") == "Scheduled and on drift"


def test_check_sections_are_record_sections_plus_evidence_and_policy() -> None:
    from aigov.fieldmodel.titles import NOT_RECORD_SECTIONS, SECTION_TITLES, section_title

    assert set(SECTION_TITLES) - set(Record.model_fields) == NOT_RECORD_SECTIONS
    assert SECTION_TITLES["impact_assessment"] == "Impact assessment"
    assert SECTION_TITLES["owner"] == "Ownership"
    assert section_title("something_else") == "Something else"


def test_the_walker_follows_paths_through_lists_and_optionals() -> None:
    from aigov.fieldmodel import walk
    from aigov.model import Harm, Severity

    path = walk.names_only(("impact_assessment", "harms", 2, "severity"))
    assert path == ("impact_assessment", "harms", "severity")
    assert walk.type_at(path) is Severity
    assert walk.model_at(path[:2]) is Harm
    assert walk.model_at(path) is None
    assert walk.type_at(("impact_assessment", "nope")) is None
    assert walk.field_names(()) == list(Record.model_fields)
    assert walk.choices(Severity) == ("low", "medium", "high", "critical")
    found = walk.slot(Record, "signoffs")
    assert found is not None and found.is_list and found.model is not None


def test_a_model_family_keeps_its_variants_and_partial_dates_as_published() -> None:
    loaded = process_file(FIXTURES / "model-family.yaml")
    assert [d.message for d in loaded.diagnostics if d.severity.value == "error"] == []
    assert loaded.record is not None and loaded.record.approach is not None
    llm = loaded.record.approach.components[0]
    assert (llm.family, llm.context_length) == ("Example LLM 3", 128000)
    # partial dates stay partial: nothing is filled in that the source did not say
    assert (llm.version_date.isoformat(), llm.knowledge_cutoff.isoformat()) == (
        "2024-07",
        "2023-12",
    )  # type: ignore[union-attr]
    base, instruct, big = llm.variants
    assert (base.kind.value, base.parameter_count) == ("base", 8_000_000_000)  # type: ignore[union-attr]
    assert instruct.release_date.isoformat() == "2024"  # type: ignore[union-attr]
    assert big.knowledge_cutoff is None
    assert loaded.answers["approach.components.0.variants.2.knowledge_cutoff"] == Answer("unknown")
    assert big.environmental_impact.gpu_hours == 7_000_000  # type: ignore[union-attr]
    system = loaded.record.approach.environmental_impact
    assert system is not None
    assert (system.co2_eq_market_based_kg, system.co2_eq_offset_kg) == (0, 11_390_000)


def test_a_partial_date_that_is_not_a_date_is_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "model-family.yaml").read_text(encoding="utf-8")
    path = tmp_path / "model-family.yaml"
    path.write_text(text.replace("version_date: 2024-07", "version_date: 2024-13"), "utf-8")
    loaded = process_file(path)
    assert loaded.record is None
    (diag,) = [d for d in loaded.diagnostics if d.severity.value == "error"]
    assert "2024-13" in diag.message and diag.line == 21


def test_national_identification_numbers_are_a_sensitive_category() -> None:
    from aigov.fieldmodel.titles import value_label
    from aigov.model import SensitiveCategory

    cat = SensitiveCategory("national_id_number")
    assert value_label(cat) == "National identification numbers"
