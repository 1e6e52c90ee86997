"""`aigov results add`: real-shaped files of each input kind appended to a record on disk,
comments kept, the same run never added twice, thresholds checked."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from aigov.checks.engine import CheckOptions
from aigov.results.append import add_results
from tests.conftest import FIXTURES, run_aigov

RECORD = FIXTURES / "results" / "commented-record.yaml"
TODAY = dt.date(2026, 11, 20)

# the shape lm-evaluation-harness writes (results_<date>.json): "<metric>,<filter>" keys
# with "<metric>_stderr,<filter>" beside them, config with model_args, a Unix `date`
LM_EVAL = {
    "results": {
        "tickets-2026q3": {
            "alias": "tickets-2026q3",
            "acc,none": 0.8712,
            "acc_stderr,none": 0.0047,
            "f1,none": 0.8102,
            "f1_stderr,none": "N/A",
        }
    },
    "groups": {},
    "configs": {"tickets-2026q3": {"task": "tickets-2026q3", "output_type": "multiple_choice"}},
    "versions": {"tickets-2026q3": 1.0},
    "n-shot": {"tickets-2026q3": 0},
    "higher_is_better": {"tickets-2026q3": {"acc": True, "f1": True}},
    "config": {
        "model": "hf",
        "model_args": "pretrained=acme/router-1b,dtype=bfloat16",
        "batch_size": 8,
    },
    "git_hash": "a1b2c3d",
    "date": 1794225600.0,  # 2026-11-09 (UTC)
    "model_name": "acme/router-1b",
}

# `mlflow runs describe --run-id …`: info with times in ms, data with metric/param dicts
MLFLOW = {
    "info": {
        "run_id": "7f3c2a1e9b",
        "experiment_id": "4",
        "run_name": "nightly-eval",
        "status": "FINISHED",
        "start_time": 1794225600000,
        "end_time": 1794229200000,
        "artifact_uri": "s3://mlflow/4/7f3c2a1e9b/artifacts",
        "lifecycle_stage": "active",
    },
    "data": {
        "metrics": {"accuracy": 0.95, "latency-p95": 1.4},
        "params": {"dataset": "tickets-2026q3", "split": "test"},
        "tags": {"mlflow.runName": "nightly-eval"},
    },
}

MODEL_CARD = """---
license: apache-2.0
model-index:
- name: router-1b
  results:
  - task:
      type: text-classification
      name: Ticket routing
    dataset:
      type: tickets-2026q3
      name: Tickets Q3 2026
      split: test
    metrics:
    - type: accuracy
      value: 0.9105504587155964
      name: Accuracy
      verified: false
---

# router-1b
"""


@pytest.fixture
def record(tmp_path: Path) -> Path:
    (tmp_path / "aigov.yaml").write_text("# repo\n", encoding="utf-8")
    path = tmp_path / "systems" / "ticket-router.yaml"
    path.parent.mkdir()
    shutil.copy(RECORD, path)
    return path


def _write(folder: Path, name: str, content: object) -> Path:
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), "utf-8")
    return path


ACC = {"acc": "accuracy"}  # lm-evaluation-harness calls accuracy "acc"


def _add(record: Path, *files: Path, **kw: object):
    root = record.parent.parent
    kw.setdefault("mapping", ACC)
    return add_results(
        record, list(files), root=root, options=CheckOptions(today=TODAY, root=root), **kw
    )  # type: ignore[arg-type]


def _results(record: Path) -> list[dict[str, object]]:
    return yaml.safe_load(record.read_text("utf-8"))["evaluations"]["results"]


def test_lm_eval_results_are_appended_with_comments_kept_and_deduplicated(record: Path) -> None:
    src = _write(record.parent.parent, "results_2026-11-09.json", LM_EVAL)
    report = _add(record, src)
    assert report.diagnostics == [] and report.added_results == 2 and report.written
    text = record.read_text("utf-8")
    for comment in (
        "# A small record",
        "# in production",
        "# the headline metric",
        "# baseline run",
    ):
        assert comment in text
    new = _results(record)[1:]
    assert [(r["metric"], r["value"], r["dataset"]) for r in new] == [
        ("accuracy", 0.8712, "tickets-2026q3"),
        ("f1", 0.8102, "tickets-2026q3"),
    ]
    assert new[0]["date"] == dt.date(2026, 11, 9)
    assert "stderr 0.0047" in new[0]["notes"] and "acme/router-1b" in new[0]["notes"]
    assert str(new[0]["run"]).startswith("lm-eval:")
    # written the way the list already is: one flow mapping per line
    assert text.count("\n    - {metric: ") == 3
    again = _add(record, src)
    assert again.added == 0 and again.duplicates == 2 and not again.written
    assert record.read_text("utf-8") == text


def test_a_result_under_its_threshold_is_a_breach_and_a_finding(record: Path) -> None:
    report = _add(record, _write(record.parent.parent, "lm.json", LM_EVAL))
    assert [b.what for b in report.breaches] == ["accuracy on tickets-2026q3"]
    assert "0.8712" in report.breaches[0].text and "0.9" in report.breaches[0].text
    codes = {d.code for d in report.findings}
    assert "AIG-EVAL-003" in codes  # production: the latest accuracy misses its bar


def test_mlflow_run_metrics_become_results_and_readings_dedupe_by_run_id(record: Path) -> None:
    src = _write(record.parent.parent, "run.json", MLFLOW)
    report = _add(record, src)
    assert report.diagnostics == [] and report.added_results == 2
    new = _results(record)[1:]
    assert {r["metric"]: r["value"] for r in new} == {"accuracy": 0.95, "latency-p95": 1.4}
    assert all(r["run"] == "mlflow:7f3c2a1e9b" and r["split"] == "test" for r in new)
    assert new[0]["date"] == dt.date(2026, 11, 9)
    assert report.breaches == []
    # the REST API shape of the same run is the same run
    rest = {
        "run": {
            **MLFLOW,
            "data": {
                "metrics": [
                    {"key": "accuracy", "value": 0.95, "timestamp": 1794229200000, "step": 0}
                ],
                "params": [
                    {"key": "dataset", "value": "tickets-2026q3"},
                    {"key": "split", "value": "test"},
                ],
            },
        }
    }
    again = _add(record, _write(record.parent.parent, "rest.json", rest))
    assert again.added == 0 and again.duplicates == 1


def test_model_index_results_get_no_invented_date_and_keep_the_value_as_written(
    record: Path,
) -> None:
    card = _write(record.parent.parent, "README.md", MODEL_CARD)
    report = _add(record, card)
    assert report.diagnostics == [] and report.added_results == 1 and report.undated == 1
    r = _results(record)[-1]
    assert "date" not in r  # a model-index gives no date, and none is made up
    assert "value: 0.9105504587155964" in record.read_text("utf-8")
    assert (r["split"], r["task"], r["task_name"], r["verified"]) == (
        "test",
        "text-classification",
        "Ticket routing",
        False,
    )
    assert (r["dataset"], r["dataset_name"], r["metric_name"]) == (
        "tickets-2026q3",
        "Tickets Q3 2026",
        "Accuracy",
    )
    # the same card again is the same run, even now that a date is given
    again = _add(record, card, date=dt.date(2026, 11, 1))
    assert again.added == 0 and again.duplicates == 1


def test_a_date_given_on_the_command_line_dates_undated_values(record: Path) -> None:
    card = _write(record.parent.parent, "README.md", MODEL_CARD)
    report = _add(record, card, date=dt.date(2026, 11, 1))
    assert report.undated == 0
    assert _results(record)[-1]["date"] == dt.date(2026, 11, 1)


def test_a_reading_without_a_date_is_refused_at_its_row(record: Path) -> None:
    csv = _write(record.parent.parent, "drift.csv", "monitor,value\nmon-input-drift,0.1\n")
    report = _add(record, csv)
    assert not report.written
    [d] = report.diagnostics
    assert d.line == 2 and "never invents" in d.message and "--date" in d.hint


def test_plain_csv_rows_go_to_results_and_monitor_readings(record: Path) -> None:
    csv = _write(
        record.parent.parent,
        "daily.csv",
        "metric,value,date,dataset,slice,run\n"
        "accuracy,0.91,2026-11-10,tickets-2026q3,language=de,job-17\n"
        "mon-input-drift,0.27,2026-11-10,,,job-17\n",
    )
    report = _add(record, csv)
    assert (report.added_results, report.added_readings) == (1, 1)
    data = yaml.safe_load(record.read_text("utf-8"))
    [reading] = data["operations"]["monitoring"][0]["readings"]
    assert (reading["value"], reading["date"], reading["run"]) == (
        0.27,
        dt.date(2026, 11, 10),
        "job-17",
    )
    assert reading["source"].startswith("results: ") and reading["source"].endswith("daily.csv")
    assert [b.what for b in report.breaches] == ["monitor mon-input-drift"]
    assert "AIG-OPS-007" in {d.code for d in report.findings}


def test_unknown_metric_and_test_set_are_refused_with_did_you_mean_unless_create(
    record: Path,
) -> None:
    src = _write(
        record.parent.parent,
        "plain.json",
        [
            {
                "metric": "accuracy",
                "value": 0.94,
                "date": "2026-11-12",
                "dataset": "tickets-2026-q3",
            },
            {"metric": "acuracy", "value": 0.94, "date": "2026-11-12"},
        ],
    )
    before = record.read_text("utf-8")
    report = _add(record, src)
    assert not report.written and record.read_text("utf-8") == before
    by_code = {d.code: d for d in report.diagnostics}
    assert "Did you mean 'tickets-2026q3'?" in by_code["AIG-RESULTS-DATASET"].hint
    assert "Did you mean 'accuracy'?" in by_code["AIG-RESULTS-METRIC"].hint
    assert by_code["AIG-RESULTS-METRIC"].line == 8  # the second object ("  {" on line 8)
    created = _add(record, src, create=True)
    assert created.created_metrics == ["acuracy"] and created.created_test_sets == [
        "tickets-2026-q3"
    ]
    data = yaml.safe_load(record.read_text("utf-8"))
    assert {"id": "acuracy", "name": "acuracy"} in data["metrics"]["model_quality"]


def test_a_source_name_unlike_any_metric_is_refused_and_can_be_mapped(record: Path) -> None:
    src = _write(record.parent.parent, "lm.json", LM_EVAL)
    refused = _add(record, src, mapping={})
    d = next(d for d in refused.diagnostics if d.code == "AIG-RESULTS-METRIC")
    assert "'acc' is not a metric" in d.message and "--map acc=METRIC" in d.hint
    assert (d.line, d.column) == (5, 19)  # the value of "acc,none" in the harness file


def test_the_command_fails_the_pipeline_step_on_a_breach_only_with_fail_on(record: Path) -> None:
    root = record.parent.parent
    src = _write(root, "lm.json", LM_EVAL)
    run = run_aigov(
        "results",
        "add",
        "ticket-router",
        str(src),
        "--map",
        "acc=accuracy",
        "--today",
        "2026-11-20",
        cwd=root,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "added 2 results" in run.stdout and "threshold missed: accuracy" in run.stdout
    again = run_aigov(
        "results",
        "add",
        "ticket-router",
        str(src),
        "--map",
        "acc=accuracy",
        "--fail-on",
        "breach",
        cwd=root,
    )
    assert again.returncode == 0 and "2 already in the record" in again.stdout
    worse = dict(LM_EVAL, date=1794312000.0)  # a new run (another day): a new breach
    src2 = _write(root, "lm2.json", worse)
    failed = run_aigov(
        "results",
        "add",
        "ticket-router",
        str(src2),
        "--map",
        "acc=accuracy",
        "--fail-on",
        "breach",
        cwd=root,
    )
    assert failed.returncode == 1, failed.stdout + failed.stderr


def test_the_card_shows_the_added_results_and_the_latest_reading(record: Path) -> None:
    root = record.parent.parent
    csv = _write(
        root,
        "nightly.csv",
        "metric,value,date,dataset,run\n"
        "accuracy,0.87,2026-11-12,tickets-2026q3,job-20\n"
        "mon-input-drift,0.27,2026-11-12,,job-20\n",
    )
    assert _add(record, csv).added == 2
    card = run_aigov("card", "ticket-router", "--today", "2026-11-20", cwd=root)
    assert card.returncode in (0, 1), card.stderr
    evaluation = card.stdout.split("Evaluation", 1)[1]
    assert "0.87" in evaluation and "0.93" in evaluation  # the new value, with the earlier one
    assert "Limit ≤ 0.2<br>Latest reading 0.27 on 2026-11-12 **past the limit**" in card.stdout
