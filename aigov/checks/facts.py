"""Facts derived from a record that the checks, the cards and the site must agree on.

Each fact has exactly one definition here; rules, card contexts and site pages call these
functions instead of computing their own version.

- `review_due(record, policy)`: when the next governance review is due.
- `latest_results(results)` / `result_series(results)`: which evaluation result is the
  current one for each metric, dataset, split, slice and model component.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from aigov.checks.policy import Policy, default_policy
from aigov.dates import add_days_clamped
from aigov.model import EvalResult, Record

#: What identifies an evaluation series: (metric, dataset, split, slice, component); "" for
#: an absent part; a variant's results are "component/variant".
SeriesKey = tuple[str, str, str, str, str]


def review_cadence(record: Record, policy: Policy | None = None) -> int:
    """Days between reviews: the record's `lifecycle.review_cadence_days`, else the policy's
    default (`review_cadence_days` in aigov.yaml, 180 days when no policy says otherwise)."""
    lc = record.lifecycle
    own = lc.review_cadence_days if lc else None
    return own or (policy or default_policy()).review_cadence_days


def review_due(record: Record, policy: Policy | None = None) -> dt.date | None:
    """The date the next governance review is due: last review plus the cadence (the record's,
    else the policy default). `None` when no last review is recorded."""
    lc = record.lifecycle
    if lc is None or lc.last_review is None:
        return None
    return add_days_clamped(lc.last_review, review_cadence(record, policy))


def series_key(result: EvalResult) -> SeriesKey:
    """The series a result belongs to: its metric, dataset, split, slice and component.

    A value is only ever compared with earlier values of the same measurement: a validation
    accuracy is never the "previous" train accuracy, a result on one test set never replaces
    one on another, and one model's result never stands in for another model's or the system's.
    """
    component = result.component or ""
    if result.variant:
        component = f"{component}/{result.variant}"  # each variant is a measurement of its own
    return (
        result.metric,
        result.dataset or "",
        result.split or "",
        result.slice or "",
        component,
    )


def result_order(index: int, result: EvalResult) -> tuple[int, tuple[dt.date, dt.date], int]:
    """Where a result sits in its series: undated ones first (they cannot be shown to be newer),
    then by date (a partial date by the period it names), record order on a tie."""
    if result.date is None:
        return (0, (dt.date.min, dt.date.min), index)
    return (1, result.date.sort_key(), index)


def _order(item: tuple[int, EvalResult]) -> tuple[int, tuple[dt.date, dt.date], int]:
    return result_order(*item)


def result_series(
    results: Sequence[EvalResult],
) -> dict[SeriesKey, list[tuple[int, EvalResult]]]:
    """Results grouped into series (see `series_key`), each oldest first as (index, result).

    A model component's series whose latest result is older than the latest system-level
    result of the same metric, dataset, split and slice is superseded by it and becomes part
    of the system-level series. Results of the same date keep their record order, so the
    later entry counts as the newer one. Series keep the order they first appear in.
    """
    series: dict[SeriesKey, list[tuple[int, EvalResult]]] = {}
    for i, r in enumerate(results):
        series.setdefault(series_key(r), []).append((i, r))
    for items in series.values():
        items.sort(key=_order)
    for key in list(series):
        *measurement, component = key
        system = series.get((*measurement, ""))  # type: ignore[arg-type]
        if not component or system is None:
            continue
        if _order(series[key][-1]) < _order(system[-1]):
            system.extend(series.pop(key))
            system.sort(key=_order)
    return series


def latest_results(results: Sequence[EvalResult]) -> list[tuple[int, EvalResult]]:
    """The current result of each series (see `result_series`) as (index, result): the latest
    by date per metric, dataset, split, slice and component, unless a newer system-level
    result of the same measurement supersedes the component's."""
    return [items[-1] for items in result_series(results).values()]
