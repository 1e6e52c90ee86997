"""Hugging Face model cards: README.md with YAML metadata (incl. `model-index`) and Markdown.

Metadata follows the Hub's card specification (license, datasets, base_model, tags, language,
pipeline_tag, library_name, co2_eq_emissions, model-index); sections follow the Hub's template
and older Trainer cards. YAML is read by aigov's safe loader (no tags, duplicate keys are errors).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from aigov.authoring import keepable
from aigov.authoring.importers import (
    CardError,
    Imported,
    ImportReport,
    ReportLine,
    as_float,
    component_id,
    first_sentence,
    is_placeholder,
)
from aigov.authoring.importers.markdown import (
    MdSection,
    bullet_items,
    code_blocks,
    environment_facts,
    normalise_heading,
    parse_sections,
    split_front_matter,
)
from aigov.yamlload import MAX_BYTES, LoadError, decode, load_text

__all__ = ["MdSection", "import_hf", "import_hf_text", "read_card", "split_front_matter"]

# pipeline_tag → ModelComponent.kind (only where the kind is unambiguous)
PIPELINE_KIND = {
    "text-generation": "llm",
    "text2text-generation": "llm",
    "conversational": "llm",
    "summarization": "llm",
    "translation": "llm",
    "question-answering": "llm",
    "image-text-to-text": "llm",
    "text-classification": "classifier",
    "token-classification": "classifier",
    "zero-shot-classification": "classifier",
    "image-classification": "vision",
    "object-detection": "vision",
    "image-segmentation": "vision",
    "image-to-image": "vision",
    "text-to-image": "vision",
    "automatic-speech-recognition": "speech",
    "text-to-speech": "speech",
    "audio-classification": "speech",
    "feature-extraction": "embedding",
    "sentence-similarity": "embedding",
    "text-ranking": "ranker",
    "tabular-classification": "classifier",
    "tabular-regression": "regressor",
    "time-series-forecasting": "forecaster",
}

# Markdown headings → component fields. Keys are normalised heading texts.
SECTION_FIELDS: dict[str, tuple[str, str]] = {
    # heading: (component field, how: text | list)
    "intended uses & limitations": ("intended_use", "text"),
    "intended uses and limitations": ("intended_use", "text"),
    "intended use": ("intended_use", "text"),
    "intended uses": ("intended_use", "text"),
    "uses": ("intended_use", "text"),
    "direct use": ("intended_use", "text"),
    "out-of-scope use": ("out_of_scope_uses", "list"),
    "out of scope use": ("out_of_scope_uses", "list"),
    "out-of-scope uses": ("out_of_scope_uses", "list"),
    "misuse, malicious use, and out-of-scope use": ("out_of_scope_uses", "list"),
    "bias, risks, and limitations": ("limitations", "list"),
    "bias, risks and limitations": ("limitations", "list"),
    "risks, limitations and biases": ("limitations", "list"),
    "limitations and bias": ("limitations", "list"),
    "limitations": ("limitations", "list"),
    "recommendations": ("caveats", "list"),
    "training procedure": ("training_procedure", "text"),
    "training details": ("training_procedure", "text"),
    "model architecture and objective": ("architecture", "text"),
    "factors": ("factors", "list"),
}
CITATION_HEADINGS = {"citation", "bibtex entry and citation info", "citation information", "bibtex"}
ENVIRONMENT_HEADINGS = {"environmental impact"}


MAX_README_BYTES = 2 * MAX_BYTES  # the record made from it is limited to MAX_BYTES


def read_card(path: Path) -> str:
    try:
        with path.open("rb") as fh:  # bounded: the path could name a pipe or a device
            raw = fh.read(MAX_README_BYTES + 1)
        if len(raw) > MAX_README_BYTES:
            raise CardError(
                f"is larger than {MAX_README_BYTES // 1048576} MB; the record made from it "
                f"could not be more than {MAX_BYTES // 1048576} MB",
                "Import a model card README, not a document with data or logs pasted into it.",
            )
        return decode(raw)
    except LoadError as exc:
        raise CardError(exc.message, exc.hint, exc.line, exc.column) from None
    except OSError as exc:
        raise CardError(f"cannot be read: {exc.strerror or exc}", "Check the path.") from None


_CARD_HEADING = re.compile(
    r"model (details|description|card|sources)|intended use|uses|training|evaluation|bias|limitations"
    r"|how to get started|environmental impact|technical specifications",
    re.IGNORECASE,
)


def import_hf(path: Path, *, today: dt.date, display: str | None = None) -> Imported:
    shown = display or str(path)
    return import_hf_text(
        read_card(path), today=today, display=shown, fallback_name=path.parent.name or path.stem
    )


class _Sink:
    """Where the card's parts go: mapped onto the component, or kept verbatim in metadata."""

    def __init__(self, imported: Imported) -> None:
        self.imported = imported
        self.component = imported.component
        self.report = imported.report
        self.metadata: dict[str, Any] = {}

    def mapped(self, src: str, target: str, note: str = "") -> None:
        self.report.mapped.append(ReportLine(src, target, note))

    def keep(self, src: str, key: str, value: Any, note: str = "") -> None:
        self.metadata[key] = value
        self.report.kept.append(ReportLine(src, f"metadata.{key}", note))


def import_hf_text(
    text: str, *, today: dt.date, display: str, fallback_name: str = "model"
) -> Imported:
    text = text.replace("\r\n", "\n")
    keepable.refuse(keepable.in_text(text, display), CardError)  # never silently folded
    meta_text, body, _ = split_front_matter(text)
    meta = _metadata(meta_text, display)
    report = ImportReport("Hugging Face model card", display)
    preamble, sections, comments = parse_sections(body)
    if not meta and not any(_CARD_HEADING.search(sec.title) for sec in sections):
        raise CardError(
            "this does not look like a Hugging Face model card: it has no YAML metadata block and "
            "none of the usual model-card sections",
            "Point at the model's README.md (it starts with a '---' metadata block, or has sections "
            "such as 'Model Details', 'Uses' or 'Evaluation'), not at another Markdown file.",
        )
    name, name_from = _model_name(meta, sections, fallback_name)
    component: dict[str, Any] = {"id": component_id(name), "name": name}
    imported = Imported(component, report=report)
    sink = _Sink(imported)
    if name_from:
        sink.mapped(name_from, "name")
    _licence(meta, sink)
    _plain_fields(meta, sink)
    co2 = meta.pop("co2_eq_emissions", None)
    if co2 is not None:
        env, rest = _co2(co2)
        if env:
            component["environmental_impact"] = env
            sink.mapped("co2_eq_emissions", "environmental_impact", "emissions in grams → kg")
        if rest:
            sink.keep("co2_eq_emissions", "co2_eq_emissions", rest, "fields without a place")
    meta.pop("model_name", None)
    index = meta.get("model-index")
    if index is not None:
        meta.pop("model-index")
        _model_index(index, imported, today, sink.keep)
    for key, value in meta.items():
        sink.keep(key, key, value, "no matching field")
    _markdown(preamble, sections, comments, sink)
    if sink.metadata:
        component["metadata"] = sink.metadata
    imported.record["name"] = name
    return imported


def _metadata(meta_text: str | None, display: str) -> dict[str, Any]:
    """The card's YAML metadata block as a mapping ({} when there is none)."""
    if meta_text is None or not meta_text.strip():
        return {}
    try:
        doc = load_text(meta_text, display, kind="model card")
    except LoadError as exc:
        raise CardError(
            f"the YAML metadata is not valid: {exc.message}",
            exc.hint,
            exc.line + 1 if exc.line else 0,
            exc.column,
        ) from None
    if not isinstance(doc.data, dict):  # pragma: no cover - load_text refuses other tops
        raise CardError("the YAML metadata must be a mapping of keys")
    keepable.refuse(keepable.in_values(doc), CardError, 1)  # "\N" in double quotes
    return dict(doc.data)


def _model_name(meta: dict[str, Any], sections: list[MdSection], fallback: str) -> tuple[str, str]:
    """The model's name and where it came from (model_name, model-index, the # title)."""
    title = next((s.title for s in sections if s.level == 1), "")
    index = meta.get("model-index")
    index_name = (
        index[0].get("name")
        if isinstance(index, list) and index and isinstance(index[0], dict)
        else None
    )
    name_from = next(
        (
            src
            for src, value in (
                ("model_name", meta.get("model_name")),
                ("model-index[0].name", index_name),
                (f"# {title}", _title_name(title)),
            )
            if value
        ),
        "",
    )
    name = str(meta.get("model_name") or index_name or _title_name(title) or fallback)
    return name, name_from


def _licence(meta: dict[str, Any], sink: _Sink) -> None:
    licence = meta.pop("license", None)
    if licence is None:
        return
    if licence == "other" and meta.get("license_name"):
        sink.component["license"] = str(meta.pop("license_name"))
        sink.mapped("license_name", "license", "license: other")
    else:
        sink.component["license"] = str(licence)
        sink.mapped("license", "license")
    if "license_link" in meta:
        sink.keep("license_link", "license_link", meta.pop("license_link"))


def _plain_fields(meta: dict[str, Any], sink: _Sink) -> None:
    """The one-to-one fields: base model, pipeline tag (and the kind it implies), library,
    datasets, tags, languages."""
    component = sink.component
    base = meta.pop("base_model", None)
    if isinstance(base, list):
        if base:
            component["base_model"] = str(base[0])
            sink.mapped("base_model", "base_model", "first of the list")
        if len(base) > 1:
            sink.keep("base_model", "base_model", base, "several base models")
    elif base is not None:
        component["base_model"] = str(base)
        sink.mapped("base_model", "base_model")
    for key, target in (("pipeline_tag", "pipeline_tag"), ("library_name", "library")):
        if key in meta:
            component[target] = str(meta.pop(key))
            sink.mapped(key, target)
    if component.get("pipeline_tag") in PIPELINE_KIND:
        component["kind"] = PIPELINE_KIND[component["pipeline_tag"]]
        sink.mapped("pipeline_tag", "kind", f"{component['pipeline_tag']} → {component['kind']}")
    for key, target in (("datasets", "datasets"), ("tags", "tags"), ("language", "languages")):
        if key in meta:
            value = meta.pop(key)
            items = value if isinstance(value, list) else [value]
            clean = [str(v) for v in items if v is not None]
            if clean:
                component[target] = clean
                sink.mapped(key, target)
            if len(clean) != len(items):
                sink.keep(key, key, value, "holds empty entries")


def _markdown(preamble: list[str], sections: list[MdSection], comments: int, sink: _Sink) -> None:
    """The Markdown: the opening text becomes the description and summary, each section is
    mapped to a field or kept in metadata.card_sections."""
    if comments:
        sink.report.empty.append(
            ReportLine("HTML comments", "", f"{comments} editor comment(s) (<!-- -->) not imported")
        )
    intro = "\n".join(preamble).strip()
    h1 = [s for s in sections if s.level == 1]
    if h1:
        intro = "\n".join([intro, h1[0].text(with_children=False)]).strip()
        top = h1[0].children + [s for s in sections if s.level != 1] + h1[1:]
    else:
        top = sections
    if intro and not is_placeholder(intro):
        sink.keep("(introduction)", "description", intro, "the card's opening text")
        sink.imported.record["summary"] = first_sentence(intro)
    for section in top:
        _section(section, sink.imported, sink.component, sink.metadata, sink.keep, sink.mapped)


def _title_name(title: str) -> str:
    text = re.sub(r"^model card for\s+", "", title.strip(), flags=re.I)
    return re.sub(r"[*_`]", "", text).strip()


def _co2(value: Any) -> tuple[dict[str, Any], Any]:
    """HF co2_eq_emissions (grams) → EnvironmentalImpact; the rest stays."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"co2_eq_kg": float(value) / 1000}, None
    if not isinstance(value, dict):
        return {}, value
    env: dict[str, Any] = {}
    rest = dict(value)
    grams = as_float(rest.get("emissions"))
    if grams is not None:
        env["co2_eq_kg"] = grams / 1000
        rest.pop("emissions")
    for key, target in (
        ("hardware_used", "hardware"),
        ("cloud_provider", "cloud_provider"),
        ("cloud_region", "region"),
    ):
        if isinstance(rest.get(key), str):
            env[target] = rest.pop(key)
    return env, rest or None


def _model_index(index: Any, imported: Imported, today: dt.date, keep: Any) -> None:
    report = imported.report
    if not isinstance(index, list):
        keep("model-index", "model-index", index, "not a list of models")
        return
    leftovers: list[Any] = []
    for m, model in enumerate(index):
        results = model.get("results") if isinstance(model, dict) else None
        if not isinstance(results, list):
            leftovers.append(model)
            continue
        if not results:
            report.empty.append(ReportLine(f"model-index[{m}]", "", "no results"))
        for r, result in enumerate(results):
            task = result.get("task") if isinstance(result, dict) else None
            dataset = result.get("dataset") if isinstance(result, dict) else None
            metrics = result.get("metrics") if isinstance(result, dict) else None
            if isinstance(result, dict) and "metric" in result and metrics is None:
                metrics = [result["metric"]]  # the older `metric:` spelling
            if not isinstance(metrics, list):
                leftovers.append(result)
                continue
            for k, metric in enumerate(metrics):
                where = f"model-index[{m}].results[{r}].metrics[{k}]"
                value = as_float(metric.get("value")) if isinstance(metric, dict) else None
                if value is None:
                    leftovers.append({"task": task, "dataset": dataset, "metric": metric})
                    report.kept.append(
                        ReportLine(where, "metadata.model-index", "value is not a number")
                    )
                    continue
                out: dict[str, Any] = {
                    "metric": str(metric.get("name") or metric.get("type")),
                    "value": value,
                    "date": today,
                }
                notes = []
                if isinstance(dataset, dict):
                    if dataset.get("type") or dataset.get("name"):
                        out["dataset"] = str(dataset.get("type") or dataset.get("name"))
                    if dataset.get("split"):
                        out["split"] = str(dataset["split"])
                    extra = {
                        k2: v
                        for k2, v in dataset.items()
                        if k2 not in ("type", "split") and v is not None
                    }
                    if extra.get("name") == out.get("dataset"):
                        extra.pop("name")
                    notes += [f"dataset {k2}: {v}" for k2, v in extra.items()]
                if isinstance(task, dict):
                    if task.get("type"):
                        out["task"] = str(task["type"])
                    if task.get("name"):
                        notes.append(f"task: {task['name']}")
                if metric.get("verified") is not None:
                    out["verified"] = bool(metric["verified"])
                if metric.get("name") and metric.get("type") and metric["name"] != metric["type"]:
                    notes.append(f"metric type: {metric['type']}")
                for extra_key in ("config", "args"):
                    if metric.get(extra_key) is not None:
                        notes.append(f"metric {extra_key}: {metric[extra_key]}")
                if notes:
                    out["notes"] = "; ".join(notes)
                out["component"] = imported.component["id"]
                imported.results.append(out)
                report.mapped.append(
                    ReportLine(where, "evaluations.results", f"{out['metric']} = {value}")
                )
    if imported.results:
        imported.report.notes.append(
            f"The card gives no measurement dates, so the {len(imported.results)} evaluation "
            f"result(s) are dated {today.isoformat()}, the day of the import; correct them if you "
            "know when they were measured."
        )
    if leftovers:
        keep("model-index", "model-index", leftovers, "entries that are not numeric results")


def _section(
    section: MdSection,
    imported: Imported,
    component: dict[str, Any],
    metadata: dict[str, Any],
    keep: Any,
    mapped: Any,
) -> None:
    report = imported.report
    heading = normalise_heading(section.title)
    label = "#" * section.level + " " + section.title
    full = section.text()
    if heading in SECTION_FIELDS:
        target, how = SECTION_FIELDS[heading]
        own_children_mapped = [
            c
            for c in section.children
            if normalise_heading(c.title) in SECTION_FIELDS
            or normalise_heading(c.title) in CITATION_HEADINGS
        ]
        text = section.text(with_children=False) if own_children_mapped else full
        if is_placeholder(text):
            report.empty.append(
                ReportLine(
                    label, "", "said only 'More information needed'" if text.strip() else "empty"
                )
            )
        else:
            if how == "list":
                items = bullet_items(text)
                component[target] = [*component.get(target, []), *items]
            else:
                component[target] = (
                    (component[target] + "\n\n" + text) if component.get(target) else text
                )
            mapped(label, target)
        if own_children_mapped:
            for child in section.children:
                _section(child, imported, component, metadata, keep, mapped)
        return
    if heading in CITATION_HEADINGS:
        blocks = code_blocks(full)
        texts = blocks or ([full] if not is_placeholder(full) else [])
        for block in texts:
            style = "bibtex" if block.lstrip().startswith("@") else None
            entry = {"text": block, **({"style": style} if style else {})}
            component.setdefault("citations", []).append(entry)
        if texts:
            mapped(label, "citations")
        else:
            report.empty.append(ReportLine(label, "", "empty"))
        return
    if heading in ENVIRONMENT_HEADINGS:
        env, rest = environment_facts(full)
        if env:
            component["environmental_impact"] = {**component.get("environmental_impact", {}), **env}
            mapped(label, "environmental_impact")
        text = "\n".join(rest).strip()
        if text and not is_placeholder(text):
            _keep_section(label, section.title, text, metadata, report)
        return
    if section.children and is_placeholder(section.text(with_children=False)):
        for child in section.children:
            _section(child, imported, component, metadata, keep, mapped)
        return
    if is_placeholder(full):
        report.empty.append(
            ReportLine(
                label, "", "said only 'More information needed'" if full.strip() else "empty"
            )
        )
        return
    _keep_section(label, section.title, full, metadata, report, "no matching field")


def _keep_section(
    label: str,
    title: str,
    text: str,
    metadata: dict[str, Any],
    report: ImportReport,
    note: str = "",
) -> None:
    sections = metadata.setdefault("card_sections", {})
    key = title
    n = 2
    while key in sections:
        key = f"{title} ({n})"
        n += 1
    sections[key] = text
    report.kept.append(ReportLine(label, f"metadata.card_sections.{key}", note))
