"""`aigov export algoritmeregister`: a record as a Dutch Algoritmeregister entry (standard 1.0).

Two forms of the same entry: "register", with the field names of the register's own field
configuration (`config/v1_0.json`: what its editor, downloads and API use), and "standard", with
the names of the publication standard's JSON Schema (`schema.json`). The field table, the
status / category / impact-assessment values and which record field feeds which register field
are data (`aigov/data/algoritmeregister.yaml`); this module only assembles. A field the register
requires that the record cannot supply is an error at the record field to fill, never an empty
string; the entry is validated against the vendored file of its form before it is returned.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from aigov.diagnostics import Diagnostic
from aigov.exports.build import ExportError
from aigov.exports.registertext import has_markup, html_to_text, plain_length, text_to_html
from aigov.paths import schemas_dir
from aigov.project import LoadedRecord

FORMS = ("register", "standard")
CODE = "AIG-EXPORT"
KEPT = "algoritmeregister"  # the key of the kept block in a component's metadata
LONG_TEXT = frozenset(
    {
        "goal",
        "proportionality",
        "human_intervention",
        "risks",
        "lawful_basis",
        "impacttoetsen",
        "source_data",
        "methods_and_models",
    }
)


@dataclass
class RegisterEntry:
    """The entry, in one form, and what the export could not carry (said, never dropped)."""

    data: dict[str, Any]
    form: str
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(self.data, indent=2, ensure_ascii=False) + "\n"


# --- the vendored files and aigov's table -----------------------------------------------------


def vendor_dir() -> Path:
    return schemas_dir() / "vendor" / "algoritmeregister"


@functools.cache
def spec() -> dict[str, Any]:
    text = resources.files("aigov.data").joinpath("algoritmeregister.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@functools.cache
def register_config(version: str = "v1_0") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (vendor_dir() / "config" / f"{version}.json").read_text("utf-8")
    )
    return data


@functools.cache
def standard_schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((vendor_dir() / "schema.json").read_text("utf-8"))
    return data


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def config_as_schema(config: dict[str, Any]) -> dict[str, Any]:
    """The register's field configuration as a JSON Schema (what its pydantic models check:
    required fields, permitted values, the shape of grouped fields; lengths are checked
    without markup, as the register does, by `length_problems`)."""

    def prop(p: dict[str, Any]) -> dict[str, Any]:
        kind, permitted = p.get("type"), p.get("permitted_values")
        if kind == "enum":
            return {"enum": list(permitted or [])}
        if kind == "array" and permitted:
            return {"type": "array", "items": {"enum": list(permitted)}}
        if kind == "array" and isinstance(p.get("items"), dict) and "type" not in p["items"]:
            items = p["items"]
            return {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {k: prop(v) for k, v in items.items()},
                    "required": [k for k, v in items.items() if _truthy(v.get("required"))],
                    "additionalProperties": False,
                },
            }
        if kind == "array":
            return {"type": "array", "items": {"type": "string"}}
        return {"type": "string"}

    props = config["properties"]
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {k: prop(v) for k, v in props.items()},
        "required": [k for k, v in props.items() if _truthy(v.get("required"))],
        "additionalProperties": False,
    }


def schema_for(form: str) -> dict[str, Any]:
    return config_as_schema(register_config()) if form == "register" else standard_schema()


def schema_errors(entry: dict[str, Any], form: str) -> list[str]:
    """Where `entry` breaks the vendored file of its form (empty: it validates)."""
    validator = jsonschema.Draft7Validator(schema_for(form))
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(entry)'}: {e.message}"
        for e in sorted(validator.iter_errors(entry), key=lambda e: list(e.absolute_path))
    ]


def max_length(key: str, form: str) -> int | None:
    """The shorter of the two files' limits for a field (schema.json says 99 where the
    configuration says 100: the entry must pass both)."""
    row = field_row(key)
    limits = []
    config_prop = register_config()["properties"].get(key, {})
    if isinstance(config_prop.get("max_length"), int):
        limits.append(config_prop["max_length"])
    standard_key = row.get("standard") if row else None
    std_prop = standard_schema()["properties"].get(standard_key or "", {})
    if isinstance(std_prop.get("maxLength"), int):
        limits.append(std_prop["maxLength"])
    return min(limits) if limits else None


def field_row(register_key: str) -> dict[str, Any] | None:
    for row in spec()["fields"]:
        if row["register"] == register_key:
            return dict(row)
    return None


def required_keys(form: str) -> list[str]:
    """Register-form keys the form's file requires."""
    if form == "register":
        props = register_config()["properties"]
        return [k for k, v in props.items() if _truthy(v.get("required"))]
    std_required = set(standard_schema()["required"])
    return [row["register"] for row in spec()["fields"] if row.get("standard") in std_required]


# --- reading the record ------------------------------------------------------------------------


def get(obj: Any, dotted: str) -> Any:
    """The value at a dotted path of a typed record (None where any step is missing)."""
    for step in dotted.split("."):
        if obj is None:
            return None
        obj = getattr(obj, step, None)
    return obj


def kept_block(record: Any) -> tuple[dict[str, Any], str]:
    """The register fields an import kept verbatim (no home in the record), and where."""
    for i, component in enumerate(get(record, "approach.components") or []):
        block = (component.metadata or {}).get(KEPT)
        if isinstance(block, dict):
            return block, f"approach.components.{i}.metadata.{KEPT}"
    return {}, ""


def _month(day: Any) -> str | None:
    if day is None:
        return None
    text = day.isoformat() if hasattr(day, "isoformat") else str(day)
    return text[:7] if len(text) >= 7 else None


def _status(record: Any) -> str | None:
    stage = get(record, "lifecycle.stage")
    return spec()["status"].get(str(stage.value)) if stage is not None else None


def _begin(record: Any) -> str | None:
    """The month the system went into use: the first pilot or production stage change."""
    in_use = {"pilot", "production"}
    for change in get(record, "lifecycle.history") or []:
        if change.stage.value in in_use:
            return _month(change.date)
    if str(get(record, "lifecycle.stage")) in in_use:
        return _month(get(record, "lifecycle.stage_since"))
    return None


def _end(record: Any) -> str | None:
    if str(get(record, "lifecycle.stage")) == "retired":
        return _month(get(record, "lifecycle.stage_since"))
    return None


def _themes(record: Any) -> list[str]:
    permitted = register_config()["properties"]["category"]["permitted_values"]
    return [t for t in record.tags if t in permitted]


def _is_high_risk(loaded: LoadedRecord) -> bool:
    summary = loaded.check_summary
    derived = summary.tier.eu if summary is not None else None
    declared = get(loaded.record, "impact_assessment.risk_tier.eu_ai_act")
    return any(t is not None and str(t.value) == "high" for t in (derived, declared))


def _category(loaded: LoadedRecord, form: str, kept: dict[str, Any]) -> str | None:
    """A from the EU AI Act tier; else B or C from `use_case.decisions_about_people`; else the
    category an import kept (the record's own answer wins over it)."""
    values = spec()["publication_category"][form]
    if _is_high_risk(loaded):
        return str(values["high_risk"])
    about_people = get(loaded.record, "use_case.decisions_about_people")
    if about_people is not None:
        return str(values["impactful"] if about_people else values["other"])
    if kept.get("publication_category"):
        return _category_in_form(str(kept["publication_category"]), form)
    return None


def _category_in_form(value: str, form: str) -> str:
    """A category as either file spells it, in the spelling of `form`."""
    table = spec()["publication_category"]
    for key, spelled in table["register"].items():
        if value in (spelled, table["standard"][key]):
            return str(table[form][key])
    return value


def _components_text(record: Any, attr: str) -> str | None:
    components = get(record, "approach.components") or []
    parts = [(c.name, getattr(c, attr)) for c in components if getattr(c, attr)]
    if not parts:
        return None
    if len(parts) == 1:
        return str(parts[0][1])
    return "\n\n".join(f"{name}: {value}" for name, value in parts)


def _provider(record: Any) -> str | None:
    components = get(record, "approach.components") or []
    providers = list(dict.fromkeys(c.provider for c in components if c.provider))
    if providers:
        return "; ".join(providers)
    if components and all(
        c.source is not None and c.source.value == "in_house" for c in components
    ):
        return "Intern ontwikkeld"
    return None


def _assessments(record: Any, notes: list[str]) -> list[dict[str, str]]:
    titles = spec()["assessment_titles"]
    out = []
    for a in get(record, "impact_assessment.assessments") or []:
        status = getattr(a.status, "value", None)
        if status not in (None, "done"):
            notes.append(f"impact assessment '{a.name or a.kind.value}' is {status}: not listed")
            continue
        title = a.name or titles.get(a.kind.value) or a.kind.value
        item = {"title": str(title)}
        if a.url:
            item["link"] = a.url
        out.append(item)
    return out


def _sources_text(record: Any) -> str | None:
    sources = get(record, "data.sources") or []
    lines = [f"- {s.name}: {s.description}" if s.description else f"- {s.name}" for s in sources]
    return "\n".join(lines) or None


def _from_register(record: Any) -> bool:
    name = (
        get(record, "source_document.register_name")
        or get(record, "source_document.standard")
        or ""
    )
    return "algoritmeregister" in str(name).lower()


def _values(loaded: LoadedRecord, form: str, notes: list[str]) -> dict[str, Any]:
    """Every register field the record (or the kept block) gives, in register-form names."""
    record = loaded.record
    kept, _ = kept_block(record)
    values: dict[str, Any] = {
        "name": record.name if record is not None else None,
        "description_short": get(record, "summary"),
        "organization": get(record, "source_document.organisation")
        or get(record, "owner.legal_entity"),
        "category": kept.get("category") or _themes(record) or None,
        "status": _status(record),
        "begin_date": _begin(record) or kept.get("begin_date"),
        "end_date": _end(record) or kept.get("end_date"),
        "contact_email": get(record, "owner.contact") or get(record, "source_document.contact"),
        "website": kept.get("website"),
        "publication_category": _category(loaded, form, kept),
        "url": kept.get("url"),
        "goal": get(record, "documentation.intended_use"),
        "proportionality": get(record, "impact_assessment.proportionality"),
        "human_intervention": get(record, "impact_assessment.human_oversight.description"),
        "risks": get(record, "feasibility.risk_summary"),
        "lawful_basis": get(record, "data.legal_basis"),
        "lawful_basis_grouping": [
            {"title": link.title, "link": link.url}
            for link in get(record, "data.legal_basis_links") or []
        ]
        or None,
        "process_index_url": kept.get("process_index_url"),
        "impacttoetsen_grouping": _assessments(record, notes) or None,
        "impacttoetsen": kept.get("impacttoetsen"),
        "source_data": kept.get("source_data") or _sources_text(record),
        "source_data_grouping": [
            {"title": s.name, "link": s.link} for s in get(record, "data.sources") or [] if s.link
        ]
        or None,
        "methods_and_models": _components_text(record, "architecture"),
        "provider": _provider(record),
        "publiccode": kept.get("publiccode"),
        "lang": spec()["language"],
        "standard_version": spec()["standard_version"],
        "source_id": kept.get("source_id") or (record.id if record is not None else None),
        "tags": kept.get("tags") or (", ".join(record.tags) if record and record.tags else None),
        "lars": get(record, "source_document.external_id") if _from_register(record) else None,
        "publication_dt": kept.get("publication_dt")
        or (
            str(get(record, "source_document.published"))
            if _from_register(record) and get(record, "source_document.published") is not None
            else None
        ),
    }
    return {k: v for k, v in values.items() if v not in (None, "", [])}


# --- the two forms ----------------------------------------------------------------------------


def _register_form(values: dict[str, Any]) -> dict[str, Any]:
    """The register's long fields are HTML (div, p, br, lists): record text becomes that HTML,
    and text that already carries markup (kept by an import, or typed in the record) is read
    as text first, so only those tags reach the register and everything else is escaped."""
    return {
        key: text_to_html(html_to_text(value)) if key in LONG_TEXT else value
        for key, value in values.items()
    }


def _standard_form(values: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in spec()["fields"]:
        key, std = row["register"], row.get("standard")
        if key not in values:
            continue
        value = values[key]
        if std is None:
            notes.append(f"{key} has no field in the standard form (schema.json): left out")
            continue
        if key in ("lawful_basis_grouping", "source_data_grouping"):
            title_key = (
                "legal_basis_title" if key == "lawful_basis_grouping" else "data_source_title"
            )
            out[title_key] = value[0]["title"]
            out[std] = value[0]["link"]
            if len(value) > 1:
                notes.append(
                    f"{std} takes one link in the standard form; {len(value) - 1} more left out"
                )
        elif key == "impacttoetsen_grouping":
            out[std] = ", ".join(item["title"] for item in value)
            links = [item["link"] for item in value if item.get("link")]
            if links:
                out["impact_assessment_link"] = links[0]
        elif key == "standard_version":
            out[std] = spec()["schema_version"]
        elif isinstance(value, str) and has_markup(value):
            out[std] = html_to_text(value)  # the standard's fields are plain text
        else:
            out[std] = value
    return out


def _missing(loaded: LoadedRecord, key: str, form: str) -> Diagnostic:
    row = field_row(key) or {"register": key, "title": key}
    record_path = row.get("record") or ""
    also = row.get("also")
    derived = row.get("from")
    name = row["register"] if form == "register" else row.get("standard") or key
    if record_path and not derived:
        what = f"`{record_path}`" + (f" (or `{also}`)" if also else "")
    elif derived:
        what = str(derived)
    else:
        what = f"the kept register block (`{KEPT}` in a model component's metadata)"
    where = str(row.get("at") or record_path)
    line, column = loaded.find_position(tuple(where.split("."))) if where else (1, 1)
    withheld = _withheld(loaded, record_path or where)
    because = (
        f"the record's visibility rules withhold `{withheld}` from the public edition"
        if withheld
        else "the record does not give it"
    )
    return Diagnostic(
        loaded.path,
        line,
        column,
        CODE,
        f"the Algoritmeregister requires '{name}' ({row.get('title', key)}); {because}",
        hint=(
            f"Make `{withheld}` public, or export with --audience internal to check the rest."
            if withheld
            else f"Fill {what} in the record."
        ),
        field=record_path,
        system=loaded.id,
    )


def _withheld(loaded: LoadedRecord, path: str) -> str:
    """The withheld part (of a public edition) that holds `path`, or ""."""
    for part in loaded.edition.withheld:
        if path == part.field or path.startswith(part.field + "."):
            return part.field
    return ""


def _too_long(loaded: LoadedRecord, key: str, value: str, limit: int) -> Diagnostic:
    row = field_row(key) or {}
    record_path = row.get("record") or ""
    where = str(row.get("at") or record_path)
    line, column = loaded.find_position(tuple(where.split("."))) if where else (1, 1)
    return Diagnostic(
        loaded.path,
        line,
        column,
        CODE,
        f"'{key}' ({row.get('title', key)}) may hold at most {limit} characters; the record "
        f"gives {plain_length(value)}",
        hint=f"Shorten `{record_path or key}`; aigov never truncates text for the register.",
        field=record_path,
        system=loaded.id,
    )


def export_algoritmeregister(loaded: LoadedRecord, form: str = "register") -> RegisterEntry:
    """The record as an Algoritmeregister entry; ExportError names every field to fill."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}")
    if loaded.record is None:
        raise ExportError(
            f"{loaded.path} does not validate, so it cannot be exported",
            diagnostics=loaded.diagnostics,
            exit_code=1,
        )
    notes: list[str] = []
    values = _values(loaded, form, notes)
    kept, where = kept_block(loaded.record)
    fields = register_config()["properties"]
    for key in kept:
        if key not in fields:
            notes.append(f"{where}.{key} is not a field of standard 1.0: left out")
    problems = [_missing(loaded, key, form) for key in required_keys(form) if key not in values]
    for key, value in values.items():
        limit = max_length(key, form)
        if limit is not None and isinstance(value, str) and plain_length(value) > limit:
            problems.append(_too_long(loaded, key, value, limit))
    if problems:
        raise ExportError(
            f"{loaded.path} cannot be exported to the Algoritmeregister: "
            f"{len(problems)} field{'s' if len(problems) != 1 else ''} to fill or fix",
            diagnostics=sorted(problems),
            hint="Nothing was written.",
            exit_code=1,
        )
    data = _register_form(values) if form == "register" else _standard_form(values, notes)
    errors = schema_errors(data, form)
    if errors:  # the table and the vendored files disagree: say so, write nothing
        raise ExportError(
            f"the entry for {loaded.id} does not validate against the vendored "
            f"{'config/v1_0.json' if form == 'register' else 'schema.json'}: " + "; ".join(errors),
            diagnostics=[Diagnostic(loaded.path, 1, 1, CODE, e, system=loaded.id) for e in errors],
            exit_code=1,
        )
    return RegisterEntry(data, form, notes)
