"""Evaluation results for the cards: the latest value per series (as `aigov check` judges it),
the history of each series, and the rows grouped by metric, dataset, split and model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aigov.checks.facts import result_series
from aigov.fieldmodel.titles import slice_words
from aigov.model import Direction, EvalResult, Metric
from aigov.model.evaluations import written_number

from .values import fmt_number, plain

if TYPE_CHECKING:
    from .builder import CardBuilder

#: How the current result of a series is chosen; the cards print it above their results.
LATEST_RULE = (
    "The latest result per metric, dataset, split, slice and model counts: a value is only "
    "compared with earlier values of the same measurement (a validation score never stands in "
    "for a test score, one model's result never for another's). Values are shown as the source "
    "wrote them. The governance checks judge the same results."
)


def with_unit(
    value: float | None, unit: str, direction: Direction | None = None, *, as_written: bool = False
) -> str:
    """A value with its unit; `as_written` keeps every digit the record wrote (result values)."""
    if value is None:
        return ""
    text = written_number(value) if as_written else fmt_number(value)
    if unit:
        text = f"{text}{unit}" if unit in ("%", "‰") else f"{text} {unit}"
    if direction is not None:
        text = ("≤ " if direction == Direction.LOWER_IS_BETTER else "≥ ") + text
    return text


def results_view(b: CardBuilder, results: list[tuple[int, EvalResult]]) -> dict[str, Any]:
    """Latest value per series, history per series, grouped by metric (overall first).

    A series is what `aigov check` judges (`aigov.checks.result_series`): one metric and
    slice across datasets and splits (per component until a newer system-level result
    supersedes it); the history shows each point's dataset and component."""
    metrics = b.metric_index()
    test_sets = test_set_names(b)
    rows = []
    history = []
    for positions in result_series([r for _, r in results]).values():
        items = [(results[j][0], r) for j, r in positions]
        i, latest = items[-1]
        metric = metrics.get(latest.metric)
        unit = metric.unit if metric and metric.unit else ""
        row = result_row(b, i, latest, metric, test_sets)
        if len(items) > 1:
            row["previous"] = previous_point(items[-2][1], unit, test_sets)
            history.append(series_history(row, [r for _, r in items], unit, test_sets))
        rows.append(row)
    rows.sort(
        key=lambda r: (
            r["metric_name"].lower(),
            r["dataset"] or "",
            r["component"] or "",
            r["slice"] is not None,
            r["slice"] or "",
        )
    )
    return {
        "latest": rows,
        "groups": result_groups(rows),
        "history": history,
        "summary": {
            "series": len(rows),
            "passing": sum(1 for r in rows if r["passes"] is True),
            "failing": sum(1 for r in rows if r["passes"] is False),
            "no_threshold": sum(1 for r in rows if r["passes"] is None),
            "measurements": len(results),
        },
        "rule": LATEST_RULE,
    }


def previous_point(prev: EvalResult, unit: str, test_sets: dict[str, str]) -> dict[str, Any]:
    return {
        "value": prev.value,
        "value_text": with_unit(prev.value, unit, as_written=True),
        "date": prev.date_text,
        "dataset": prev.dataset,
        "dataset_name": test_sets.get(prev.dataset or "", prev.dataset or ""),
    }


def series_history(
    row: dict[str, Any], items: list[EvalResult], unit: str, test_sets: dict[str, str]
) -> dict[str, Any]:
    """One series with more than one measurement, oldest first."""
    return {
        "metric": row["metric"],
        "metric_name": row["metric_name"],
        "dataset": row["dataset"],
        "dataset_name": row["dataset_name"],
        "split": row["split"],
        "slice": row["slice"],
        "slice_text": row["slice_text"],
        "component": row["component"],
        "unit": unit,
        "points": [
            {
                "date": r.date_text,
                "dataset": r.dataset,
                "dataset_name": test_sets.get(r.dataset or "", r.dataset or ""),
                "component": r.component,
                "value": r.value,
                "value_text": with_unit(r.value, unit, as_written=True),
                "threshold": r.threshold,
                "passes": r.passes(),
            }
            for r in items
        ],
        "trend": " → ".join(with_unit(r.value, unit, as_written=True) for r in items),
    }


def result_groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive rows of one metric, dataset, split and model."""
    groups: list[dict[str, Any]] = []
    for row in rows:
        gkey = (row["metric"], row["dataset"], row["split"], row["component"])
        if not groups or groups[-1]["key"] != gkey:
            groups.append(
                {
                    "key": gkey,
                    "metric": row["metric"],
                    "metric_name": row["metric_name"],
                    "dataset": row["dataset"],
                    "dataset_name": row["dataset_name"],
                    "split": row["split"],
                    "component": row["component"],
                    "rows": [],
                }
            )
        groups[-1]["rows"].append(row)
    for g in groups:
        g["key"] = "|".join(x or "" for x in g["key"])
    return groups


def test_set_names(b: CardBuilder) -> dict[str, str]:
    ev = b.record.evaluations
    names = {t.id: t.name for t in ev.plan.test_sets} if ev and ev.plan else {}
    if b.record.data:
        for s in b.record.data.sources:
            names.setdefault(s.id, s.name)
    return names


def result_row(
    b: CardBuilder, i: int, r: EvalResult, metric: Metric | None, test_sets: dict[str, str]
) -> dict[str, Any]:
    unit = metric.unit if metric and metric.unit else ""
    ci = r.confidence_interval
    ci_text = None
    if ci is not None:
        ci_text = f"{fmt_number(ci.lower)}–{fmt_number(ci.upper)}"
        if ci.level:
            ci_text += f" ({fmt_number(ci.level * 100)}%)"
    return {
        "index": i,
        "metric": r.metric,
        "metric_name": metric.name if metric else r.metric,
        "dataset": r.dataset,
        "dataset_name": test_sets.get(r.dataset or "", r.dataset or ""),
        "split": r.split,
        "slice": r.slice,
        "slice_text": slice_words(r.slice, capital=True) if r.slice else "",
        "component": f"{r.component}/{r.variant}" if r.component and r.variant else r.component,
        "task": r.task,
        "value": r.value,
        "value_text": with_unit(r.value, unit, as_written=True),
        "threshold": r.threshold,
        "threshold_text": with_unit(r.threshold, unit, r.direction)
        if r.threshold is not None
        else None,
        "direction": plain(r.direction) or "higher_is_better",
        "passes": r.passes(),
        "date": r.date_text,
        "reported_in": r.reported_in,
        "decision_threshold": r.decision_threshold,
        "decision_threshold_text": with_unit(r.decision_threshold, "", as_written=True)
        if r.decision_threshold is not None
        else None,
        "confidence_interval": ci_text,
        "verified": r.verified,
        "evidence": b.evidence(r.evidence),
        "notes": r.notes,
        "previous": None,
    }
