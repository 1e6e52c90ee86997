"""The bundled example records in systems/: valid for aigov and for plain JSON Schema, and
varied enough to exercise the whole record model (they feed the cards, site and check tests)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker
from pydantic import BaseModel

from aigov.answers import split_path
from aigov.model import EUTier, Evidence, Record, Stage
from aigov.paths import SCHEMA_FILE
from aigov.project import LoadedRecord, Project, load_project
from aigov.yamlload import load_file
from tests.conftest import REPO, run_aigov

SYSTEMS = REPO / "systems"
EVIDENCE = REPO / "evidence"
RECORD_FILES = sorted(SYSTEMS.glob("*.yaml"))
# The examples are written as if today were this date (reviews, results, sign-offs).
EXAMPLES_TODAY = dt.date(2026, 12, 4)  # the day the examples were last re-signed
FUTURE_OK = {"due", "valid_until"}  # dates that may lie ahead
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../schemas/{SCHEMA_FILE}"
COMPLETE_SECTIONS = (
    "owner",
    "lifecycle",
    "use_case",
    "approach",
    "data",
    "feasibility",
    "impact_assessment",
    "controls",
    "experience",
    "metrics",
    "evaluations",
    "launch",
    "operations",
    "documentation",
    "signoffs",
)


@pytest.fixture(scope="session")
def project() -> Project:
    return load_project(root=REPO)


@pytest.fixture(scope="session")
def records(project: Project) -> dict[str, LoadedRecord]:
    return {rec.id: rec for rec in project.records}


@pytest.fixture(scope="session")
def validator() -> Draft7Validator:
    schema = json.loads((REPO / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=FormatChecker())


def _record(rec: LoadedRecord) -> Record:
    assert rec.record is not None, rec.diagnostics
    return rec.record


def _walk(value: Any) -> Iterator[BaseModel]:
    """Every pydantic model inside a record, depth first."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _resolve(data: Any, dotted: str) -> Any:
    """Follow a visibility path: field names, list positions, or list items named by their id."""
    for step in split_path(dotted):
        if isinstance(data, list) and isinstance(step, str):
            named = [item for item in data if isinstance(item, dict) and item.get("id") == step]
            assert named, f"no item with id '{step}' in {dotted}"
            data = named[0]
        elif isinstance(step, int):
            assert isinstance(data, list) and step < len(data), f"no item {step} in {dotted}"
            data = data[step]
        else:
            assert isinstance(data, dict) and step in data, f"no field '{step}' in {dotted}"
            data = data[step]
    return data


# --- every file ---------------------------------------------------------------------------


def test_there_are_at_least_five_examples() -> None:
    assert len(RECORD_FILES) >= 5, [p.name for p in RECORD_FILES]


def test_aigov_validate_passes_on_the_examples() -> None:
    result = run_aigov("validate", "systems")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(RECORD_FILES)} records checked" in result.stdout


def test_every_example_loads_and_validates_without_diagnostics(project: Project) -> None:
    assert len(project.records) == len(RECORD_FILES)
    problems = [f"{d.location}: {d.code} {d.message}" for d in project.all_diagnostics]
    assert problems == []
    assert all(rec.valid for rec in project.records)


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: p.stem)
def test_example_matches_the_json_schema(path: Path, validator: Draft7Validator) -> None:
    doc, diags = load_file(path)
    assert doc is not None and diags == []
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(doc.data)
    ]
    assert errors == []


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: p.stem)
def test_example_header_and_id(path: Path, records: dict[str, LoadedRecord]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SCHEMA_COMMENT
    assert "schema_version: 1" in lines
    assert path.stem in records
    assert _record(records[path.stem]).id == path.stem


def test_every_evidence_path_exists_inside_its_system_folder(
    records: dict[str, LoadedRecord],
) -> None:
    cited: set[Path] = set()
    for rid, rec in records.items():
        for ev in (m for m in _walk(_record(rec)) if isinstance(m, Evidence)):
            assert ev.path or ev.url, f"{rid}: evidence '{ev.title}' has neither path nor url"
            if ev.path:
                target = REPO / ev.path
                assert target.is_file(), f"{rid}: evidence '{ev.title}' points at missing {ev.path}"
                assert target.stat().st_size > 200, f"{ev.path} is too short to be evidence"
                assert Path(ev.path).parts[:2] == ("evidence", rid), ev.path
                cited.add(target)
    from aigov.organisation import load_organisation

    organisation = load_organisation(REPO)  # evidence/organisation/: its policies' evidence
    for ctl in organisation.controls if organisation else []:
        for ev in ctl.evidence:
            assert ev.path and Path(ev.path).parts[:2] == ("evidence", "organisation"), ev.path
            assert (REPO / ev.path).stat().st_size > 200, f"{ev.path} is too short to be evidence"
            cited.add(REPO / ev.path)
    on_disk = {p for p in EVIDENCE.rglob("*") if p.is_file()}
    assert on_disk - cited == set(), "evidence files no record cites"


def test_no_example_is_dated_after_its_today(records: dict[str, LoadedRecord]) -> None:
    """Results, sign-offs, stage changes and reviews are in the past; only `due` and `valid_until` may be ahead."""
    late = []
    for rid, rec in records.items():
        for model in _walk(_record(rec)):
            for name, value in model:
                if isinstance(value, dt.date) and name not in FUTURE_OK and value > EXAMPLES_TODAY:
                    late.append(f"{rid}: {type(model).__name__}.{name} = {value}")
    assert late == []


# --- what the set as a whole must show ------------------------------------------------------


def test_examples_cover_the_lifecycle(records: dict[str, LoadedRecord]) -> None:
    stages = {_record(r).stage for r in records.values()}
    assert {Stage.IDEA, Stage.PILOT, Stage.PRODUCTION} <= stages


def test_examples_cover_the_eu_ai_act_tiers(records: dict[str, LoadedRecord]) -> None:
    tiers = set()
    for rec in records.values():
        ia = _record(rec).impact_assessment
        if ia and ia.risk_tier and ia.risk_tier.eu_ai_act:
            tiers.add(ia.risk_tier.eu_ai_act)
    assert {EUTier.HIGH, EUTier.LIMITED, EUTier.MINIMAL} <= tiers


def test_complete_examples_fill_every_section(records: dict[str, LoadedRecord]) -> None:
    complete = [r for r in records.values() if _record(r).stage != Stage.IDEA]
    assert len(complete) >= 4
    for rec in complete:
        record = _record(rec)
        empty = [s for s in COMPLETE_SECTIONS if not getattr(record, s)]
        assert empty == [], f"{rec.id} leaves out {empty}"
        assert record.controls is not None
        functions = {fn for fn, _ in record.controls.all()}
        assert functions == {"govern", "map", "measure", "manage"}, rec.id
        assert record.metrics is not None
        layers = {layer for layer, _ in record.metrics.all()}
        assert len(layers) == 5, f"{rec.id} metrics cover only {sorted(layers)}"
        kinds = {m.kind.value for m in record.operations.monitoring} if record.operations else set()
        assert kinds == {"data", "quality", "safety", "cost"}, rec.id


def test_complete_examples_are_reviewed_on_time_or_say_why(
    records: dict[str, LoadedRecord],
) -> None:
    overdue = []
    for rec in records.values():
        lc = _record(rec).lifecycle
        if not (lc and lc.stage != Stage.IDEA and lc.last_review and lc.review_cadence_days):
            continue
        if lc.last_review + dt.timedelta(days=lc.review_cadence_days) < EXAMPLES_TODAY:
            overdue.append(rec)
    assert [r.id for r in overdue] == ["product-recommendations"]
    for rec in overdue:
        assert "overdue" in rec.source.read_text(encoding="utf-8"), rec.id


def test_the_idea_is_honestly_incomplete(records: dict[str, LoadedRecord]) -> None:
    ideas = [r for r in records.values() if _record(r).stage == Stage.IDEA]
    assert ideas
    for rec in ideas:
        kinds = [a.kind for a in rec.answers.values()]
        assert kinds.count("unknown") >= 3, rec.answers
        not_applicable = [a for a in rec.answers.values() if a.kind == "not_applicable"]
        assert not_applicable and all(a.justification for a in not_applicable)
        ia = _record(rec).impact_assessment
        assert ia and ia.risk_tier and ia.risk_tier.eu_ai_act == EUTier.HIGH
        assert not _record(rec).signoffs and not _record(rec).launch


def test_a_system_card_over_several_model_cards(records: dict[str, LoadedRecord]) -> None:
    counts = {
        rid: len(_record(r).approach.components) if _record(r).approach else 0  # type: ignore[union-attr]
        for rid, r in records.items()
    }
    assert max(counts.values()) >= 3, counts
    assert sum(1 for n in counts.values() if n >= 2) >= 3, counts


def test_a_component_carries_hugging_face_card_fields(records: dict[str, LoadedRecord]) -> None:
    hf = [
        c
        for r in records.values()
        if _record(r).approach
        for c in _record(r).approach.components  # type: ignore[union-attr]
        if c.license and c.base_model and c.datasets and c.pipeline_tag and c.languages
    ]
    assert hf, "no component with license, base_model, datasets, pipeline_tag and languages"


def test_results_over_time_with_slices_and_intervals(records: dict[str, LoadedRecord]) -> None:
    dates_per_metric: dict[tuple[str, str], set[dt.date]] = defaultdict(set)
    sliced = with_ci = 0
    for rid, rec in records.items():
        evals = _record(rec).evaluations
        for res in evals.results if evals else []:
            dates_per_metric[(rid, res.metric)].add(res.date)
            sliced += res.slice is not None
            with_ci += res.confidence_interval is not None
    assert max(len(d) for d in dates_per_metric.values()) >= 3
    assert sum(1 for d in dates_per_metric.values() if len(d) >= 3) >= 2
    assert sliced >= 5 and with_ci >= 5


def test_support_copilot_shows_the_groundedness_trend(records: dict[str, LoadedRecord]) -> None:
    evals = _record(records["support-copilot"]).evaluations
    assert evals is not None
    overall = sorted(
        (r.date, r.value) for r in evals.results if r.metric == "groundedness" and r.slice is None
    )
    assert overall[0][1] == pytest.approx(0.72)
    assert overall[-1][1] == pytest.approx(0.88)
    failing = [r.slice for r in evals.results if r.slice and r.passes() is False]
    assert failing == ["language=pl"]  # the honest weak slice, also named in the harms


def test_visibility_rules_point_at_real_content(records: dict[str, LoadedRecord]) -> None:
    marked = 0
    for rid, rec in records.items():
        rules = _record(rec).visibility
        if not rules:
            continue
        marked += bool(rules.internal)
        for dotted in [*rules.internal, *rules.confidential]:
            assert _resolve(rec.data, dotted) not in (None, [], {}), f"{rid}: {dotted} is empty"
    assert marked >= 2


def test_claims_triage_keeps_people_in_the_loop(records: dict[str, LoadedRecord]) -> None:
    record = _record(records["claims-triage"])
    ia = record.impact_assessment
    assert ia and ia.eu_ai_act and ia.eu_ai_act.annex_iii_area == "essential_services"
    assert (
        ia.eu_ai_act.profiling and ia.eu_ai_act.derogation and not ia.eu_ai_act.derogation.applies
    )
    assert ia.contestability and ia.contestability.available
    assert ia.fundamental_rights_assessment
    assert record.use_case and record.use_case.autonomy == "copilot"
    assert record.data and "health" in record.data.sensitive_categories
    slices = {r.slice for r in record.evaluations.results} if record.evaluations else set()
    assert {s for s in slices if s and s.startswith("category=")}, "no category-level results"


def test_fraud_scoring_ranks_and_is_not_credit_scoring(records: dict[str, LoadedRecord]) -> None:
    ia = _record(records["fraud-scoring"]).impact_assessment
    assert ia and ia.eu_ai_act and ia.eu_ai_act.annex_iii_area == "none"
    assert ia.risk_tier and ia.risk_tier.eu_ai_act == EUTier.MINIMAL
    assert ia.risk_tier.rationale and "fraud" in ia.risk_tier.rationale
