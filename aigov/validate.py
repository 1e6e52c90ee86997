"""Validation: loaded YAML data → typed Record, with every problem mapped to file:line:col."""

from __future__ import annotations

import difflib
import re
import typing
import unicodedata
from collections.abc import Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from aigov.answers import Answers, dotted, split_answers, split_path
from aigov.catalog import nist_ids
from aigov.diagnostics import Diagnostic, Severity
from aigov.model import Record, unwrap
from aigov.yamlload import BIDI_CONTROLS, Document, FieldPath, printable


def validate_document(doc: Document) -> tuple[Record | None, Answers, list[Diagnostic]]:
    """Validate loaded data against the record model and the record's internal references."""
    clean, answers = split_answers(doc.data) if doc.may_have_answers else (doc.data, {})
    diags = [
        _diag(
            doc,
            split_path(p),
            "AIG-SCHEMA-NA",
            "'not_applicable' needs a justification",
            'Say why it does not apply: {not_applicable: "retired before launch"}.',
        )
        for p, a in answers.items()
        if a.kind == "not_applicable" and not a.justification
    ]
    try:
        record = Record.model_validate(clean)
    except ValidationError as exc:
        return None, answers, diags + [_from_pydantic(doc, err, answers) for err in exc.errors()]
    except RecursionError:  # pragma: no cover - the loader bounds depth first
        return (
            None,
            answers,
            [_diag(doc, (), "AIG-YAML-DEPTH", "record is nested too deeply", "Flatten it.")],
        )
    diags += check_references(doc, record)
    if doc.may_have_bidi:
        diags += direction_controls(doc)
    return record, answers, diags


# --- text that reads differently from what it says ------------------------------------------

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def direction_controls(doc: Document) -> list[Diagnostic]:
    """A warning for every text holding bidirectional overrides or isolates (U+202A-E,
    U+2066-9): invisible, they make text display in another order than it is stored (a
    "Trojan Source" reordering), so a reviewer could sign what the record does not say.
    Cards and the site leave them out; other tools may not."""
    out = []
    for where, text in _strings(doc.data, ()):
        found = sorted(set(_BIDI.findall(text)))
        if not found:
            continue
        names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'control').lower()}" for c in found)
        out.append(
            _diag(
                doc,
                where,
                "AIG-TEXT-BIDI",
                f"text holds invisible direction controls ({names}) that make it display "
                "differently from what it says",
                "Delete them (they usually come from copying out of a document or a chat); "
                "cards and the site leave them out, other tools may show the text reordered.",
                severity=Severity.WARNING,
            )
        )
    return out


def _strings(value: Any, where: FieldPath) -> Any:
    if isinstance(value, str):
        if _BIDI.search(value):
            yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and _BIDI.search(key):  # a key of free-form metadata
                yield (*where, key), key
            yield from _strings(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*where, i))


def _diag(
    doc: Document,
    where: FieldPath,
    code: str,
    message: str,
    hint: str,
    *,
    key: bool = False,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    line, col = doc.position(where, key=key)
    return Diagnostic(doc.path, line, col, code, message, severity, hint=hint, field=dotted(where))


# --- pydantic errors -------------------------------------------------------------------------


def _from_pydantic(doc: Document, err: Any, answers: Answers) -> Diagnostic:
    loc: tuple[str | int, ...] = tuple(err["loc"])
    kind: str = err["type"]
    name = _label(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        fields = list(_fields_at(loc[:-1]))
        guess = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
        parent = doc.node_at(loc[:-1])
        if not guess and getattr(parent, "flow_style", False):
            return _diag(
                doc,
                loc,
                "AIG-SCHEMA-UNKNOWN-KEY",
                f"unknown field '{printable(key)}' in {_label(loc[:-1]) or 'the record'}",
                "Inside { }, a comma starts a new field: put text that contains commas in quotes, "
                'e.g. {name: "Claims, health"}.',
                key=True,
            )
        hint = (
            f"Did you mean '{guess[0]}'?"
            if guess
            else (f"Allowed here: {', '.join(fields)}." if fields else "Remove the key.")
        )
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-UNKNOWN-KEY",
            f"unknown field '{printable(key)}' in {_label(loc[:-1]) or 'the record'}",
            hint,
            key=True,
        )
    if kind == "missing":
        if dotted(loc) in answers:
            return _diag(
                doc,
                loc,
                "AIG-SCHEMA-MISSING",
                f"'{name}' is required and cannot be unknown or not applicable",
                f"Give '{loc[-1]}' a value.",
                key=True,
            )
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-MISSING",
            f"missing required field '{name}'",
            f"Add '{loc[-1]}:' here. `aigov explain {_schema_path(loc)}` says what it means.",
        )
    if kind in ("enum", "literal_error"):
        allowed = _allowed(loc)
        literal = _type_at(loc)
        numbers = (
            [str(a) for a in typing.get_args(literal) if not isinstance(a, str)]
            if typing.get_origin(literal) is typing.Literal
            else []
        )
        if isinstance(value, str) and value.strip() in numbers:
            # `schema_version: "1"`: the right value, but text where a number belongs
            return _diag(
                doc,
                loc,
                "AIG-SCHEMA-TYPE",
                f"'{name}' must be the number {value.strip()}, not the text '{_short(value)}'",
                f"Remove the quotes: {loc[-1] if loc else name}: {value.strip()}",
            )
        guess = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        hint = (f"Did you mean '{guess[0]}'? " if guess else "") + (
            f"Allowed: {', '.join(allowed)}." if allowed else ""
        )
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-ENUM",
            f"'{name}' has '{_short(value)}', which is not an allowed value",
            hint,
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-DATE",
            f"'{name}' is not a valid date: {_short(value)}",
            "Write an existing date as YYYY-MM-DD, e.g. 2026-03-31.",
        )
    if kind == "string_type" and isinstance(value, int | float | bool):
        written = doc.source_text(loc) or str(value)
        kind_name = {bool: "true/false", int: "a number", float: "a number"}[type(value)]
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-TYPE",
            f"'{name}' must be text, but YAML reads {written} as {kind_name}",
            f'Put it in quotes: "{written}" (unquoted, YAML reads 1.10 as the number 1.1).',
        )
    if kind == "string_type" and isinstance(value, list | dict):
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-TYPE",
            f"'{name}' must be text, not {_describe(value)}",
            "Write it as one line of text; for several lines start with `|` and indent the lines "
            "below it.",
        )
    if kind == "string_pattern_mismatch":
        odd = _lookalikes(str(value))
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-ID",
            f"'{name}' must be a slug, got '{_short(value)}'" + (f" ({odd})" if odd else ""),
            "Use lowercase letters, digits and hyphens, starting and ending with a letter or digit "
            "(e.g. claims-triage).",
        )
    if kind == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        return _diag(doc, loc, "AIG-SCHEMA-VALUE", f"'{name}' {msg}", _value_hint(msg))
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        want = {
            "list_type": "a list (lines starting with '- ')",
            "dict_type": "a mapping of fields",
        }.get(kind, "a mapping of fields")
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-TYPE",
            f"'{name}' must be {want}, not {_describe(value)}",
            f"Write '{loc[-1] if loc else 'it'}' as {want}; or `unknown`, or "
            '{not_applicable: "why"} if it is optional.',
        )
    return _diag(
        doc,
        loc,
        "AIG-SCHEMA-TYPE",
        f"'{name}': {err['msg'].lower()} (got {_short(value)})",
        f"`aigov explain {_schema_path(loc)}` shows the expected type and an example.",
    )


def _lookalikes(text: str) -> str:
    """Name non-ASCII characters, which a reader may not tell apart (Cyrillic 'о' in an id)."""
    odd = sorted({ch for ch in text if ord(ch) > 127})
    if not odd:
        return ""
    names = ", ".join(
        f"'{printable(ch)}' is {unicodedata.name(ch, f'U+{ord(ch):04X}')}" for ch in odd[:3]
    )
    return f"it contains non-ASCII characters: {names}"


def _value_hint(msg: str) -> str:
    if "link" in msg or "URL" in msg:
        return "Use an https:// address, a mailto: address, or a path relative to the repository."
    if "governance repository" in msg:
        return "Give the path from the repository root, e.g. evidence/<system-id>/report.md."
    return "Correct the value."


def _label(loc: tuple[str | int, ...]) -> str:
    out = ""
    for step in loc:
        text = printable(str(step), 60)
        out += f"[{step}]" if isinstance(step, int) else (f".{text}" if out else text)
    return out


def _schema_path(loc: tuple[str | int, ...]) -> str:
    return ".".join(str(s) for s in loc if isinstance(s, str)) or "id"


def _short(value: Any) -> str:
    """A value from the record, safe and short enough to quote in a one-line message."""
    if isinstance(value, list | dict):
        return _describe(value)
    return printable(str(value), 60)


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the value '{_short(value)}'"


def _type_at(loc: tuple[str | int, ...]) -> Any:
    current: Any = Record
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(step)
        if field is None:
            return None
        current = unwrap(field.annotation)[0]
    return current


def _fields_at(loc: tuple[str | int, ...]) -> list[str]:
    tp = _type_at(loc)
    return list(tp.model_fields) if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def _allowed(loc: tuple[str | int, ...]) -> list[str]:
    tp = _type_at(loc)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [str(m.value) for m in tp]
    if typing.get_origin(tp) is typing.Literal:
        return [str(a) for a in typing.get_args(tp)]
    return []


# --- references inside a record ---------------------------------------------------------------


def _ids(
    items: Sequence[tuple[FieldPath, str]], doc: Document, what: str
) -> tuple[set[str], list[Diagnostic]]:
    seen: dict[str, FieldPath] = {}
    diags = []
    for where, ident in items:
        if ident in seen:
            line, _ = doc.position(seen[ident] + ("id",))
            diags.append(
                _diag(
                    doc,
                    (*where, "id"),
                    "AIG-REF-DUPLICATE",
                    f"{what} id '{ident}' is used twice (first on line {line})",
                    "Give each one its own id.",
                )
            )
        else:
            seen[ident] = where
    return set(seen), diags


def check_references(doc: Document, rec: Record) -> list[Diagnostic]:
    """Ids are unique; harms name real controls; controls name real NIST AI RMF subcategories."""
    diags: list[Diagnostic] = []
    controls: list[tuple[FieldPath, str]] = []
    if rec.controls:
        for fn in ("govern", "map", "measure", "manage"):
            controls += [
                (("controls", fn, i), c.id) for i, c in enumerate(getattr(rec.controls, fn))
            ]
    control_ids, d = _ids(controls, doc, "control")
    diags += d
    ia = rec.impact_assessment
    if ia:
        diags += _ids(
            [(("impact_assessment", "harms", i), h.id) for i, h in enumerate(ia.harms)], doc, "harm"
        )[1]
        for i, harm in enumerate(ia.harms):
            for j, ref in enumerate(harm.mitigations):
                if ref not in control_ids:
                    diags.append(
                        _missing_ref(
                            doc,
                            ("impact_assessment", "harms", i, "mitigations", j),
                            ref,
                            control_ids,
                            "control",
                        )
                    )
    components = rec.approach.components if rec.approach else []
    component_ids, d = _ids(
        [(("approach", "components", i), c.id) for i, c in enumerate(components)], doc, "component"
    )
    diags += d
    if rec.data:
        diags += _ids(
            [(("data", "sources", i), s.id) for i, s in enumerate(rec.data.sources)],
            doc,
            "data source",
        )[1]
    if rec.metrics:
        layered = [
            (("metrics", layer, i), m.id)
            for layer in (
                "business",
                "user_experience",
                "model_quality",
                "guardrail",
                "operational",
            )
            for i, m in enumerate(getattr(rec.metrics, layer))
        ]
        diags += _ids(layered, doc, "metric")[1]
    if rec.operations:
        diags += _ids(
            [
                (("operations", "monitoring", i), m.id)
                for i, m in enumerate(rec.operations.monitoring)
            ],
            doc,
            "monitor",
        )[1]
        diags += _ids(
            [
                (("operations", "incidents", i), m.id)
                for i, m in enumerate(rec.operations.incidents)
            ],
            doc,
            "incident",
        )[1]
    if rec.launch:
        diags += _ids(
            [(("launch", "gates", i), g.id) for i, g in enumerate(rec.launch.gates)], doc, "gate"
        )[1]
        if rec.launch.red_team:
            for i, f in enumerate(rec.launch.red_team.findings):
                if f.control and f.control not in control_ids:
                    diags.append(
                        _missing_ref(
                            doc,
                            ("launch", "red_team", "findings", i, "control"),
                            f.control,
                            control_ids,
                            "control",
                        )
                    )
    if rec.evaluations:
        for i, r in enumerate(rec.evaluations.results):
            if r.component and r.component not in component_ids:
                diags.append(
                    _missing_ref(
                        doc,
                        ("evaluations", "results", i, "component"),
                        r.component,
                        component_ids,
                        "model component",
                    )
                )
            if r.confidence_interval and r.confidence_interval.lower > r.confidence_interval.upper:
                diags.append(
                    _diag(
                        doc,
                        ("evaluations", "results", i, "confidence_interval"),
                        "AIG-SCHEMA-VALUE",
                        "confidence interval lower bound is above its upper bound",
                        "Swap the bounds.",
                    )
                )
    known = nist_ids()
    for where, ident in controls:
        control = _control_at(rec, where)
        for j, sub in enumerate(control.nist):
            if sub not in known:
                guess = difflib.get_close_matches(sub, sorted(known), n=1, cutoff=0.7)
                diags.append(
                    _diag(
                        doc,
                        (*where, "nist", j),
                        "AIG-REF-NIST",
                        f"control '{ident}' cites '{sub}', which is not a NIST AI RMF 1.0 subcategory",
                        (f"Did you mean '{guess[0]}'? " if guess else "")
                        + "Use ids like 'MEASURE 2.11'; `aigov explain controls` lists them.",
                    )
                )
    return diags


def _control_at(rec: Record, where: FieldPath) -> Any:
    assert rec.controls is not None
    return getattr(rec.controls, str(where[1]))[int(where[2])]


def _missing_ref(
    doc: Document, where: FieldPath, ref: str, known: set[str], what: str
) -> Diagnostic:
    guess = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    hint = (
        f"Did you mean '{guess[0]}'?"
        if guess
        else (
            f"Known {what} ids: {', '.join(sorted(known))}." if known else f"Add the {what} first."
        )
    )
    return _diag(doc, where, "AIG-REF-MISSING", f"'{ref}' is not a {what} in this record", hint)
