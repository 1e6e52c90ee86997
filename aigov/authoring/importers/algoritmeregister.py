"""`aigov import algoritmeregister`: a Dutch Algoritmeregister entry (JSON) as a new record.

Reads an entry of standard 1.0 in either form (the register's own field names, as its downloads
and API give them, or the names of the standard's schema.json) or of the older standards 0.1 to
0.4. Fields with a home in the record are mapped (`aigov/data/algoritmeregister.yaml` says which
goes where, the same table the exporter reads); every other field is kept verbatim in the model
component's `metadata.algoritmeregister`, from where `aigov export algoritmeregister` reads it
back. No date is invented: a month-only start date stays in the kept block and the stage's date
is written `unknown`. Ids are kept whole.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from aigov.authoring.importers import CardError, Imported, ImportReport, ReportLine
from aigov.authoring.importers.mct import read_json
from aigov.authoring.recorddata import set_path, slug
from aigov.exports.algoritmeregister import KEPT, spec
from aigov.exports.registertext import has_markup, html_to_text
from aigov.model import is_slug

FORMAT = "algoritmeregister"
REGISTER_NAME = "Algoritmeregister (NL)"
STANDARD_NAME = "Algoritmeregister publicatiestandaard"
_FULL_DATE = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)")

# register-form key → the record path it goes to (the table's `record` column, where the
# record holds the value itself; composite fields are handled below)
_TEXT = {
    "description_short": "summary",
    "organization": "source_document.organisation",
    "contact_email": "owner.contact",
    "goal": "documentation.intended_use",
    "proportionality": "impact_assessment.proportionality",
    "human_intervention": "impact_assessment.human_oversight.description",
    "risks": "feasibility.risk_summary",
    "lawful_basis": "data.legal_basis",
}
_OLDER_TEXT = {"department", "competent_authority", "objection_procedure"}


def read_entry(path: Path, display: str) -> dict[str, Any]:
    """The one entry in the file (an object, or a list holding exactly one)."""
    data = read_json(
        path, "An Algoritmeregister entry is one JSON object, as the register exports it."
    )
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if isinstance(data, list):
        raise CardError(
            f"the file holds {len(data)} entries; import one entry per record",
            hint="Split the file into one JSON object per algorithm.",
            line=1,
            column=1,
        )
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("name"), str)
        or not data["name"].strip()
    ):
        raise CardError(
            "not an Algoritmeregister entry: it needs a 'name' (Naam)",
            hint="Export the entry from the register (JSON) and import that file.",
            line=1,
            column=1,
        )
    return data


def standard_form(entry: dict[str, Any]) -> bool:
    """True for an entry with the names of schema.json (purpose_and_impact, …)."""
    return "schema" in entry or "purpose_and_impact" in entry or "technical_operation" in entry


def to_register_names(entry: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """A standard-form entry under the register form's names (grouped links rebuilt)."""
    by_standard = {
        row["standard"]: row["register"] for row in spec()["fields"] if row.get("standard")
    }
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if key in ("legal_basis_link", "data_source_link", "impact_assessment_link"):
            continue
        if key == "legal_basis_title" or key == "data_source_title":
            continue
        out[by_standard.get(key, key)] = value
    for link_key, title_key, target in (
        ("legal_basis_link", "legal_basis_title", "lawful_basis_grouping"),
        ("data_source_link", "data_source_title", "source_data_grouping"),
    ):
        if entry.get(link_key) or entry.get(title_key):
            out[target] = [
                {"title": entry.get(title_key) or entry.get(link_key), "link": entry.get(link_key)}
            ]
    assessments = entry.get("impact_assessments")
    if isinstance(assessments, str) and assessments.strip():
        titles = [t.strip() for t in assessments.split(",") if t.strip()]
        items: list[dict[str, Any]] = [{"title": t} for t in titles]
        if entry.get("impact_assessment_link") and items:
            items[0]["link"] = entry["impact_assessment_link"]
        out["impacttoetsen_grouping"] = items
        if len(titles) > 1:
            notes.append(
                "impact_assessments is one text in the standard form; it was read as "
                f"{len(titles)} assessments separated by commas"
            )
    out["standard_version"] = (
        spec()["standard_version"] if "schema" in entry else out.get("standard_version")
    )
    out.pop("schema", None)
    out.pop("language", None)
    if "language" in entry:
        out["lang"] = entry["language"]
    return out


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _text(value: Any) -> str:
    return html_to_text(value) if isinstance(value, str) else str(value)


def _kind(title: str) -> str:
    for rule in spec()["assessment_kinds"]:
        if rule["match"].lower() in title.lower():
            return str(rule["kind"])
    return "other"


def _link_ok(url: Any) -> bool:
    return isinstance(url, str) and url.strip().lower().startswith(("http://", "https://"))


class _Mapper:
    def __init__(self, report: ImportReport) -> None:
        self.record: dict[str, Any] = {}
        self.component: dict[str, Any] = {}
        self.kept: dict[str, Any] = {}
        self.sources: list[dict[str, Any]] = []
        self.report = report
        self.markup = False

    def put(self, key: str, path: str, value: Any, note: str = "") -> None:
        set_path(self.record, path, value)
        self.report.mapped.append(ReportLine(key, path, note))

    def keep(self, key: str, value: Any, note: str = "") -> None:
        self.kept[key] = value
        self.report.kept.append(ReportLine(key, f"metadata.{KEPT}.{key}", note))

    def text(self, key: str, path: str, value: Any) -> None:
        if isinstance(value, str) and has_markup(value):
            self.markup = True
        self.put(key, path, _text(value))


def _assessment_items(m: _Mapper, key: str, items: Any) -> None:
    out = []
    for item in items if isinstance(items, list) else []:
        title = item.get("title") if isinstance(item, dict) else str(item)
        if not title:
            continue
        a: dict[str, Any] = {"kind": _kind(title), "name": title, "status": "done"}
        link = item.get("link") if isinstance(item, dict) else None
        if _link_ok(link):
            a["url"] = link
        elif link:
            a["reference"] = link
        out.append(a)
    if out:
        m.put(key, "impact_assessment.assessments", out, f"{len(out)} impact assessment(s)")
    else:
        m.keep(key, items)


def _older_assessment(m: _Mapper, key: str, value: Any, entry: dict[str, Any]) -> None:
    """0.x: iama/dpia 'Ja'/'Nee' with an optional description."""
    answer = str(value).strip().lower()
    if answer not in ("ja", "nee"):
        m.keep(key, value)
        return
    a: dict[str, Any] = {"kind": key, "status": "done" if answer == "ja" else "not_done"}
    description = entry.get(f"{key}_description")
    if isinstance(description, str) and description.strip():
        a["summary"] = _text(description)
        m.report.mapped.append(
            ReportLine(f"{key}_description", "impact_assessment.assessments[].summary")
        )
    m.record.setdefault("impact_assessment", {}).setdefault("assessments", []).append(a)
    m.report.mapped.append(
        ReportLine(key, "impact_assessment.assessments[]", f"{key.upper()}: {value}")
    )


def _map_field(m: _Mapper, key: str, value: Any, entry: dict[str, Any], today: dt.date) -> None:
    older = spec()["older_fields"]
    if key in _TEXT:
        m.text(key, _TEXT[key], value)
    elif key == "name":
        m.report.mapped.append(ReportLine(key, "name", "the record's and the model's name"))
    elif key == "status":
        stage = spec()["status_to_stage"].get(value, "")
        if stage == "":
            m.keep(key, value, "not a status of the standard")
        elif stage:
            m.put(key, "lifecycle.stage", stage, f"{value!r}")
        else:
            m.report.mapped.append(
                ReportLine(key, "lifecycle.stage", f"{value!r}: the --stage given")
            )
    elif key == "publication_category":
        m.keep(key, value)
        if str(value).startswith("Hoog-risico"):
            m.put(key, "impact_assessment.risk_tier.eu_ai_act", "high", "category A")
    elif key == "lawful_basis_grouping" and isinstance(value, list):
        links = [
            {"title": i.get("title") or i.get("link"), "url": i["link"]}
            for i in value
            if isinstance(i, dict) and _link_ok(i.get("link"))
        ]
        if len(links) == len(value):
            m.put(key, "data.legal_basis_links", links)
        else:
            m.keep(key, value, "a link that is not http(s)")
    elif key == "impacttoetsen_grouping" or (key == "impacttoetsen" and isinstance(value, list)):
        _assessment_items(m, key, value)
    elif key == "source_data_grouping" and isinstance(value, list):
        taken: set[str] = set()
        for item in value:
            if not isinstance(item, dict) or not item.get("title"):
                continue
            source: dict[str, Any] = {
                "id": slug(str(item["title"]), taken),
                "name": str(item["title"]),
            }
            taken.add(source["id"])
            if item.get("link"):
                source["link"] = item["link"]
            m.sources.append(source)
        m.report.mapped.append(ReportLine(key, "data.sources", f"{len(m.sources)} data source(s)"))
    elif key == "methods_and_models":
        if isinstance(value, str) and has_markup(value):
            m.markup = True
        m.component["architecture"] = _text(value)
        m.report.mapped.append(ReportLine(key, "approach.components[0].architecture"))
    elif key == "provider":
        if str(value).strip().lower() == "intern ontwikkeld":
            m.component["source"] = "in_house"
            m.report.mapped.append(ReportLine(key, "approach.components[0].source", "in_house"))
        else:
            m.component["provider"] = value
            m.report.mapped.append(ReportLine(key, "approach.components[0].provider"))
    elif key == "lars":
        m.put(
            key,
            "source_document.external_id",
            str(value),
            "the register's algorithm id, kept whole",
        )
    elif key == "standard_version":
        m.put(key, "source_document.standard_version", str(value))
    elif key in ("lang", "language") and str(value).lower() == "nld":
        m.put(key, "source_document.language", "nl", f"{value!r} (ISO 639-3) as BCP 47")
        if value != "nld":
            m.keep(key, value, "kept too: written as the source wrote it")
    elif key == "publication_dt" and _FULL_DATE.match(str(value)):
        m.put(key, "source_document.published", _FULL_DATE.match(str(value)).group(1))  # type: ignore[union-attr]
        m.keep(key, value, "kept too: the register's full timestamp")
    elif key == "revision_date" and _FULL_DATE.match(str(value)):
        m.put(key, "source_document.revised", _FULL_DATE.match(str(value)).group(1))  # type: ignore[union-attr]
    elif key in _OLDER_TEXT:
        m.text(key, older[key], value)
    elif key in ("iama", "dpia"):
        _older_assessment(m, key, value, entry)
    elif key in ("iama_description", "dpia_description") and key[:-12] in entry:
        pass  # read with iama / dpia
    else:
        m.keep(key, value)


def import_algoritmeregister(path: Path, *, today: dt.date, display: str) -> Imported:
    """The entry in `path`, mapped (see the module's docstring)."""
    entry = read_entry(path, display)
    report = ImportReport(FORMAT, display)
    if standard_form(entry):
        report.notes.append("the entry uses the field names of the standard's schema.json")
        entry = to_register_names(entry, report.notes)
    version = str(entry.get("standard_version") or "unknown")
    m = _Mapper(report)
    for key, value in entry.items():
        if _empty(value):
            report.empty.append(ReportLine(key, ""))
            continue
        _map_field(m, key, value, entry, today)
    name = entry["name"].strip()
    source_id = entry.get("source_id")
    cid = source_id if isinstance(source_id, str) and is_slug(source_id) else slug(name)
    m.component = {"id": cid, "name": name, **m.component}
    if m.kept:
        m.component["metadata"] = {KEPT: m.kept}
    set_path(m.record, "name", name)
    set_path(m.record, "source_document.register_name", REGISTER_NAME)
    set_path(m.record, "source_document.standard", STANDARD_NAME)
    set_path(m.record, "source_document.title", name)
    set_path(m.record, "lifecycle.stage_since", "unknown")
    report.notes.append(
        f"standard version {version}; the stage's date is `unknown` (the register gives a month "
        "at most, kept as begin_date/end_date)"
    )
    if m.markup:
        report.notes.append(
            "the register's HTML (p, div, br, lists) became plain text with blank-line paragraphs "
            "and '- ' bullets; the export writes it back as HTML"
        )
    return Imported(component=m.component, sources=m.sources, record=m.record, report=report)
