"""An MLflow run as JSON: `mlflow runs describe --run-id ID` prints `{"info": {run_id,
start_time, end_time, …}, "data": {metrics: {name: value}, params: {…}, tags: {…}}}`; the
REST API (`GET /api/2.0/mlflow/runs/get`) wraps it in `{"run": …}` with metrics, params and
tags as lists of `{key, value}` (metrics also with `timestamp` and `step`). Times are in
milliseconds. Params `dataset`, `split`, `slice` and `component` (or tags of those names, or
`mlflow.data.*`) say what was evaluated."""

from __future__ import annotations

from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.results.incoming import Incoming, as_date, as_number, problem
from aigov.yamlload import Document

CONTEXT = ("dataset", "split", "slice", "component")


def _run(data: Any) -> tuple[Any, tuple[str, ...]]:
    if isinstance(data, dict) and isinstance(data.get("run"), dict):
        return data["run"], ("run",)
    return data, ()


def looks_like(data: Any) -> bool:
    run, _ = _run(data)
    return isinstance(run, dict) and isinstance(run.get("info"), dict) and "data" in run


def _pairs(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, list):
        return {str(p["key"]): p.get("value") for p in value if isinstance(p, dict) and "key" in p}
    return {}


def parse(doc: Document, source: str) -> tuple[list[Incoming], list[Diagnostic]]:
    run, at = _run(doc.data)
    info, body = run["info"], run.get("data") or {}
    run_id = info.get("run_id") or info.get("run_uuid")
    params, tags = _pairs(body.get("params")), _pairs(body.get("tags"))
    context = {k: str(v) for k, v in {**tags, **params}.items() if k in CONTEXT and v}
    day = as_date(info.get("end_time")) or as_date(info.get("start_time"))
    out: list[Incoming] = []
    metrics = body.get("metrics")
    entries: list[tuple[str, Any, Any, tuple[str | int, ...]]] = []
    if isinstance(metrics, dict):
        entries = [(str(k), v, None, (*at, "data", "metrics", k)) for k, v in metrics.items()]
    elif isinstance(metrics, list):
        for i, m in enumerate(metrics):
            if isinstance(m, dict) and "key" in m:
                entries.append(
                    (str(m["key"]), m.get("value"), m.get("timestamp"), (*at, "data", "metrics", i))
                )
    notes = f"run name {info['run_name']}" if info.get("run_name") else None
    for name, raw, stamp, where in entries:
        value = as_number(raw)
        if value is None:
            continue
        line, col = doc.position(where)
        out.append(
            Incoming(
                name,
                value,
                as_date(stamp) if stamp is not None else day,
                source,
                line,
                col,
                run=f"mlflow:{run_id}" if run_id else None,
                notes=notes,
                dataset=context.get("dataset"),
                split=context.get("split"),
                slice=context.get("slice"),
                component=context.get("component"),
            )
        )
    if not out:
        line, col = doc.position((*at, "data"))
        return [], [
            problem(
                doc.path,
                line,
                col,
                "this MLflow run has no numeric metrics",
                "`data.metrics` should hold the run's metrics (name: value).",
            )
        ]
    return out, []
