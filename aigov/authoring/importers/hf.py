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
    Attachment,
    CardError,
    Imported,
    ImportReport,
    ReportLine,
    as_date,
    as_float,
    as_number,
    component_id,
    decode_image,
    first_sentence,
    image_extension,
    is_placeholder,
    source_note,
    undated_note,
)
from aigov.authoring.importers.markdown import (
    MdSection,
    bullet_items,
    cell_number,
    code_blocks,
    embedded_images,
    environment_facts,
    html_tables,
    markdown_tables,
    normalise_heading,
    parse_sections,
    split_front_matter,
    strip_markdown,
)
from aigov.authoring.recorddata import slug
from aigov.yamlload import MAX_BYTES, LoadError, decode, load_text

__all__ = [
    "MdSection",
    "import_hf",
    "import_hf_text",
    "read_card",
    "split_front_matter",
    "with_hub_repo",
]

#: What the source block says of a README with the Hub's metadata block.
HUB_STANDARD = "Hugging Face model card"
HUB_REGISTER = "Hugging Face Hub"
_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}(?:/[A-Za-z0-9][\w.-]{0,95})?$")

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
    "caveats and recommendations": ("caveats", "list"),
    "caveats": ("caveats", "list"),
    "training procedure": ("training_procedure", "text"),
    "training details": ("training_procedure", "text"),
    "training hyperparameters": ("training_procedure", "text"),
    "fine-tuning hyper-parameters": ("training_procedure", "text"),
    "hyperparameters": ("training_procedure", "text"),
    "hyper-parameters": ("training_procedure", "text"),
    "preprocessing": ("training_procedure", "text"),
    "model architecture and objective": ("architecture", "text"),
    "model architecture": ("architecture", "text"),
    "factors": ("factors", "list"),
    "relevant factors": ("factors", "list"),
    "performance and limitations": ("limitations", "list"),
    "risks and limitations": ("limitations", "list"),
    "bias": ("ethical_considerations", "risks"),
    "biases": ("ethical_considerations", "risks"),
    "bias and fairness": ("ethical_considerations", "risks"),
    "ethical considerations": ("ethical_considerations", "risks"),
    "ethical considerations and limitations": ("ethical_considerations", "risks"),
    "primary intended uses": ("intended_use", "text"),
    "intended use cases": ("intended_use", "text"),
    "out-of-scope use cases": ("out_of_scope_uses", "list"),
    "misuse and out-of-scope use": ("out_of_scope_uses", "list"),
    "out-of-scope": ("out_of_scope_uses", "list"),
    "model developers": ("provider", "text"),
    "developed by": ("provider", "text"),
    "person or organization developing model": ("provider", "text"),
    "model version": ("version_notes", "text"),
    "input": ("input_format", "text"),
    "output": ("output_format", "text"),
    "license": ("license", "text"),
    "paper or other resource for more information": ("references", "links"),
    "resources for more information": ("references", "links"),
}

#: Headings (and bold labels) whose text goes to the record, not the component.
RECORD_FIELDS: dict[str, tuple[str, str]] = {
    "primary intended users": ("use_case.users", "list"),
    "intended users": ("use_case.users", "list"),
    "where to send questions or comments about the model": ("source_document.contact", "text"),
    "model card contact": ("source_document.contact", "text"),
}

#: Labels (bold, a heading or a table row) that name the model this one was trained from.
BASE_LABELS = {"parent model", "base model", "finetuned from model", "fine-tuned from model"}

#: Headings and labels that date the model (partial dates stay partial).
DATE_HEADINGS = {"model date", "model release date", "release date"}

#: Headings about a data set: a data source of the record with its role.
DATA_HEADINGS = {
    "training data": "training",
    "evaluation data": "evaluation",
    "testing data": "evaluation",
    "test data": "evaluation",
}

#: Headings whose tables are evaluation results.
RESULT_HEADINGS = {
    "results",
    "evaluation results",
    "evaluation",
    "quantitative analyses",
    "benchmarks",
    "benchmark results",
    "performance",
    "validation metrics",
}
CITATION_HEADINGS = {"citation", "bibtex entry and citation info", "citation information", "bibtex"}
ENVIRONMENT_HEADINGS = {
    "environmental impact",
    "hardware",
    "compute infrastructure",
    "hardware and software",
    "carbon footprint",
    "carbon emissions",
}


#: Every heading the importer has a place for.
_ALL_HEADINGS = (
    set(SECTION_FIELDS)
    | set(RECORD_FIELDS)
    | DATE_HEADINGS
    | set(DATA_HEADINGS)
    | RESULT_HEADINGS
    | CITATION_HEADINGS
    | ENVIRONMENT_HEADINGS
    | BASE_LABELS
)

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
    else:
        report.notes.append(
            f"The card names no model (no model_name, model-index name or # title): the model "
            f"and the record are named '{name}' after the card's folder or file. Rename them "
            "(--name, --id) if that is not the model's name."
        )
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
    _source_document(sink, has_metadata=bool(meta_text and meta_text.strip()), sections=sections)
    if sink.metadata:
        component["metadata"] = sink.metadata
    imported.record["name"] = name
    imported.report.notes.append(source_note(imported))
    if "url" not in imported.record.get("source_document", {}):
        imported.report.notes.append(_NO_URL)
    return imported


_NO_URL = (
    "The card does not say where it is published: give --hf-repo owner/name to record the Hub "
    "repository and its URL (aigov does not guess it from the model's name)."
)


def _source_document(sink: _Sink, *, has_metadata: bool, sections: list[MdSection]) -> None:
    """The card's own title and the standard it follows; a README is a Hub card only when it
    has the Hub's metadata block (a Markdown card on GitHub follows no stated standard)."""
    source = sink.imported.record.setdefault("source_document", {})
    title = next((s.title for s in sections if s.level == 1), "")
    if title and strip_markdown(title):
        source["title"] = strip_markdown(title)
        sink.mapped(f"# {title}", "source_document.title")
    if has_metadata:
        source["standard"] = HUB_STANDARD  # not a part of the card: said in the source note
    if not source:
        del sink.imported.record["source_document"]


def with_hub_repo(imported: Imported, repo_id: str) -> None:
    """The Hub repository the card was published in, as the user named it (--hf-repo): its
    id and URL go to the source block. Never guessed from the model's name."""
    if not _REPO_ID.match(repo_id) or ".." in repo_id:
        raise CardError(
            f"'{repo_id}' is not a Hugging Face repository id",
            "Give it as the Hub writes it: owner/name, e.g. distilbert/distilbert-base-uncased.",
        )
    source = imported.record.setdefault("source_document", {})
    source["register_name"] = HUB_REGISTER
    source["external_id"] = repo_id
    source["url"] = f"https://huggingface.co/{repo_id}"
    for target in ("register_name", "external_id", "url"):
        imported.report.mapped.append(
            ReportLine("(command line) --hf-repo", f"source_document.{target}", str(source[target]))
        )
    imported.report.notes = [
        source_note(imported) if n.startswith("source_document (") else n
        for n in imported.report.notes
        if n != _NO_URL
    ]


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
        sink.imported.record["summary"] = first_sentence(strip_markdown(intro))
    updated = re.search(
        r"(?im)^\s*\**last updated:?\**:?\s*([A-Za-z]+,? [0-9]{4}|[0-9-]{4,10})", intro
    )
    when = as_date(updated.group(1).replace(",", "")) if updated else None
    if when is not None:
        sink.imported.record.setdefault("source_document", {})["revised"] = when
        sink.mapped("(introduction) Last updated", "source_document.revised", str(when))
    everything = "\n".join([*preamble, *(s.text() for s in sections)])
    base = base_model_from_text(everything)
    if base and "base_model" not in sink.component:
        sink.component["base_model"] = base
        sink.mapped("(text) fine-tuned version of …", "base_model", base)
    if "base_model" not in sink.component:
        _base_model_rows(everything, sink)
    _images(everything, sink)
    _variants_from_tables(everything, sink)
    for section in top:
        _section(section, sink.imported, sink.component, sink.metadata, sink.keep, sink.mapped)


def _variants_from_tables(text: str, sink: _Sink) -> None:
    """A table of the model's sizes (a "Params" column with a knowledge cut-off or context
    length) → the component's variants, each with its cut-off as precise as the table gives
    it; sizes written as "8B" or "8k" stay words in the variant's notes (8B is not exactly
    8,000,000,000 parameters)."""
    for table in [*markdown_tables(text), *html_tables(text)]:
        header = [_norm(h) for h in table[0]]
        if "params" not in header and "parameters" not in header:
            continue
        if not {"knowledgecutoff", "contextlength"} & set(header):
            continue
        p = header.index("params") if "params" in header else header.index("parameters")
        cut = header.index("knowledgecutoff") if "knowledgecutoff" in header else None
        for row in table[1:]:
            if p >= len(row) or not row[p]:
                continue
            family = row[0] if row[0] and row[0] != row[p] else sink.component.get("name", "")
            name = f"{family} {row[p]}".strip()
            vid = _variant(sink.imported, name)
            variant = next(v for v in sink.component["variants"] if v["id"] == vid)
            if cut is not None and cut < len(row):
                when = as_date(row[cut].replace(",", "").strip())
                if when is not None:
                    variant["knowledge_cutoff"] = when
            said = [
                f"{table[0][i]}: {row[i]}"
                for i in range(min(len(row), len(table[0])))
                if i not in (0, cut) and row[i] and table[0][i]
            ]
            if said:
                variant["notes"] = "; ".join(said)
        sink.mapped("(table) model sizes", "variants", "one variant per row")


def _images(text: str, sink: _Sink) -> None:
    """Images written into the Markdown as base64: saved as attachments, or reported when
    they cannot be decoded (never dropped without a word)."""
    for n, (subtype, data) in enumerate(embedded_images(text), start=1):
        raw = decode_image(data)
        if raw is None:
            sink.report.notes.append(
                f"Embedded image {n} (data:image/{subtype}) could not be decoded as base64 PNG, "
                "JPEG, GIF or SVG; it stays in the card's text and was not saved as a file."
            )
            continue
        name = f"{sink.component['id']}-image-{n}.{image_extension(raw)}"
        sink.imported.attachments.append(Attachment(name, raw, f"(text) embedded image {n}"))
        sink.mapped(f"(text) embedded image {n}", "attachment", name)


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
                value = as_number(metric.get("value")) if isinstance(metric, dict) else None
                if value is None:
                    leftovers.append({"task": task, "dataset": dataset, "metric": metric})
                    report.kept.append(
                        ReportLine(where, "metadata.model-index", "value is not a number")
                    )
                    continue
                # the Hub's metric id is the metric (`type`); its human name is kept apart,
                # so the round trip to a README gives back the same ids
                out: dict[str, Any] = {
                    "metric": str(metric.get("type") or metric.get("name")),
                    "value": value,
                    "date": "unknown",  # model-index has no dates: never the day of the import
                }
                if metric.get("name") and metric.get("type") and metric["name"] != metric["type"]:
                    out["metric_name"] = str(metric["name"])
                notes = []
                if isinstance(dataset, dict):
                    if dataset.get("type") or dataset.get("name"):
                        out["dataset"] = str(dataset.get("type") or dataset.get("name"))
                    if dataset.get("name") and str(dataset["name"]) != out.get("dataset"):
                        out["dataset_name"] = str(dataset["name"])
                    if dataset.get("config") is not None:
                        out["dataset_config"] = str(dataset["config"])
                    if dataset.get("split"):
                        out["split"] = str(dataset["split"])
                    extra = {
                        k2: v
                        for k2, v in dataset.items()
                        if k2 not in ("type", "name", "config", "split") and v is not None
                    }
                    notes += [f"dataset {k2}: {v}" for k2, v in extra.items()]
                if isinstance(task, dict):
                    if task.get("type"):
                        out["task"] = str(task["type"])
                    if task.get("name"):
                        out["task_name"] = str(task["name"])
                if metric.get("verified") is not None:
                    out["verified"] = bool(metric["verified"])
                for extra_key in ("config", "args"):
                    if metric.get(extra_key) is not None:
                        notes.append(f"metric {extra_key}: {metric[extra_key]}")
                if metric.get("verifyToken"):
                    report.empty.append(
                        ReportLine(f"{where}.verifyToken", "", "the Hub's signature of the value")
                    )
                if notes:
                    out["notes"] = "; ".join(notes)
                out["component"] = imported.component["id"]
                imported.results.append(out)
                report.mapped.append(
                    ReportLine(where, "evaluations.results", f"{out['metric']} = {value}")
                )
    if imported.results:
        imported.report.notes.append(undated_note(len(imported.results)))
    if leftovers:
        keep("model-index", "model-index", leftovers, "entries that are not numeric results")


_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?\*\*([^*\n]{1,80}?)\*\*:?\s*(.*)$")


def labelled_blocks(text: str) -> list[tuple[str | None, str]]:
    """`**Label** value` / `- **Label:** value` lines, each with the lines that follow it;
    text before the first label comes with None."""
    blocks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.split("\n"):
        m = _LABEL.match(line)
        if m:
            label = m.group(1).strip().rstrip(":").strip()
            blocks.append((label, [m.group(2)]))
        elif not line.strip() and blocks[-1][0] is not None:
            blocks.append((None, []))  # a blank line ends a label's paragraph
        else:
            blocks[-1][1].append(line)
    return [
        (label, "\n".join(lines).strip()) for label, lines in blocks if "\n".join(lines).strip()
    ]


_FINE_TUNED = re.compile(
    r"fine-?tuned? (?:version|checkpoint) of \[([^\]\n]+)\]\(([^)\s]+)\)"
    r"|fine-?tuned from \[([^\]\n]+)\]\(([^)\s]+)\)",
    re.IGNORECASE,
)


def base_model_from_text(text: str) -> str | None:
    """ "a fine-tuned version of [X](https://huggingface.co/X)" → X (the Hub id when the link
    names one, else the link text)."""
    m = _FINE_TUNED.search(text)
    if not m:
        return None
    label, url = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    hub = re.match(r"^https?://huggingface\.co/([\w.-]+(?:/[\w.-]+)?)/?$", url)
    return hub.group(1) if hub else label.strip()


_HUB_LINK = re.compile(r"\(https?://huggingface\.co/([\w.-]+(?:/[\w.-]+)?)/?\)")


def _base_model(text: str, label: str, component: dict[str, Any], sink_mapped: Any) -> bool:
    """A "Parent Model" / "Base model" label → base_model: the Hub id its link names, or the
    label's value when that is one name ("distilbert-base-uncased"); a sentence is not a name."""
    hub = _HUB_LINK.search(text)
    plain = strip_markdown(text).strip().rstrip(".")
    name = hub.group(1) if hub else (plain if plain and len(plain.split()) == 1 else None)
    if name is None:
        return False
    given = component.get("base_model")
    if given is not None and given != name:
        return False  # the metadata says otherwise: the label's text is kept, both are seen
    component["base_model"] = name
    sink_mapped(
        label, "base_model", name + (" (agrees with the rest of the card)" if given else "")
    )
    return True


def _base_model_rows(text: str, sink: _Sink) -> None:
    """A table row `| Base model | X |` → base_model."""
    for table in [*markdown_tables(text), *html_tables(text)]:
        for row in table:
            cells = [c for c in row if c.strip()]
            if len(cells) == 2 and normalise_heading(cells[0]).rstrip(":") in BASE_LABELS:
                _base_model(cells[1], f"(table) {cells[0]}", sink.component, sink.mapped)
                return


def _place(key: str, text: str, label: str, imported: Imported, sink_mapped: Any) -> bool:
    """Put one heading's or label's text in its field; False when it has none."""
    component, record = imported.component, imported.record
    plain = strip_markdown(text)
    if not plain or is_placeholder(plain):
        return False
    if key in BASE_LABELS:
        return _base_model(text, label, component, sink_mapped)
    if key in DATE_HEADINGS:
        first = plain.split(",")[0] if re.match(r"^[A-Za-z]+ [0-9]{4}", plain) else plain
        when = as_date(first.strip().rstrip("."))
        if when is None:
            m = re.match(r"^([A-Za-z]+,? [0-9]{4}|[A-Za-z]+ [0-9]{1,2}, [0-9]{4})", plain)
            when = as_date(m.group(1).replace(",", "")) if m else None
            if when is None and m:
                when = as_date(m.group(1))
        if when is None:
            return False
        component["version_date"] = when
        shown = when if isinstance(when, str) else when.isoformat()
        sink_mapped(label, "version_date", f"'{plain[:60]}' read as {shown}")
        return True
    if key in RECORD_FIELDS:
        target, how = RECORD_FIELDS[key]
        part, name = target.split(".")
        value: Any = bullet_items(plain) if how == "list" else plain
        record.setdefault(part, {})[name] = value
        sink_mapped(label, target)
        return True
    if key not in SECTION_FIELDS:
        return False
    target, how = SECTION_FIELDS[key]
    if how == "list":
        component[target] = [*component.get(target, []), *bullet_items(plain)]
    elif how == "links":
        links = [
            {"title": t.strip() or u, "url": u}
            for t, u in re.findall(r"\[([^\]\n]*)\]\((https?://[^)\s]+)\)", text)
        ]
        if not links:
            return False
        component[target] = [*component.get(target, []), *links]
    elif how == "risks":
        risks = [{"risk": item} for item in bullet_items(plain)]
        component[target] = [*component.get(target, []), *risks]
    elif target in component and target in ("intended_use", "training_procedure", "limitations"):
        component[target] = component[target] + "\n\n" + plain
    elif target in component:
        return False  # already given by the metadata (license, …): the text is kept
    else:
        component[target] = plain
    sink_mapped(label, target)
    return True


def _labelled(section: MdSection, imported: Imported, keep_text: Any, mapped: Any) -> bool:
    """A section of `**Label** value` lines (Model Details, Intended Use …): each label with
    a field is placed; the rest is kept. False when no label has a field."""
    blocks = labelled_blocks(section.text(with_children=False))
    known = [
        b
        for b in blocks
        if b[0] is not None
        and (
            normalise_heading(b[0]) in SECTION_FIELDS
            or normalise_heading(b[0]) in RECORD_FIELDS
            or normalise_heading(b[0]) in DATE_HEADINGS
            or normalise_heading(b[0]) in BASE_LABELS
        )
    ]
    if not known:
        return False
    rest: list[str] = []
    for label, text in blocks:
        where = f"{'#' * section.level} {section.title} › {label}" if label else ""
        if label is not None and _place(normalise_heading(label), text, where, imported, mapped):
            continue
        rest.append(f"**{label}** {text}" if label else text)
    leftover = "\n\n".join(r for r in rest if r.strip())
    if leftover.strip() and not is_placeholder(leftover):
        keep_text(leftover)
    return True


def _results_from_tables(
    section: MdSection, imported: Imported, label: str, model_names: list[str]
) -> int:
    """Numeric table cells of a results section → evaluation results, as written: the row's
    label is the benchmark (the metric), a column is used only when it is this model's (its
    header names the model) or the only column of numbers. Returns how many were read."""
    text = section.text()
    count = 0
    names = [_norm(n) for n in model_names if n]
    for table in [*markdown_tables(text), *html_tables(text)]:
        header, rows = table[0], table[1:]
        width = max(len(r) for r in table)
        numeric = [
            c
            for c in range(width)
            if any(c < len(r) and cell_number(r[c]) is not None for r in rows)
        ]
        labels = [c for c in range(width) if c not in numeric]
        if not numeric:
            continue
        own = [
            c
            for c in numeric
            if c < len(header) and any(n and n in _norm(header[c]) for n in names)
        ]
        metric_columns = [c for c in numeric if c < len(header) and _metric_word(header[c])]
        if metric_columns and not own:
            # | Dataset | Accuracy | F1 |: the columns are metrics, the rows datasets
            for r in rows:
                dataset = " ".join(r[c] for c in labels if c < len(r) and r[c]).strip()
                for c in metric_columns:
                    value = cell_number(r[c]) if c < len(r) else None
                    if value is None:
                        continue
                    out: dict[str, Any] = {
                        "metric": strip_markdown(header[c]),
                        "value": value,
                        "date": "unknown",
                        "reported_in": f"the card's table under '{label}'",
                        "component": imported.component["id"],
                    }
                    if dataset:
                        out["dataset"] = strip_markdown(dataset)
                    imported.results.append(out)
                    count += 1
            continue
        columns = own or (numeric if len(numeric) == 1 else [])
        variants = (
            {c: _variant(imported, strip_markdown(header[c])) for c in own} if len(own) > 1 else {}
        )
        for r in rows:
            cells = [r[c] for c in labels if c < len(r) and r[c]]
            if not cells:
                continue
            benchmark, groups = cells[-1], cells[:-1]
            for c in columns:
                value = cell_number(r[c]) if c < len(r) else None
                if value is None:
                    continue
                column = header[c] if c < len(header) else ""
                item: dict[str, Any] = {
                    "metric": strip_markdown(benchmark),
                    "value": value,
                    "date": "unknown",
                    "reported_in": f"the card's table under '{label}'"
                    + (f", column '{strip_markdown(column)}'" if column else ""),
                    "component": imported.component["id"],
                }
                if c in variants:
                    item["variant"] = variants[c]
                if groups:
                    item["notes"] = "; ".join(
                        f"{header[i]}: {r[i]}"
                        for i in labels[:-1]
                        if i < len(r) and r[i] and i < len(header)
                    ) or "; ".join(groups)
                imported.results.append(item)
                count += 1
    return count


def _variant(imported: Imported, name: str) -> str:
    """The id of the component's variant named `name` (a table column), added when new."""
    variants = imported.component.setdefault("variants", [])
    for v in variants:
        if v.get("name") == name:
            return str(v["id"])
    vid = slug(name, {v["id"] for v in variants}, limit=64)
    variants.append({"id": vid, "name": name})
    return vid


_METRIC_WORDS = re.compile(
    r"\b(accuracy|acc|f1|precision|recall|auc|bleu|rouge|chr-?f|wer|cer|exact match|em|map|"
    r"ndcg|mrr|perplexity|ppl|loss|spearman|pearson)\b",
    re.IGNORECASE,
)


def _metric_word(header: str) -> bool:
    return bool(_METRIC_WORDS.search(header))


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _section(
    section: MdSection,
    imported: Imported,
    component: dict[str, Any],
    metadata: dict[str, Any],
    keep: Any,
    mapped: Any,
) -> None:
    report = imported.report
    heading = normalise_heading(section.title).rstrip(".:").strip()
    label = "#" * section.level + " " + section.title
    full = section.text()
    own = section.text(with_children=False)

    def children() -> None:
        for child in section.children:
            _section(child, imported, component, metadata, keep, mapped)

    def keep_text(text: str, note: str = "no matching field") -> None:
        _keep_section(label, section.title, text, metadata, report, note)

    if heading in DATE_HEADINGS or heading in RECORD_FIELDS:
        if not _place(heading, own, label, imported, mapped) and own.strip():
            keep_text(own)
        children()
        return
    if heading in DATA_HEADINGS:
        described = own
        rest: list[MdSection] = section.children
        if is_placeholder(own):  # Mitchell: "## Evaluation Data" › "### Datasets"
            first = next((c for c in rest if normalise_heading(c.title) == "datasets"), None)
            if first is not None:
                described, label = first.text(), f"{label} › {first.title}"
                rest = [c for c in rest if c is not first]
        if is_placeholder(described):
            report.empty.append(ReportLine(label, "", "empty"))
        else:
            _data_source(heading, described, label, imported, mapped)
        for child in rest:
            _section(child, imported, component, metadata, keep, mapped)
        return
    if heading in RESULT_HEADINGS:
        names = [component.get("name", ""), *[v for v in (component.get("family"),) if v]]
        read = _results_from_tables(section, imported, label, names)
        if read:
            mapped(label, "evaluations.results", f"{read} value(s) read from its tables")
            keep_text(full, "the section as written (its tables may hold other models' values)")
            return
    if heading in SECTION_FIELDS:
        own_children_mapped = [
            c for c in section.children if normalise_heading(c.title).rstrip(".:") in _ALL_HEADINGS
        ]
        text = own if own_children_mapped else full
        if is_placeholder(text):
            report.empty.append(
                ReportLine(
                    label, "", "said only 'More information needed'" if text.strip() else "empty"
                )
            )
        elif not _labelled(section, imported, keep_text, mapped) and not _place(
            heading, text, label, imported, mapped
        ):
            keep_text(text, "its field is already given")
        if own_children_mapped:
            children()
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
        env, lines, conversions = environment_facts(full)
        if env:
            component["environmental_impact"] = {**component.get("environmental_impact", {}), **env}
            mapped(label, "environmental_impact", "; ".join(conversions))
        text = "\n".join(lines).strip()
        if text and not is_placeholder(text):
            keep_text(text)
        return
    if _labelled(section, imported, keep_text, mapped):
        children()
        return
    if section.children and is_placeholder(own):
        children()
        return
    if is_placeholder(full):
        report.empty.append(
            ReportLine(
                label, "", "said only 'More information needed'" if full.strip() else "empty"
            )
        )
        return
    if section.children and any(
        normalise_heading(c.title).rstrip(".:") in _ALL_HEADINGS for c in section.children
    ):
        if own.strip() and not is_placeholder(own):
            keep_text(own)
        children()
        return
    keep_text(full)


def _data_source(heading: str, text: str, label: str, imported: Imported, mapped: Any) -> None:
    """A training or evaluation data section → a data source of the record with its role,
    described in the card's words; the component names it."""
    role = DATA_HEADINGS[heading]
    taken = {s["id"] for s in imported.sources}
    base = f"{imported.component['id']}-{role}-data"
    source_id = base if base not in taken else f"{base}-{len(taken) + 1}"
    name = (
        f"{'Training' if role == 'training' else 'Evaluation'} data of {imported.component['name']}"
    )
    imported.sources.append(
        {
            "id": source_id[:64].strip("-"),
            "name": name,
            "description": strip_markdown(text),
            "roles": [role],
        }
    )
    field = "training_data" if role == "training" else "evaluation_data"
    imported.component.setdefault(field, []).append(source_id[:64].strip("-"))
    mapped(label, "data.sources", f"{role} data, described as the card says")


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
