"""Append matched results and readings to a record file through the round-trip editor
(comments, quoting and layout kept; atomic), then check the record again so that threshold
misses and stale evaluations come back as findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aigov.authoring.atomic import write_atomic
from aigov.authoring.roundtrip import RoundTrip
from aigov.checks.engine import CheckOptions, make_checker
from aigov.diagnostics import Diagnostic, Severity
from aigov.model import Direction
from aigov.model.evaluations import written_number
from aigov.paths import display_path
from aigov.project import load_project, process_file
from aigov.results.incoming import Incoming, problem
from aigov.results.match import Plan, plan
from aigov.results.read import read_results
from aigov.validate import validate_document
from aigov.yamlload import load_text

# the rules whose findings `aigov results add` reports: results against thresholds, stale
# results, monitors beyond their limit
RESULT_RULES = ("AIG-EVAL-003", "AIG-EVAL-004", "AIG-EVAL-006", "AIG-OPS-007")


@dataclass(frozen=True)
class Breach:
    """An added result or reading on the wrong side of its threshold."""

    what: str  # "groundedness on policy-400"
    value: float
    threshold: float
    direction: Direction
    date: dt.date | None

    @property
    def text(self) -> str:
        op = "≤" if self.direction == Direction.LOWER_IS_BETTER else "≥"
        when = f"on {self.date}" if self.date else "(date unknown)"
        return (
            f"{self.what} is {written_number(self.value)} {when}, missing its threshold "
            f"{op} {written_number(self.threshold)}"
        )


@dataclass
class AddReport:
    path: str
    kinds: dict[str, str] = field(default_factory=dict)  # input file → kind read
    read: int = 0
    added_results: int = 0
    added_readings: int = 0
    duplicates: int = 0
    undated: int = 0
    created_metrics: list[str] = field(default_factory=list)
    created_test_sets: list[str] = field(default_factory=list)
    breaches: list[Breach] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)  # RESULT_RULES after the write
    diagnostics: list[Diagnostic] = field(default_factory=list)  # why nothing was written
    written: bool = False

    @property
    def added(self) -> int:
        return self.added_results + self.added_readings


def add_results(
    record_path: Path,
    files: list[Path],
    *,
    root: Path,
    options: CheckOptions,
    kind: str | None = None,
    create: bool = False,
    date: dt.date | None = None,
    component: str | None = None,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
) -> AddReport:
    """Read `files`, match every value to the record at `record_path`, append the new ones
    and check the record. Nothing is written when any value cannot be placed (the report's
    `diagnostics` say where and why), nor when nothing is new."""
    shown = display_path(record_path)
    report = AddReport(shown)
    incoming: list[Incoming] = []
    for f in files:
        got_kind, found, diags = read_results(f, kind)
        report.kinds[display_path(f)] = got_kind
        incoming += found
        report.diagnostics += diags
    report.read = len(incoming)
    loaded = process_file(record_path, keep_doc=True)
    if loaded.record is None or any(d.severity == Severity.ERROR for d in loaded.diagnostics):
        report.diagnostics += [d for d in loaded.diagnostics if d.severity == Severity.ERROR] or [
            problem(
                shown, 1, 1, "the record does not validate", "Run `aigov validate` on it first."
            )
        ]
        return report
    if report.diagnostics:
        return report
    planned = plan(
        loaded.record, incoming, create=create, date=date, component=component, mapping=mapping
    )
    report.duplicates = planned.duplicates
    report.undated = planned.undated
    if planned.diagnostics:
        report.diagnostics = planned.diagnostics
        return report
    report.added_results, report.added_readings = len(planned.results), len(planned.readings)
    report.created_metrics = [m["id"] for m in planned.new_metrics]
    report.created_test_sets = [t["id"] for t in planned.new_test_sets]
    report.breaches = breaches(loaded.record, planned)
    if report.added == 0:
        return report
    text = record_path.read_text(encoding="utf-8-sig")
    new_text, problems = edited_text(text, shown, planned)
    if problems:
        report.diagnostics = problems
        return report
    if not dry_run:
        write_atomic(record_path, new_text)
        report.written = True
        after = load_project(
            [record_path], root=root, checker=make_checker(options), keep_docs=True
        )
        report.findings = [
            d for r in after.records for d in r.diagnostics if d.code in RESULT_RULES
        ]
    return report


def edited_text(text: str, shown: str, planned: Plan) -> tuple[str, list[Diagnostic]]:
    """The record's text with the planned entries appended; problems when the record's
    layout leaves no place for them or the result would not validate."""
    rt = RoundTrip(text)
    data = rt.data
    try:
        if planned.results:
            _extend(_seq(_map(data, "evaluations"), "results"), planned.results)
        if planned.new_test_sets:
            sets = _seq(_map(_map(data, "evaluations"), "plan"), "test_sets")
            _extend(sets, planned.new_test_sets)
        if planned.new_metrics:
            _extend(_seq(_map(data, "metrics"), "model_quality"), planned.new_metrics)
        monitors = data["operations"]["monitoring"] if planned.readings else []
        for index, reading in planned.readings:
            _extend(_seq(monitors[index], "readings"), [reading])
    except _NoPlace as err:
        return text, [problem(shown, 1, 1, f"'{err}' is not a mapping or list, so nothing can be "
                              "appended to it", "Replace the explicit answer with the section itself.")]  # fmt: skip
    new_text = rt.dump()
    doc = load_text(new_text, shown)
    _, _, diags = validate_document(doc)
    errors = [d for d in diags if d.severity == Severity.ERROR]
    return new_text, errors


class _NoPlace(Exception):
    pass


def _map(parent: Any, key: str) -> Any:
    if key not in parent or parent[key] is None:
        parent[key] = CommentedMap()
    if not isinstance(parent[key], dict):
        raise _NoPlace(key)
    return parent[key]


def _seq(parent: Any, key: str) -> Any:
    if key not in parent or parent[key] is None:
        parent[key] = CommentedSeq()
    if not isinstance(parent[key], list):
        raise _NoPlace(key)
    return parent[key]


def _extend(seq: Any, entries: list[dict[str, Any]]) -> None:
    """Append entries written the way the list's last item is (flow `{…}` or block)."""
    last = seq[-1] if len(seq) else None
    flow = isinstance(last, CommentedMap) and last.fa.flow_style()
    for values in entries:
        out = CommentedMap()
        for k, v in values.items():
            # a fresh date each time: a shared one would be written as a YAML anchor and alias
            out[k] = dt.date(v.year, v.month, v.day) if isinstance(v, dt.date) else v
        if flow:
            out.fa.set_flow_style()
        seq.append(out)


def breaches(record: Any, planned: Plan) -> list[Breach]:
    """The planned results and readings that miss their threshold (the result's own, else
    its metric's; a monitor's `limit`)."""
    metrics = {m.id: m for _, m in record.metrics.all()} if record.metrics else {}
    out = []
    for e in planned.results:
        m = metrics.get(e["metric"])
        threshold = e.get("threshold", m.threshold if m else None)
        direction = (m.direction if m else None) or Direction.HIGHER_IS_BETTER
        if threshold is None or _passes(e["value"], threshold, direction):
            continue
        what = (
            e["metric"]
            + (f" [{e['slice']}]" if e.get("slice") else "")
            + (f" on {e['dataset']}" if e.get("dataset") else "")
        )
        out.append(Breach(what, e["value"], threshold, direction, e.get("date")))
    monitors = record.operations.monitoring if record.operations else []
    for index, reading in planned.readings:
        mon = monitors[index]
        if mon.limit is None:
            continue
        direction = mon.direction or Direction.HIGHER_IS_BETTER
        if not _passes(reading["value"], mon.limit, direction):
            out.append(
                Breach(f"monitor {mon.id}", reading["value"], mon.limit, direction, reading["date"])
            )
    return out


def _passes(value: float, threshold: float, direction: Direction) -> bool:
    return value <= threshold if direction == Direction.LOWER_IS_BETTER else value >= threshold
