"""A Hugging Face `model-index` (a README's YAML front matter, or a YAML/JSON file holding
it): `model-index: [{name, results: [{task: {type, name}, dataset: {type, name, config,
split}, metrics: [{type, value, name, verified}]}]}]`. The model-index gives no dates."""

from __future__ import annotations

from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.results.incoming import Incoming, as_number, problem, run_digest
from aigov.yamlload import Document


def looks_like(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("model-index"), list)


def front_matter(text: str) -> str | None:
    """The YAML between the leading `---` lines of a README, with as many blank lines before
    it as the README has, so positions stay the README's."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n" + "\n".join(lines[1:i]) + "\n"
    return None


def parse(doc: Document, source: str) -> tuple[list[Incoming], list[Diagnostic]]:
    out: list[Incoming] = []
    for m, model in enumerate(doc.data["model-index"]):
        if not isinstance(model, dict):
            continue
        run = run_digest("model-index", model.get("name"), model.get("results"))
        for r, result in enumerate(model.get("results") or []):
            if not isinstance(result, dict):
                continue
            task: dict[str, Any] = result["task"] if isinstance(result.get("task"), dict) else {}
            ds: dict[str, Any] = (
                result["dataset"] if isinstance(result.get("dataset"), dict) else {}
            )
            for k, metric in enumerate(result.get("metrics") or []):
                if not isinstance(metric, dict):
                    continue
                value = as_number(metric.get("value"))
                name = metric.get("type") or metric.get("name")
                if value is None or not name:
                    continue
                where = ("model-index", m, "results", r, "metrics", k, "value")
                line, col = doc.position(where)
                dataset = ds.get("type") or ds.get("name")
                named = metric.get("name") if metric.get("type") else None
                out.append(
                    Incoming(
                        str(name),
                        value,
                        None,
                        source,
                        line,
                        col,
                        dataset=str(dataset) if dataset else None,
                        split=str(ds["split"]) if ds.get("split") else None,
                        dataset_name=_text(ds.get("name")),
                        dataset_config=_text(ds.get("config")),
                        task_name=_text(task.get("name")),
                        metric_name=_text(named),
                        task=str(task["type"]) if task.get("type") else None,
                        run=run,
                        verified=metric["verified"]
                        if isinstance(metric.get("verified"), bool)
                        else None,
                    )
                )
    if not out:
        return [], [
            problem(
                doc.path,
                1,
                1,
                "this model-index has no metric values",
                "Each result needs `metrics: [{type: accuracy, value: 0.91}]`.",
            )
        ]
    return out, []


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
