"""Hugging Face model card export: README.md with YAML metadata and the Markdown model card.

The metadata follows the Hub's model card specification: `license` (a Hub licence id, or
`other` with `license_name`), `language`, `library_name`, `pipeline_tag`, `tags`, `datasets`,
`base_model`, and `model-index` with the evaluation results. `huggingface_hub.ModelCard`
parses the result (the tests prove it); nothing here imports huggingface_hub.

Nothing the Hub computes is ever written: in `model-index`, `verified` (and `verifyToken`) mean
"computed by the Hub's evaluation service", so a result the record marks as independently
validated (by a model-risk team, say) is listed under `aigov.independently_validated` instead.
`library_name` is written only when the record's library maps to one of the Hub's library keys
(HF_LIBRARIES); otherwise it is left out and the export notes say so.

A result goes into `model-index` only when it is attributed to this model (`component`) and has a
dataset and a task type (its own `task` or the model's `pipeline_tag`). Everything else stays in
the card's body and is listed in the export notes, never dropped silently; with no such result
there is no `model-index` at all. Only the latest value of each metric × dataset × split × slice
is exported; the history stays in the body.
"""

from __future__ import annotations

import re
from typing import Any

from aigov import textsafety
from aigov.checks.facts import result_order
from aigov.i18n import N_
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


# Library keys the Hub knows in `library_name:`. huggingface_hub ships no list of them; the keys
# are those of MODEL_LIBRARIES_UI_ELEMENTS in huggingface.js, packages/tasks/src/model-libraries.ts
# ("the key you choose is the tag your models have in their library_name on the Hub"), read in
# 2026. Only the widely used ones are listed; a library not here is left out of the export
# rather than guessed. Frameworks such as PyTorch, XGBoost or LightGBM have no key.
HF_LIBRARIES = frozenset(
    [
        "adapter-transformers",
        "allennlp",
        "asteroid",
        "bertopic",
        "chronos-forecasting",
        "diffusers",
        "espnet",
        "fairseq",
        "fastai",
        "fasttext",
        "flair",
        "gliner",
        "keras",
        "keras-hub",
        "lerobot",
        "llama-cpp-python",
        "ml-agents",
        "mlx",
        "model2vec",
        "nemo",
        "open_clip",
        "paddlenlp",
        "peft",
        "pyannote-audio",
        "sample-factory",
        "sentence-transformers",
        "setfit",
        "sklearn",
        "span-marker",
        "spacy",
        "speechbrain",
        "stable-baselines3",
        "stanza",
        "tabpfn",
        "tf-keras",
        "timm",
        "transformers",
        "transformers.js",
        "ultralytics",
        "unity-sentis",
    ]
)

# Common spellings of those libraries in records (lower case) -> the Hub's key.
LIBRARY_ALIASES = {
    "scikit-learn": "sklearn",
    "scikit learn": "sklearn",
    "sentence transformers": "sentence-transformers",
    "sentence_transformers": "sentence-transformers",
    "huggingface transformers": "transformers",
    "hugging face transformers": "transformers",
    "pyannote.audio": "pyannote-audio",
    "open-clip": "open_clip",
    "openclip": "open_clip",
    "stable_baselines3": "stable-baselines3",
    "nvidia nemo": "nemo",
}


def hub_library(library: str | None) -> str | None:
    """The Hub's `library_name` key for the record's library, or None when it has none."""
    if not library:
        return None
    name = " ".join(library.split()).lower()
    name = LIBRARY_ALIASES.get(name, name)
    return name if name in HF_LIBRARIES else None


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
    latest: dict[tuple[str, ...], tuple[int, EvalResult]] = {}
    skipped: list[dict[str, str]] = []
    for i, r in enumerate(component_results(record, component)):
        task = r.task or component.pipeline_tag
        if r.component != component.id:
            skipped.append(
                {
                    "metric": r.metric,
                    "date": r.date_text,
                    "reason": N_("not attributed to this model (set component on the result)"),
                }
            )
            continue
        if not r.dataset:
            skipped.append({"metric": r.metric, "date": r.date_text, "reason": N_("no dataset")})
            continue
        if not task:
            skipped.append(
                {
                    "metric": r.metric,
                    "date": r.date_text,
                    "reason": N_(
                        "no task type (set task on the result or pipeline_tag on the model)"
                    ),
                }
            )
            continue
        key = (task, r.dataset, r.dataset_config or "", r.split or "", r.metric, r.slice or "")
        if key not in latest or result_order(*latest[key]) <= result_order(i, r):
            latest[key] = (i, r)
    groups: dict[tuple[str, str, str, str], list[EvalResult]] = {}
    for (task, dataset, config, split, _, _), (_, r) in sorted(latest.items()):
        groups.setdefault((task, dataset, config, split), []).append(r)
    results = []
    for (task, dataset, config, split), items in groups.items():
        first = items[0]
        ds: dict[str, Any] = {
            "name": _one_line(
                first.dataset_name or test_sets.get(dataset) or sources.get(dataset) or dataset
            ),
            "type": _one_line(dataset),
        }
        if config:
            ds["config"] = _one_line(config)
        if split:
            ds["split"] = _one_line(split)
        metrics = []
        for r in items:
            name = _one_line(r.metric_name or metric_names.get(r.metric, r.metric))
            entry: dict[str, Any] = {
                "type": _one_line(r.metric),
                "value": r.value,
                "name": f"{name} ({_one_line(r.slice)})" if r.slice else name,
            }
            if r.slice:
                entry["args"] = {"slice": _one_line(r.slice)}
            # never `verified`: on the Hub it means "computed by the Hub's evaluation service"
            metrics.append(entry)
        task_entry: dict[str, Any] = {"type": _one_line(task)}
        task_name = next((r.task_name for r in items if r.task_name), None)
        if task_name:
            task_entry["name"] = _one_line(task_name)
        results.append({"task": task_entry, "dataset": ds, "metrics": metrics})
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
    library = hub_library(component.library)
    if library:
        meta["library_name"] = library
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
    validated = validated_results(record, component)
    if validated:
        meta["aigov"]["independently_validated"] = validated
    for key, value in component.metadata.items():  # carried over from an imported card
        if key not in meta and key not in HUB_OWNED_KEYS:
            meta[str(key)] = plain(value)
    return meta


# Keys an imported card's metadata may hold that are never carried over: the export computes
# them from the record (or deliberately leaves them out), and the Hub computes the eval results.
HUB_OWNED_KEYS = frozenset(["model-index", "library_name"])


def validated_results(record: Record, component: ModelComponent) -> list[dict[str, Any]]:
    """The results of this model the record marks as independently validated (`verified`):
    an internal validation, kept out of model-index where `verified` means "by the Hub"."""
    out: list[dict[str, Any]] = []
    for r in component_results(record, component):
        if not r.verified:
            continue
        item: dict[str, Any] = {"metric": _one_line(r.metric), "date": r.date_text}
        for key in ("dataset", "split", "slice"):
            value = getattr(r, key)
            if value:
                item[key] = _one_line(value)
        item["value"] = r.value
        out.append(item)
    return out


def export_notes(record: Record, component: ModelComponent) -> dict[str, Any]:
    """What the export notes of the README say: whether there is a model-index, what was kept
    out of it, the internally validated results and a library without a Hub key."""
    index, skipped = model_index(record, component)
    library = component.library
    return {
        "model_index": bool(index),
        "skipped": skipped,
        "validated": validated_results(record, component),
        "library": _one_line(library) if library and not hub_library(library) else None,
    }


def front_matter(meta: dict[str, Any]) -> str:
    """The README's YAML metadata block, written by the one front-matter function (every
    string one line, direction controls removed, what a YAML reader refuses replaced)."""
    return textsafety.front_matter(meta)
