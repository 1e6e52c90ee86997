"""Tie each incoming value to the record: a metric of the metrics stack (its id) or a
monitor (its id), a test set or data source, a model component. What matches nothing is a
problem at its place in the input file, with the nearest names ("did you mean"), unless
`create` allows new metrics and test sets."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field, replace
from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.model import Record
from aigov.results.incoming import Incoming, problem


@dataclass
class Plan:
    """What to write: result entries, readings by monitor index, and what `create` adds."""

    results: list[dict[str, Any]] = field(default_factory=list)
    readings: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    new_metrics: list[dict[str, Any]] = field(default_factory=list)
    new_test_sets: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0
    undated: int = 0  # results written without a date: the source gives none, nor --date
    diagnostics: list[Diagnostic] = field(default_factory=list)


def slug(text: str) -> str:
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out[:64].strip("-") or "metric"


def _lookup(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """name → id, by id, by name (case-folded) and by the name's slug."""
    out: dict[str, str] = {}
    for ident, name in pairs:
        for key in (ident, ident.casefold(), name.casefold(), slug(name)):
            out.setdefault(key, ident)
    return out


def _find(lookup: dict[str, str], name: str) -> str | None:
    return lookup.get(name) or lookup.get(name.casefold()) or lookup.get(slug(name))


def _guess(name: str, choices: list[str]) -> str:
    found = difflib.get_close_matches(name, choices, n=1, cutoff=0.5)
    found = found or difflib.get_close_matches(
        name.casefold(), [c.casefold() for c in choices], n=1, cutoff=0.5
    )
    return f"Did you mean '{found[0]}'? " if found else ""


def plan(
    record: Record,
    incoming: list[Incoming],
    *,
    create: bool = False,
    date: dt.date | None = None,
    component: str | None = None,
    mapping: dict[str, str] | None = None,
) -> Plan:
    """`mapping` renames the source's metric names first (`acc` → `accuracy`)."""
    out = Plan()
    mapping = mapping or {}
    metric_pairs = [(m.id, m.name) for _, m in record.metrics.all()] if record.metrics else []
    metrics = _lookup(metric_pairs)
    monitors_list = record.operations.monitoring if record.operations else []
    monitors = _lookup([(m.id, m.signal) for m in monitors_list])
    monitor_at = {m.id: i for i, m in enumerate(monitors_list)}
    plan_sets = (
        record.evaluations.plan.test_sets if record.evaluations and record.evaluations.plan else []
    )
    sources = record.data.sources if record.data else []
    datasets = _lookup([(t.id, t.name) for t in plan_sets] + [(s.id, s.name) for s in sources])
    models = record.approach.components if record.approach else []
    components = {c.id for c in models} | {u.component for u in record.uses}
    seen = _existing_keys(record)
    for item in incoming:
        if item.name in mapping:
            item = replace(item, name=mapping[item.name])
        day = item.date or date
        where = (item.source.split(": ", 1)[-1], item.line, item.column)
        used = item.component or component
        if used and used not in components:
            known = sorted(components)
            out.diagnostics.append(
                problem(
                    *where,
                    f"'{used}' is not a model component of {record.id}",
                    _guess(used, known)
                    + (
                        f"Components: {', '.join(known)}."
                        if known
                        else "Add it under approach.components or uses first."
                    ),
                    "AIG-RESULTS-COMPONENT",
                )
            )
            continue
        monitor = _find(monitors, item.name)
        if monitor is not None and _find(metrics, item.name) is None:
            if day is None:
                out.diagnostics.append(
                    problem(
                        *where,
                        f"the reading of monitor '{monitor}' has no date, and aigov never "
                        "invents one",
                        "Give the date it was observed with --date YYYY-MM-DD.",
                    )
                )
                continue
            reading = _reading(item, day)
            key = ("reading", monitor, *_reading_key(reading))
            if key in seen:
                out.duplicates += 1
                continue
            seen.add(key)
            out.readings.append((monitor_at[monitor], reading))
            continue
        metric = _find(metrics, item.name) or _find(
            _lookup([(m["id"], m["name"]) for m in out.new_metrics]), item.name
        )
        if metric is None:
            if not create:
                names = [i for i, _ in metric_pairs] + [m.id for m in monitors_list]
                out.diagnostics.append(
                    problem(
                        *where,
                        f"'{item.name}' is not a metric or monitor of {record.id}",
                        _guess(item.name, names) + "Add it to the metrics stack, map it with "
                        f"--map {item.name}=METRIC, or pass --create to add it under metrics.model_quality.",
                        "AIG-RESULTS-METRIC",
                    )
                )
                continue
            metric = slug(item.name)
            out.new_metrics.append({"id": metric, "name": item.name})
            metrics.setdefault(metric, metric)
        dataset = None
        if item.dataset:
            dataset = _find(datasets, item.dataset)
            if dataset is None:
                if not create:
                    names = [t.id for t in plan_sets] + [s.id for s in sources]
                    out.diagnostics.append(
                        problem(
                            *where,
                            f"'{item.dataset}' is not a test set or data source of {record.id}",
                            _guess(item.dataset, names) + "Add it to evaluations.plan.test_sets, "
                            "or pass --create to add it there.",
                            "AIG-RESULTS-DATASET",
                        )
                    )
                    continue
                dataset = slug(item.dataset)
                out.new_test_sets.append({"id": dataset, "name": item.dataset})
                datasets.setdefault(dataset, dataset)
        entry = _result(item, metric, dataset, used, day)
        if day is None:
            out.undated += 1
        key = ("result", *_result_key(entry))
        if key in seen:
            out.duplicates += 1
            continue
        seen.add(key)
        out.results.append(entry)
    return out


def _result(
    item: Incoming, metric: str, dataset: str | None, component: str | None, day: dt.date | None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"metric": metric, "value": item.value}
    if day is not None:
        entry["date"] = day
    for key, value in (
        ("dataset", dataset),
        ("dataset_name", item.dataset_name),
        ("dataset_config", item.dataset_config),
        ("split", item.split),
        ("slice", item.slice),
        ("threshold", item.threshold),
        ("component", component),
        ("task", item.task),
        ("task_name", item.task_name),
        ("metric_name", item.metric_name),
        ("verified", item.verified),
        ("notes", item.notes),
        ("run", item.run),
        ("source", item.source),
    ):
        if value is not None:
            entry[key] = value
    return entry


def _reading(item: Incoming, day: dt.date) -> dict[str, Any]:
    entry: dict[str, Any] = {"value": item.value, "date": day}
    for key, value in (("slice", item.slice), ("run", item.run), ("source", item.source)):
        if value is not None:
            entry[key] = value
    return entry


def _result_key(e: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two results the same: the same run's value for one metric, dataset, split,
    slice and component; without a run id, the same value on the same date as well."""
    where = (e["metric"], e.get("dataset"), e.get("split"), e.get("slice"), e.get("component"))
    if e.get("run"):
        return ("run", e["run"], *where)
    return ("value", float(e["value"]), str(e.get("date")), *where)


def _reading_key(e: dict[str, Any]) -> tuple[Any, ...]:
    if e.get("run"):
        return ("run", e["run"], e.get("slice"))
    return ("value", float(e["value"]), str(e["date"]), e.get("slice"))


def _existing_keys(record: Record) -> set[tuple[Any, ...]]:
    keys: set[tuple[Any, ...]] = set()
    for r in record.evaluations.results if record.evaluations else []:
        keys.add(("result", *_result_key(r.model_dump(exclude_none=True))))
    for m in record.operations.monitoring if record.operations else []:
        for reading in m.readings:
            keys.add(("reading", m.id, *_reading_key(reading.model_dump(exclude_none=True))))
    return keys
