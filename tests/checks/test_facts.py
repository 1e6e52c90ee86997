"""One definition of the review due date and of the current evaluation result.

`aigov.checks.review_due` and `aigov.checks.latest_results` are called by the rules, the cards
and the site; these tests pin the definitions and prove the three agree on the example records.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from aigov.cards.context import CardOptions, check_inputs, system_card_context
from aigov.checks import (
    CheckOptions,
    default_policy,
    gate_checklist,
    latest_results,
    load_policy,
    make_checker,
    result_series,
    review_due,
)
from aigov.model import EvalResult, Record
from aigov.project import LoadedRecord, load_project
from aigov.provenance import provenance_for
from aigov.site.build import make_portfolio

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 26)
BARE = {"schema_version": 1, "id": "demo", "name": "Demo"}


def result(metric: str, value: float, date: str, **kw: object) -> EvalResult:
    return EvalResult.model_validate({"metric": metric, "value": value, "date": date, **kw})


def record(**lifecycle: object) -> Record:
    return Record.model_validate({**BARE, "lifecycle": {"stage": "pilot", **lifecycle}})


# --- review_due ---------------------------------------------------------------------------


def test_review_due_uses_the_records_cadence() -> None:
    r = record(last_review="2026-05-20", review_cadence_days=30)
    assert review_due(r, default_policy()) == dt.date(2026, 6, 19)


def test_review_due_falls_back_to_the_policy_cadence() -> None:
    r = record(last_review="2026-05-20")
    policy = default_policy().model_copy(update={"review_cadence_days": 90})
    assert review_due(r, policy) == dt.date(2026, 8, 18)
    # no policy given: the default policy (180 days)
    assert review_due(r) == dt.date(2026, 11, 16)


def test_review_due_needs_a_last_review() -> None:
    assert review_due(record(review_cadence_days=30), default_policy()) is None
    assert review_due(Record.model_validate(BARE)) is None


# --- latest_results -----------------------------------------------------------------------


def test_each_dataset_is_a_series_of_its_own() -> None:
    results = [
        result("recall", 0.955, "2026-05-11", dataset="history", split="test"),
        result("recall", 0.971, "2026-08-17", dataset="holdout"),
    ]
    assert latest_results(results) == [(0, results[0]), (1, results[1])]


def test_a_validation_score_is_never_the_previous_train_score() -> None:
    results = [
        result("accuracy", 0.91, "2024-01-10", dataset="sst2", split="validation"),
        result("accuracy", 0.99, "2024-01-11", dataset="sst2", split="train"),
        result("accuracy", 0.92, "2024-02-01", dataset="sst2", split="validation"),
    ]
    series = result_series(results)
    assert [i for i, _ in series[("accuracy", "sst2", "validation", "", "")]] == [0, 2]
    assert [i for i, _ in series[("accuracy", "sst2", "train", "", "")]] == [1]
    assert latest_results(results) == [(2, results[2]), (1, results[1])]


def test_slices_and_components_are_series_of_their_own() -> None:
    results = [
        result("recall", 0.90, "2026-01-01"),
        result("recall", 0.80, "2026-02-01", slice="lang=nl"),
        result("recall", 0.70, "2026-03-01", component="ranker"),
        result("recall", 0.60, "2026-04-01", component="ranker", slice="lang=nl"),
        result("precision", 0.50, "2026-05-01"),
    ]
    assert [i for i, _ in latest_results(results)] == [0, 1, 2, 3, 4]


def test_a_newer_system_level_result_supersedes_an_older_component_one() -> None:
    results = [
        result("recall", 0.70, "2026-01-01", component="ranker", dataset="a"),
        result("recall", 0.90, "2026-03-01", dataset="a"),
        result("recall", 0.60, "2026-02-01", component="filter", dataset="a"),
        result("recall", 0.95, "2026-04-01", component="scorer", dataset="a"),
        result("recall", 0.50, "2026-01-01", component="other", dataset="b"),
    ]
    # ranker and filter are superseded; scorer's result is newer than the system's and stands;
    # the result on dataset b is another measurement, superseded by nothing
    assert latest_results(results) == [(1, results[1]), (3, results[3]), (4, results[4])]
    series = result_series(results)
    assert [i for i, _ in series[("recall", "a", "", "", "")]] == [0, 2, 1]


def test_a_system_level_result_of_another_slice_supersedes_nothing() -> None:
    results = [
        result("recall", 0.70, "2026-01-01", component="ranker"),
        result("recall", 0.90, "2026-03-01", slice="lang=nl"),
    ]
    assert [i for i, _ in latest_results(results)] == [0, 1]


def test_on_a_tie_the_later_entry_counts() -> None:
    results = [
        result("recall", 0.90, "2026-08-17", dataset="a"),
        result("recall", 0.80, "2026-08-17", dataset="a"),
    ]
    assert latest_results(results) == [(1, results[1])]


def test_series_are_oldest_first_whatever_the_record_order() -> None:
    results = [
        result("recall", 0.93, "2026-08-01"),
        result("recall", 0.91, "2026-02-01"),
        result("recall", 0.92, "2026-05-01"),
    ]
    (series,) = result_series(results).values()
    assert [i for i, _ in series] == [1, 2, 0]


def test_partial_and_unknown_dates_are_ordered_by_what_they_say() -> None:
    results = [
        result("f1", 0.80, "2024"),
        EvalResult.model_validate({"metric": "f1", "value": 0.70}),  # the source gave no date
        result("f1", 0.85, "2024-03"),
        result("f1", 0.90, "2023-12-31"),
    ]
    (series,) = result_series(results).values()
    # undated first (it cannot be shown to be newer), then by the period each date names
    assert [i for i, _ in series] == [1, 3, 0, 2]
    assert [r.date_text for _, r in series] == ["date unknown", "2023-12-31", "2024", "2024-03"]


# --- the rule, the card and the site agree ------------------------------------------------


def copy_examples(dest: Path) -> Path:
    shutil.copytree(REPO / "systems", dest / "systems")
    shutil.copytree(REPO / "evidence", dest / "evidence")
    shutil.copytree(REPO / "components", dest / "components")
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def load(root: Path) -> tuple[dict[str, LoadedRecord], CheckOptions, object]:
    options = CheckOptions(today=TODAY, policy=load_policy(root, None))
    project = load_project(root=root, checker=make_checker(options), jobs=1)
    records = {r.id: r for r in project.records if r.record is not None}
    return records, options, project


def card(loaded: LoadedRecord, options: CheckOptions, root: Path) -> dict[str, object]:
    prov = provenance_for(
        str(loaded.path),
        Path(loaded.path),
        loaded.content_hash,
        root=root,
        generated_at="2026-11-26T09:00:00Z",
    )
    return system_card_context(
        loaded, prov, options=CardOptions(today=TODAY), checks=check_inputs(loaded, options)
    )


@pytest.fixture(scope="module")
def no_cadence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples with `review_cadence_days` removed from product-recommendations."""
    root = copy_examples(tmp_path_factory.mktemp("no-cadence"))
    path = root / "systems" / "product-recommendations.yaml"
    text = path.read_text(encoding="utf-8")
    stripped = re.sub(r"(?m)^\s*review_cadence_days:.*\n", "", text)
    assert stripped != text
    path.write_text(stripped, encoding="utf-8")
    return root


def test_rule_card_and_site_agree_on_the_policy_default_cadence(no_cadence: Path) -> None:
    records, options, project = load(no_cadence)
    loaded = records["product-recommendations"]
    assert loaded.record is not None
    due = review_due(loaded.record, options.policy)
    assert due == dt.date(2026, 11, 16)  # last review 2026-05-20 + the default 180 days

    # the rule
    (finding,) = [d for d in loaded.diagnostics if d.code == "AIG-LIFE-003"]
    assert "review overdue by 10 days" in finding.message
    assert "due 2026-11-16" in finding.message

    # the card
    identity = card(loaded, options, no_cadence)["system"]
    assert isinstance(identity, dict)
    assert identity["next_review"] == "2026-11-16"
    assert identity["review_overdue"] is True

    # the site
    portfolio = make_portfolio(project, options, TODAY)  # type: ignore[arg-type]
    view = next(s for s in portfolio.systems if s.id == "product-recommendations")
    assert view.review_due == due
    assert view.days_overdue == 10
    assert view in portfolio.overdue


def test_the_policy_file_sets_the_default_cadence(no_cadence: Path, tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    shutil.copy2(
        no_cadence / "systems" / "product-recommendations.yaml",
        root / "systems" / "product-recommendations.yaml",
    )
    (root / "aigov.yaml").write_text("version: 1\nreview_cadence_days: 200\n", encoding="utf-8")
    records, options, project = load(root)
    loaded = records["product-recommendations"]
    assert not [d for d in loaded.diagnostics if d.code == "AIG-LIFE-003"]
    assert card(loaded, options, root)["system"]["next_review"] == "2026-12-06"  # type: ignore[index]
    portfolio = make_portfolio(project, options, TODAY)  # type: ignore[arg-type]
    view = next(s for s in portfolio.systems if s.id == "product-recommendations")
    assert view.review_due == dt.date(2026, 12, 6)
    assert not view.review_overdue


def test_claims_triage_check_and_card_judge_the_same_results(tmp_path: Path) -> None:
    root = copy_examples(tmp_path)
    records, options, _ = load(root)
    loaded = records["claims-triage"]
    assert loaded.record is not None and loaded.record.evaluations is not None
    results = loaded.record.evaluations.results

    current = {i for i, _ in latest_results(results)}
    may = next(i for i, r in enumerate(results) if r.date_text == "2026-05-11")
    august = next(
        i
        for i, r in enumerate(results)
        if r.metric == "urgent-recall" and r.dataset == "holdout-2026q2" and not r.slice
    )
    assert results[august].value == pytest.approx(0.971)
    # each test set and split is its own measurement: the May result is still the latest on
    # claims-history's test split (the August holdout does not replace it)
    assert may in current
    assert august in current

    # the production gate fails exactly the current results that miss their threshold
    gate = gate_checklist(loaded, "production", options)
    flagged = {
        int(d.field.split(".")[2])
        for item in gate
        if item.rule.id in ("AIG-EVAL-003", "AIG-EVAL-006")
        for d in item.diagnostics
    }
    assert august not in flagged
    # route-model's February v1 result is superseded by the newer system-level one on the
    # same test split
    feb = next(i for i, r in enumerate(results) if r.component == "route-model")
    assert feb not in current
    assert flagged == {may}  # 0.955 on claims-history's test split, under its 0.97

    # the card shows the same current results, and the same ones fail
    evaluation = card(loaded, options, root)["sections"]["evaluation"]  # type: ignore[index]
    rows = evaluation.parts["results"]["latest"]
    assert {r["index"] for r in rows} == current
    assert {r["index"] for r in rows if r["passes"] is False} == flagged
    summary = evaluation.parts["results"]["summary"]
    assert (summary["series"], summary["failing"]) == (len(current), len(flagged))
