"""Hugging Face model card export: README.md with YAML metadata and the Markdown model card.

The metadata follows the Hub's model card specification: `license` (a Hub licence id, or
`other` with `license_name`), `language`, `library_name`, `pipeline_tag`, `tags`, `datasets`,
`base_model`, and `model-index` with the evaluation results. `huggingface_hub.ModelCard`
parses the result (the tests prove it); nothing here imports huggingface_hub.

What cannot go into `model-index` (a result without a dataset, or without a task type when
the model has no `pipeline_tag`) stays in the card's body and is listed there, never dropped
silently. Only the latest value of each metric × dataset × split × slice is exported; the
history stays in the body.
"""

from __future__ import annotations

import re
from typing import Any

from aigov import textsafety
from aigov.model import EvalResult, ModelComponent, Record
from aigov.project import LoadedRecord

from .values import plain

# Licence ids the Hub accepts in `license:` (https://huggingface.co/docs/hub/repositories-licenses).
HF_LICENSES = frozenset(
    [
        "apache-2.0",
        "mit",
        "openrail",
        "bigscience-openrail-m",
        "creativeml-openrail-m",
        "bigscience-bloom-rail-1.0",
        "bigcode-openrail-m",
        "afl-3.0",
        "artistic-2.0",
        "bsl-1.0",
        "bsd",
        "bsd-2-clause",
        "bsd-3-clause",
        "bsd-3-clause-clear",
        "c-uda",
        "cc",
        "cc0-1.0",
        "cc-by-2.0",
        "cc-by-2.5",
        "cc-by-3.0",
        "cc-by-4.0",
        "cc-by-sa-3.0",
        "cc-by-sa-4.0",
        "cc-by-nc-2.0",
        "cc-by-nc-3.0",
        "cc-by-nc-4.0",
        "cc-by-nd-4.0",
        "cc-by-nc-nd-3.0",
        "cc-by-nc-nd-4.0",
        "cc-by-nc-sa-2.0",
        "cc-by-nc-sa-3.0",
        "cc-by-nc-sa-4.0",
        "cdla-sharing-1.0",
        "cdla-permissive-1.0",
        "cdla-permissive-2.0",
        "wtfpl",
        "ecl-2.0",
        "epl-1.0",
        "epl-2.0",
        "etalab-2.0",
        "eupl-1.1",
        "eupl-1.2",
        "agpl-3.0",
        "gfdl",
        "gpl",
        "gpl-2.0",
        "gpl-3.0",
        "lgpl",
        "lgpl-2.1",
        "lgpl-3.0",
        "isc",
        "h-research",
        "intel-research",
        "lppl-1.3c",
        "ms-pl",
        "apple-ascl",
        "apple-amlr",
        "mpl-2.0",
        "odc-by",
        "odbl",
        "openrail++",
        "osl-3.0",
        "postgresql",
        "ofl-1.1",
        "ncsa",
        "unlicense",
        "zlib",
        "pddl",
        "lgpl-lr",
        "deepfloyd-if-license",
        "llama2",
        "llama3",
        "llama3.1",
        "llama3.2",
        "llama3.3",
        "llama4",
        "gemma",
        "unknown",
        "other",
    ]
)


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-") or "other"


def component_results(record: Record, component: ModelComponent) -> list[EvalResult]:
    """Results for this model: attributed to it, or unattributed when it is the only model."""
    single = bool(record.approach) and len(record.approach.components) == 1  # type: ignore[union-attr]
    results = record.evaluations.results if record.evaluations else []
    return [r for r in results if r.component == component.id or (single and r.component is None)]


def model_index(
    record: Record, component: ModelComponent
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The `model-index` entries and the results left out of it (with the reason)."""
    metric_names = {m.id: m.name for _, m in record.metrics.all()} if record.metrics else {}
    test_sets = (
        {t.id: t.name for t in record.evaluations.plan.test_sets}
        if record.evaluations and record.evaluations.plan
        else {}
    )
    sources = {s.id: s.name for s in record.data.sources} if record.data else {}
    latest: dict[tuple[str, ...], EvalResult] = {}
    skipped: list[dict[str, str]] = []
    for r in component_results(record, component):
        task = r.task or component.pipeline_tag
        if not r.dataset:
            skipped.append({"metric": r.metric, "date": r.date.isoformat(), "reason": "no dataset"})
            continue
        if not task:
            skipped.append(
                {
                    "metric": r.metric,
                    "date": r.date.isoformat(),
                    "reason": "no task type (set `task` on the result or `pipeline_tag` on the model)",
                }
            )
            continue
        key = (task, r.dataset, r.split or "", r.metric, r.slice or "")
        if key not in latest or latest[key].date <= r.date:
            latest[key] = r
    groups: dict[tuple[str, str, str], list[EvalResult]] = {}
    for (task, dataset, split, _, _), r in sorted(latest.items()):
        groups.setdefault((task, dataset, split), []).append(r)
    results = []
    for (task, dataset, split), items in groups.items():
        ds: dict[str, Any] = {
            "name": _one_line(test_sets.get(dataset) or sources.get(dataset) or dataset),
            "type": _one_line(dataset),
        }
        if split:
            ds["split"] = _one_line(split)
        metrics = []
        for r in items:
            name = _one_line(metric_names.get(r.metric, r.metric))
            entry: dict[str, Any] = {
                "type": _one_line(r.metric),
                "value": r.value,
                "name": f"{name} ({_one_line(r.slice)})" if r.slice else name,
            }
            if r.slice:
                entry["args"] = {"slice": _one_line(r.slice)}
            if r.verified:
                entry["verified"] = True
            metrics.append(entry)
        results.append({"task": {"type": _one_line(task)}, "dataset": ds, "metrics": metrics})
    if not results:
        return [], skipped
    return [{"name": _one_line(component.name), "results": results}], skipped


def hf_metadata(loaded: LoadedRecord, component: ModelComponent) -> dict[str, Any]:
    """The YAML metadata block of the Hugging Face README for this model component."""
    record = loaded.record
    assert record is not None
    meta: dict[str, Any] = {}
    if component.license:
        lic = component.license.strip().lower()
        if lic in HF_LICENSES:
            meta["license"] = lic
        else:
            meta["license"] = "other"
            meta["license_name"] = _slug(component.license)
    languages = component.languages or (record.use_case.languages if record.use_case else [])
    if languages:
        meta["language"] = [_one_line(x) for x in languages]
    if component.library:
        meta["library_name"] = _one_line(component.library)
    if component.pipeline_tag:
        meta["pipeline_tag"] = _one_line(component.pipeline_tag)
    tags = []
    for tag in [*component.tags, *record.tags, "aigov"]:
        tag = _one_line(tag)
        if tag and tag not in tags:
            tags.append(tag)
    meta["tags"] = tags
    if component.datasets:
        meta["datasets"] = [_one_line(d) for d in component.datasets]
    if component.base_model:
        meta["base_model"] = _one_line(component.base_model)
    index, _ = model_index(record, component)
    if index:
        meta["model-index"] = index
    meta["aigov"] = {
        "system": record.id,
        "model": component.id,
        "content_hash": loaded.content_hash,
    }
    for key, value in component.metadata.items():  # carried over from an imported card
        if key not in meta and key != "model-index":
            meta[str(key)] = plain(value)
    return meta


def front_matter(meta: dict[str, Any]) -> str:
    """The README's YAML metadata block, written by the one front-matter function (every
    string one line, direction controls removed, what a YAML reader refuses replaced)."""
    return textsafety.front_matter(meta)
