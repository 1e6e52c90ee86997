"""Google Model Card Toolkit JSON (schema v0.0.1 and v0.0.2) → a model component.

v0.0.2: model_details{name, overview, documentation, owners[], version{name, date, diff},
licenses[{identifier|custom_text}], references[{reference}], citations[{style, citation}],
path}, model_parameters{model_architecture, data[{name, link, sensitive, graphics,
description}], input_format(_map), output_format(_map)}, quantitative_analysis
{performance_metrics[{type, value, slice, threshold, confidence_interval}], graphics},
considerations{users, use_cases, limitations, tradeoffs, ethical_considerations[{name,
mitigation_strategy}]}. v0.0.1 differs in a few places (strings instead of objects, `data` as
a train/eval mapping); both are read.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from aigov.authoring.importers import (
    Attachment,
    CardError,
    Imported,
    ImportReport,
    ReportLine,
    as_date,
    as_number,
    component_id,
    decode_image,
    first_sentence,
    image_extension,
    source_note,
    undated_note,
)
from aigov.authoring.recorddata import slug
from aigov.yamlload import MAX_DEPTH, LoadError, decode

MAX_CARD_BYTES = 50 * 1024 * 1024  # cards carry their plots as base64 images
MCT_STANDARD = "Model Card Toolkit"


def read_json(path: Path, what: str = "") -> Any:
    """The JSON in `path`, bounded in size and depth; `what` says in the hint what the file
    should be (default: a Model Card Toolkit card)."""
    about = what or "A Model Card Toolkit card is the JSON written by ModelCard.to_json()."
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_CARD_BYTES + 1)
        if len(raw) > MAX_CARD_BYTES:
            raise CardError(
                f"is larger than {MAX_CARD_BYTES // 1048576} MB",
                "Import the card's JSON without embedded data sets.",
            )
        text = decode(raw)
    except LoadError as exc:
        raise CardError(exc.message, exc.hint, exc.line, exc.column) from None
    except OSError as exc:
        raise CardError(f"cannot be read: {exc.strerror or exc}", "Check the path.") from None
    try:
        card = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CardError(
            f"not valid JSON: {exc.msg}",
            about,
            exc.lineno,
            exc.colno,
        ) from None
    except RecursionError:  # hostile input: json recurses once per nesting level
        raise CardError(_TOO_DEEP, what or _FLATTEN) from None
    except ValueError:  # an integer with more digits than Python converts (4,300)
        raise CardError(
            "not usable JSON: a number has more than 4,300 digits",
            "Write very long numbers as text (in quotes).",
        ) from None
    if _depth(card) > MAX_DEPTH:
        raise CardError(_TOO_DEEP, what or _FLATTEN)
    return card


_TOO_DEEP = f"nesting is deeper than {MAX_DEPTH} levels"
_FLATTEN = "A Model Card Toolkit card is a few levels deep; this file is not one."


def _depth(value: Any) -> int:
    """How deeply lists and objects nest, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def import_mct(path: Path, *, today: dt.date, display: str | None = None) -> Imported:
    return import_mct_data(read_json(path), today=today, display=display or str(path))


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("description", "citation", "reference", "identifier", "custom_text", "name"):
            if isinstance(value.get(key), str):
                return str(value[key])
    return None


def _texts(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [t for t in (_text(v) for v in items) if t]


class _Sink:
    """Where the card's parts go: mapped onto the component, or kept verbatim in metadata."""

    def __init__(self, imported: Imported, metadata: dict[str, Any]) -> None:
        self.imported = imported
        self.component = imported.component
        self.metadata = metadata
        self.report = imported.report

    def mapped(self, src: str, target: str, note: str = "") -> None:
        self.report.mapped.append(ReportLine(src, target, note))

    def keep(self, src: str, key: str, value: Any, note: str = "no matching field") -> None:
        """Keep `value` verbatim in metadata; `key` may be 'group/name' for a nested entry."""
        if "/" in key:
            group, name = key.split("/", 1)
            self.metadata.setdefault(group, {})[name] = value
            key = f"{group}.{name}"
        else:
            self.metadata[key] = value
        self.report.kept.append(ReportLine(src, f"metadata.{key}", note))


def import_mct_data(card: Any, *, today: dt.date, display: str) -> Imported:
    if not isinstance(card, dict) or not any(
        k in card
        for k in ("model_details", "model_parameters", "quantitative_analysis", "considerations")
    ):
        raise CardError(
            "this JSON is not a Model Card Toolkit card (no model_details, model_parameters, "
            "quantitative_analysis or considerations)",
            "Export the card with ModelCard.to_json() or use the toolkit's model_card.json.",
        )
    card = dict(card)
    version = str(card.pop("schema_version", "")) or "unknown"
    report = ImportReport(f"Model Card Toolkit JSON (schema {version})", display)
    details = dict(card.pop("model_details", None) or {})
    name = str(details.pop("name", "") or "model")
    component: dict[str, Any] = {"id": component_id(name), "name": name}
    metadata: dict[str, Any] = {
        "source": {"format": "model-card-toolkit", "schema_version": version}
    }
    imported = Imported(component, report=report)
    report.mapped.append(ReportLine("model_details.name", "name"))
    sink = _Sink(imported, metadata)
    _model_details(details, sink)
    _model_parameters(dict(card.pop("model_parameters", None) or {}), sink)
    _quantitative_analysis(dict(card.pop("quantitative_analysis", None) or {}), sink)
    _considerations(dict(card.pop("considerations", None) or {}), sink)
    for key, value in card.items():
        sink.keep(key, key, value)
    component["metadata"] = metadata
    imported.record["name"] = name
    source: dict[str, Any] = {"standard": MCT_STANDARD}  # the format: said in the source note
    if version != "unknown":
        source["standard_version"] = version
        report.mapped.append(ReportLine("schema_version", "source_document.standard_version"))
    imported.record["source_document"] = source
    report.notes.append(source_note(imported))
    return imported


def _model_details(details: dict[str, Any], sink: _Sink) -> None:
    component = sink.component
    overview = details.pop("overview", None)
    if isinstance(overview, str) and overview.strip():
        sink.keep("model_details.overview", "description", overview, "the card's overview")
        sink.imported.record["summary"] = first_sentence(overview)
    owners = details.pop("owners", None)
    if isinstance(owners, list):
        people = []
        for owner in owners:
            if isinstance(owner, dict) and owner.get("name"):
                person = {"name": str(owner["name"])}
                if owner.get("contact"):
                    person["contact"] = str(owner["contact"])
                people.append(person)
        if people:
            component["owners"] = people
            sink.mapped("model_details.owners", "owners")
    ver = details.pop("version", None)
    if isinstance(ver, dict):
        _version(dict(ver), sink)
    _licences(details, sink)
    refs = details.pop("references", None)
    if refs:
        links = []
        for text in _texts(refs):
            links.append({"title": text, "url": text})
        if links:
            component["references"] = links
            sink.mapped("model_details.references", "references")
    _citations(details, sink)
    for key, value in details.items():
        sink.keep(f"model_details.{key}", key, value)


def _version(ver: dict[str, Any], sink: _Sink) -> None:
    component = sink.component
    if ver.get("name"):
        component["version"] = str(ver.pop("name"))
        sink.mapped("model_details.version.name", "version")
    raw_date = ver.pop("date", None) or ver.pop("data", None)  # 'data': a typo in some v0.0.1
    if raw_date is not None:
        parsed = as_date(raw_date)
        if parsed:
            component["version_date"] = parsed
            shown = parsed if isinstance(parsed, str) else parsed.isoformat()
            sink.mapped(
                "model_details.version.date",
                "version_date",
                f"{raw_date} read as {shown}"
                + (" (only as precise as the card)" if isinstance(parsed, str) else ""),
            )
        else:
            sink.keep(
                "model_details.version.date", "version_date", raw_date, "not a date aigov can read"
            )
    if ver.get("diff"):
        component["version_notes"] = str(ver.pop("diff"))
        sink.mapped("model_details.version.diff", "version_notes")
    if ver:
        sink.keep("model_details.version", "version", ver)


def _licences(details: dict[str, Any], sink: _Sink) -> None:
    licences = details.pop("licenses", None)
    if licences is None and "license" in details:
        licences = [details.pop("license")]
    if not licences:
        return
    texts = _texts(licences)
    if texts:
        sink.component["license"] = texts[0]
        sink.mapped("model_details.licenses", "license")
    if len(texts) > 1:
        sink.keep(
            "model_details.licenses",
            "licenses",
            licences,
            "several licences; the first is in `license`",
        )


def _citations(details: dict[str, Any], sink: _Sink) -> None:
    cites = details.pop("citations", None)
    if cites is None and "citation" in details:
        cites = details.pop("citation")
    if not cites:
        return
    entries = []
    for c in cites if isinstance(cites, list) else [cites]:
        cite = _text(c)
        if cite:
            entry: dict[str, Any] = {"text": cite}
            if isinstance(c, dict) and c.get("style"):
                entry["style"] = str(c["style"])
            entries.append(entry)
    if entries:
        sink.component["citations"] = entries
        sink.mapped("model_details.citations", "citations")


def _model_parameters(params: dict[str, Any], sink: _Sink) -> None:
    component = sink.component
    if params.get("model_architecture"):
        component["architecture"] = str(params.pop("model_architecture"))
        sink.mapped("model_parameters.model_architecture", "architecture")
    for key in ("input_format", "output_format"):
        if isinstance(params.get(key), str) and params[key]:
            component[key] = params.pop(key)
            sink.mapped(f"model_parameters.{key}", key)
    data = params.pop("data", None)
    if data is not None:
        _datasets(data, sink.imported, sink.keep, sink.mapped)
    for key, value in params.items():
        sink.keep(f"model_parameters.{key}", key, value)


def _quantitative_analysis(qa: dict[str, Any], sink: _Sink) -> None:
    imported = sink.imported
    metrics = qa.pop("performance_metrics", None)
    if isinstance(metrics, list):
        leftovers = []
        for i, metric in enumerate(metrics):
            result = _result(metric, sink.component["id"])
            if result is None:
                leftovers.append(metric)
                continue
            imported.results.append(result)
            sink.mapped(
                f"quantitative_analysis.performance_metrics[{i}]",
                "evaluations.results",
                f"{result['metric']} = {result['value']}",
            )
        if leftovers:
            sink.keep(
                "quantitative_analysis.performance_metrics",
                "performance_metrics",
                leftovers,
                "values that are not numbers",
            )
        if imported.results:
            sink.report.notes.append(undated_note(len(imported.results)))
        thresholds = sum(1 for r in imported.results if "decision_threshold" in r)
        if thresholds:
            sink.report.notes.append(
                f"{thresholds} result(s) carry the card's `threshold`: the decision threshold the "
                "model was run at, kept as decision_threshold; it is not a pass/fail bar, so no "
                "result is judged against it."
            )
    graphics = qa.pop("graphics", None)
    if graphics is not None:
        _graphics(
            graphics, "quantitative_analysis.graphics", "quantitative-analysis", imported, sink.keep
        )
    for key, value in qa.items():
        sink.keep(f"quantitative_analysis.{key}", key, value)


def _considerations(cons: dict[str, Any], sink: _Sink) -> None:
    component, record = sink.component, sink.imported.record
    uses = _texts(cons.pop("use_cases", None) or [])
    if uses:
        component["intended_use"] = "\n".join(uses) if len(uses) > 1 else uses[0]
        record.setdefault("use_case", {})["intended_uses"] = uses
        sink.mapped("considerations.use_cases", "intended_use")
    users = _texts(cons.pop("users", None) or [])
    if users:
        record.setdefault("use_case", {})["users"] = users
        sink.mapped("considerations.users", "use_case.users")
    for key, target in (("limitations", "limitations"), ("tradeoffs", "caveats")):
        items = _texts(cons.pop(key, None) or [])
        if items:
            component[target] = [*component.get(target, []), *items]
            sink.mapped(f"considerations.{key}", target)
    ethics = cons.pop("ethical_considerations", None)
    if isinstance(ethics, list):
        out = []
        for risk in ethics:
            if isinstance(risk, dict) and risk.get("name"):
                entry = {"risk": str(risk["name"])}
                if risk.get("mitigation_strategy"):
                    entry["mitigation"] = str(risk["mitigation_strategy"])
                out.append(entry)
        if out:
            component["ethical_considerations"] = out
            sink.mapped("considerations.ethical_considerations", "ethical_considerations")
    for key, value in cons.items():
        sink.keep(f"considerations.{key}", key, value)


def _result(metric: Any, component: str) -> dict[str, Any] | None:
    if not isinstance(metric, dict):
        return None
    value = as_number(metric.get("value"))
    if value is None or not metric.get("type"):
        return None
    # the card gives no date: `unknown`, never the day of the import
    out: dict[str, Any] = {"metric": str(metric["type"]), "value": value, "date": "unknown"}
    if metric.get("slice"):
        out["slice"] = str(metric["slice"])
    # MCT's `threshold` is the decision threshold the metric was computed at (a classifier's
    # cut-off), not a bar the value must pass
    threshold = as_number(metric.get("threshold"))
    if threshold is not None:
        out["decision_threshold"] = threshold
    ci = metric.get("confidence_interval")
    if isinstance(ci, dict):
        lower, upper = as_number(ci.get("lower_bound")), as_number(ci.get("upper_bound"))
        if lower is not None and upper is not None:
            out["confidence_interval"] = {"lower": lower, "upper": upper}
    out["component"] = component
    extra = {
        k: v
        for k, v in metric.items()
        if k not in ("type", "value", "slice", "threshold", "confidence_interval")
    }
    if extra:
        out["notes"] = "; ".join(f"{k}: {v}" for k, v in extra.items())
    return out


_TRAIN = ("train",)
_EVAL = ("eval", "valid", "test", "holdout")


def _datasets(data: Any, imported: Imported, keep: Any, mapped: Any) -> None:
    """MCT datasets → record data sources, referenced from the component by role."""
    entries: list[tuple[str, Any, str | None]] = []  # (where, dataset, role hint)
    if isinstance(data, dict):  # v0.0.1: {train: {...}, eval: {...}}
        for key, value in data.items():
            role = (
                "training"
                if key.startswith(_TRAIN)
                else ("evaluation" if key.startswith(_EVAL) else None)
            )
            entries.append((f"model_parameters.data.{key}", value, role))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            entries.append((f"model_parameters.data[{i}]", value, None))
    else:
        keep("model_parameters.data", "data", data)
        return
    taken: set[str] = set()
    for where, dataset, role in entries:
        if not isinstance(dataset, dict):
            keep(where, f"datasets/{where}", dataset)
            continue
        dataset = dict(dataset)
        name = str(dataset.pop("name", "") or where.rsplit(".", 1)[-1])
        lowered = name.lower()
        if role is None:
            role = (
                "training"
                if "train" in lowered
                else ("evaluation" if any(w in lowered for w in _EVAL) else None)
            )
        source_id = slug(name, taken)
        taken.add(source_id)
        source: dict[str, Any] = {"id": source_id, "name": name}
        if dataset.get("description"):
            source["description"] = str(dataset.pop("description"))
        link = dataset.pop("link", None)
        if isinstance(link, str) and link:
            source["link"] = link
        if role:
            source["roles"] = [role]
            field = "training_data" if role == "training" else "evaluation_data"
            imported.component.setdefault(field, []).append(source_id)
        sensitive = dataset.pop("sensitive", None)
        graphics = dataset.pop("graphics", None)
        if graphics is not None:
            _graphics(graphics, f"{where}.graphics", source_id, imported, keep)
        extra: dict[str, Any] = {}
        if sensitive not in (None, {}, []):
            extra["sensitive"] = sensitive
        extra.update(dataset)
        imported.sources.append(source)
        note = f"role: {role}" if role else "role not stated in the card"
        mapped(where, "data.sources", f"{name} ({note})")
        if extra:
            keep(
                f"{where} (other fields)",
                f"datasets/{name}",
                extra,
                "sensitive-data notes and other fields",
            )


def _graphics(graphics: Any, where: str, prefix: str, imported: Imported, keep: Any) -> None:
    """Embedded charts become attachments; their names and descriptions stay in metadata."""
    if not isinstance(graphics, dict):
        keep(where, f"graphics/{where}", graphics)
        return
    collection = graphics.get("collection")
    kept: dict[str, Any] = {k: v for k, v in graphics.items() if k != "collection"}
    items = []
    for i, graphic in enumerate(collection if isinstance(collection, list) else []):
        if not isinstance(graphic, dict):
            items.append(graphic)
            continue
        entry = {k: v for k, v in graphic.items() if k != "image"}
        raw = decode_image(graphic.get("image"))
        if raw is not None:
            base = slug(str(graphic.get("name") or f"graphic-{i + 1}"))
            file = f"{prefix}-{base}.{image_extension(raw)}"
            entry["file"] = file
            imported.attachments.append(Attachment(file, raw, f"{where}.collection[{i}]", entry))
            imported.report.mapped.append(
                ReportLine(f"{where}.collection[{i}].image", "attachment", file)
            )
        elif graphic.get("image") is not None:
            entry["image"] = graphic["image"]  # not a real image: kept as written, and said
            imported.report.notes.append(
                f"{where}.collection[{i}].image could not be decoded as an embedded image "
                "(base64 PNG, JPEG, GIF or SVG); it is kept as written in metadata, not saved "
                "as a file."
            )
        items.append(entry)
    if items:
        kept["collection"] = items
    if kept:
        keep(where, f"graphics/{where}", kept, "chart names and descriptions")
    else:
        imported.report.empty.append(ReportLine(where, "", "empty"))
