"""Validation: loaded YAML data → typed Record, with every problem mapped to file:line:col."""

from __future__ import annotations

import difflib
import json
import re
import typing
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import ValidationError

from aigov.answers import Answers, dotted, split_answers, split_path
from aigov.catalog import nist_ids, unknown_framework_id
from aigov.diagnostics import Diagnostic, Severity
from aigov.fieldmodel.walk import choices, every_field, field_names, names_only, type_at
from aigov.i18n import N_, _
from aigov.model import Record
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
    """One pydantic error as a diagnostic that names the field and says how to fix it."""
    loc: tuple[str | int, ...] = tuple(err["loc"])
    kind: str = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(doc, loc)
    if kind == "missing":
        return _missing(doc, loc, answers)
    if kind in ("enum", "literal_error"):
        return _not_allowed(doc, loc, value)
    if kind.startswith("date") or kind.startswith("datetime"):
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-DATE",
            _("'{field}' is not a valid date: {value}").format(
                field=_label(loc), value=_short(value)
            ),
            _("Write an existing date as YYYY-MM-DD, e.g. 2026-03-31."),
        )
    if kind == "string_type" and isinstance(value, int | float | bool | list | dict):
        return _not_text(doc, loc, value)
    if kind == "string_pattern_mismatch":
        odd = _lookalikes(str(value))
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-ID",
            _("'{field}' must be a slug, got '{value}'").format(
                field=_label(loc), value=_short(value)
            )
            + (f" ({odd})" if odd else ""),
            _(
                "Use lowercase letters, digits and hyphens, starting and ending with a letter or "
                "digit (e.g. claims-triage)."
            ),
        )
    if kind == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        return _diag(doc, loc, "AIG-SCHEMA-VALUE", f"'{_label(loc)}' {msg}", _value_hint(msg))
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        return _wrong_shape(doc, loc, kind, value)
    return _diag(
        doc,
        loc,
        "AIG-SCHEMA-TYPE",
        _("'{field}': {problem} (got {value})").format(
            field=_label(loc), problem=err["msg"].lower(), value=_short(value)
        ),
        _("`aigov explain {field}` shows the expected type and an example.").format(
            field=_schema_path(loc)
        ),
    )


def _unknown_key(doc: Document, loc: tuple[str | int, ...]) -> Diagnostic:
    """A key the model does not have there: the likely field it meant, or what is allowed."""
    key = str(loc[-1])
    fields = field_names(names_only(loc[:-1]))
    guess = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    message = _("unknown field '{key}' in {where}").format(
        key=printable(key), where=_label(loc[:-1]) or _("the record")
    )
    parent = doc.node_at(loc[:-1])
    if not guess and getattr(parent, "flow_style", False):
        hint = _(
            "Inside { }, a comma starts a new field: put text that contains commas in quotes, "
            'e.g. {name: "Claims, health"}.'
        )
    elif guess:
        hint = _did_you_mean(guess[0])
    elif elsewhere := _elsewhere(key, names_only(loc[:-1])):
        where = _(" or ").join(f"'{p}'" for p in elsewhere)
        hint = _("Did you mean {fields}? It belongs in another section.").format(fields=where)
    else:
        hint = (
            _("Allowed here: {fields}.").format(fields=", ".join(fields))
            if fields
            else _("Remove the key.")
        )
    return _diag(doc, loc, "AIG-SCHEMA-UNKNOWN-KEY", message, hint, key=True)


def _did_you_mean(guess: str) -> str:
    return _("Did you mean '{guess}'?").format(guess=guess)


@cache
def _all_paths() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(s.name for s in trail) for trail in every_field(Record))


def _elsewhere(key: str, parent: tuple[str, ...], limit: int = 2) -> list[str]:
    """Fields of that name (or close to it) in another section: `stakeholdrs` at the top
    level → impact_assessment.stakeholders. Exact names first, then close spellings."""
    others = [p for p in _all_paths() if p[:-1] != parent]
    names = sorted({p[-1] for p in others})
    close = difflib.get_close_matches(key.lower(), names, n=3, cutoff=0.75)
    out: list[str] = []
    for name in close:  # get_close_matches puts the exact match first
        for p in others:
            if p[-1] == name and len(out) < limit and ".".join(p) not in out:
                out.append(".".join(p))
        if out:
            break
    return out


def _missing(doc: Document, loc: tuple[str | int, ...], answers: Answers) -> Diagnostic:
    name = _label(loc)
    if dotted(loc) in answers:
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-MISSING",
            _("'{field}' is required and cannot be unknown or not applicable").format(field=name),
            _("Give '{key}' a value.").format(key=loc[-1]),
            key=True,
        )
    return _diag(
        doc,
        loc,
        "AIG-SCHEMA-MISSING",
        _("missing required field '{field}'").format(field=name),
        _("Add '{key}:' here. `aigov explain {field}` says what it means.").format(
            key=loc[-1], field=_schema_path(loc)
        ),
    )


def _not_allowed(doc: Document, loc: tuple[str | int, ...], value: Any) -> Diagnostic:
    """A value outside a closed vocabulary; `"1"` where the number 1 belongs says so."""
    name = _label(loc)
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
            _("'{field}' must be the number {number}, not the text '{value}'").format(
                field=name, number=value.strip(), value=_short(value)
            ),
            _("Remove the quotes: {key}: {number}").format(
                key=loc[-1] if loc else name, number=value.strip()
            ),
        )
    allowed = _allowed(loc)
    guess = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
    hint = (_did_you_mean(guess[0]) + " " if guess else "") + (
        _("Allowed: {values}.").format(values=", ".join(allowed)) if allowed else ""
    )
    return _diag(
        doc,
        loc,
        "AIG-SCHEMA-ENUM",
        _("'{field}' has '{value}', which is not an allowed value").format(
            field=name, value=_short(value)
        ),
        hint,
    )


def _not_text(doc: Document, loc: tuple[str | int, ...], value: Any) -> Diagnostic:
    """A number, yes/no, list or mapping where text belongs."""
    name = _label(loc)
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if isinstance(key, str) and isinstance(inner, str | int | float) and "\n" not in str(inner):
            # `- Agents: less searching`: one line, read as a field because of its ': '
            written = json.dumps(f"{key}: {inner}", ensure_ascii=False)
            return _diag(
                doc,
                loc,
                "AIG-SCHEMA-TYPE",
                _(
                    "'{field}' must be text, but YAML reads the ': ' in it as a field name and "
                    "value"
                ).format(field=name),
                _("Put the text in quotes: {text}").format(text=printable(written)),
            )
    if isinstance(value, list | dict):
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-TYPE",
            _("'{field}' must be text, not {value}").format(field=name, value=_describe(value)),
            _(
                "Write it as one line of text; for several lines start with `|` and indent the "
                "lines below it."
            ),
        )
    written = doc.source_text(loc) or str(value)
    kind_name = _({bool: N_("true/false"), int: N_("a number"), float: N_("a number")}[type(value)])
    return _diag(
        doc,
        loc,
        "AIG-SCHEMA-TYPE",
        _("'{field}' must be text, but YAML reads {written} as {kind}").format(
            field=name, written=written, kind=kind_name
        ),
        _('Put it in quotes: "{written}" (unquoted, YAML reads 1.10 as the number 1.1).').format(
            written=written
        ),
    )


_SHAPES = {
    "list_type": N_("a list (lines starting with '- ')"),
    "dict_type": N_("a mapping of fields"),
}


def _wrong_shape(doc: Document, loc: tuple[str | int, ...], kind: str, value: Any) -> Diagnostic:
    """A single value where a list or a mapping belongs, or the other way round."""
    want = _(_SHAPES.get(kind, _SHAPES["dict_type"]))
    return _diag(
        doc,
        loc,
        "AIG-SCHEMA-TYPE",
        _("'{field}' must be {shape}, not {value}").format(
            field=_label(loc), shape=want, value=_describe(value)
        ),
        _(
            "Write '{key}' as {shape}; or `unknown`, or {{not_applicable: \"why\"}} if it is "
            "optional."
        ).format(key=loc[-1] if loc else _("it"), shape=want),
    )


def _lookalikes(text: str) -> str:
    """Name non-ASCII characters, which a reader may not tell apart (Cyrillic 'о' in an id)."""
    odd = sorted({ch for ch in text if ord(ch) > 127})
    if not odd:
        return ""
    names = ", ".join(
        f"'{printable(ch)}' is {unicodedata.name(ch, f'U+{ord(ch):04X}')}" for ch in odd[:3]
    )
    return _("it contains non-ASCII characters: {names}").format(names=names)


def _value_hint(msg: str) -> str:
    if "link" in msg or "URL" in msg:
        return _(
            "Use an https:// address, a mailto: address, or a path relative to the repository."
        )
    if "governance repository" in msg:
        return _("Give the path from the repository root, e.g. evidence/<system-id>/report.md.")
    return _("Correct the value.")


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
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return _("the value '{value}'").format(value=_short(value))


def _type_at(loc: tuple[str | int, ...]) -> Any:
    return type_at(names_only(loc))


def _allowed(loc: tuple[str | int, ...]) -> list[str]:
    return list(choices(_type_at(loc)))


# --- references inside a record ---------------------------------------------------------------


def _ids(
    items: Sequence[tuple[FieldPath, str]], doc: Document, what: str
) -> tuple[set[str], list[Diagnostic]]:
    seen: dict[str, FieldPath] = {}
    diags = []
    for where, ident in items:
        if ident in seen:
            line, _col = doc.position(seen[ident] + ("id",))
            diags.append(
                _diag(
                    doc,
                    (*where, "id"),
                    "AIG-REF-DUPLICATE",
                    _("{what} id '{id}' is used twice (first on line {line})").format(
                        what=_(what), id=ident, line=line
                    ),
                    _("Give each one its own id."),
                )
            )
        else:
            seen[ident] = where
    return set(seen), diags


_METRIC_LAYERS = ("business", "user_experience", "model_quality", "guardrail", "operational")


def _listed(where: FieldPath, items: Sequence[Any]) -> list[tuple[FieldPath, str]]:
    """Each item's place and id: `(("data", "sources", 0), "claims-db")`."""
    return [((*where, i), item.id) for i, item in enumerate(items)]


def check_references(doc: Document, rec: Record) -> list[Diagnostic]:
    """Ids are unique; harms name real controls; controls name real NIST AI RMF subcategories."""
    controls = _controls(rec)
    control_ids, diags = _ids(controls, doc, N_("control"))
    diags += _harm_refs(doc, rec, control_ids)
    components = rec.approach.components if rec.approach else []
    component_ids, d = _ids(_listed(("approach", "components"), components), doc, N_("component"))
    diags += d
    diags += _section_ids(doc, rec)
    diags += _red_team_refs(doc, rec, control_ids)
    diags += _evaluation_refs(doc, rec, component_ids)
    diags += _nist_refs(doc, rec, controls)
    diags += _framework_refs(doc, rec, controls)
    return diags


def _controls(rec: Record) -> list[tuple[FieldPath, str]]:
    if not rec.controls:
        return []
    fns = ("govern", "map", "measure", "manage")
    return [item for fn in fns for item in _listed(("controls", fn), getattr(rec.controls, fn))]


def _harm_refs(doc: Document, rec: Record, control_ids: set[str]) -> list[Diagnostic]:
    """Harm ids are unique and each mitigation names a control of this record."""
    ia = rec.impact_assessment
    if not ia:
        return []
    diags = _ids(_listed(("impact_assessment", "harms"), ia.harms), doc, N_("harm"))[1]
    for i, harm in enumerate(ia.harms):
        for j, ref in enumerate(harm.mitigations):
            if ref not in control_ids:
                where = ("impact_assessment", "harms", i, "mitigations", j)
                diags.append(_missing_ref(doc, where, ref, control_ids, N_("control")))
    return diags


def _section_ids(doc: Document, rec: Record) -> list[Diagnostic]:
    """Data sources, metrics, monitors, incidents and gates each have their own id."""
    groups: list[tuple[list[tuple[FieldPath, str]], str]] = []
    if rec.data:
        groups.append((_listed(("data", "sources"), rec.data.sources), N_("data source")))
    if rec.metrics:
        metrics = rec.metrics
        layered = [
            m for la in _METRIC_LAYERS for m in _listed(("metrics", la), getattr(metrics, la))
        ]
        groups.append((layered, N_("metric")))
    if rec.operations:
        ops = rec.operations
        groups.append((_listed(("operations", "monitoring"), ops.monitoring), N_("monitor")))
        groups.append((_listed(("operations", "incidents"), ops.incidents), N_("incident")))
    if rec.launch:
        groups.append((_listed(("launch", "gates"), rec.launch.gates), N_("gate")))
    return [d for items, what in groups for d in _ids(items, doc, what)[1]]


def _red_team_refs(doc: Document, rec: Record, control_ids: set[str]) -> list[Diagnostic]:
    red_team = rec.launch.red_team if rec.launch else None
    if not red_team:
        return []
    return [
        _missing_ref(
            doc,
            ("launch", "red_team", "findings", i, N_("control")),
            f.control,
            control_ids,
            N_("control"),
        )
        for i, f in enumerate(red_team.findings)
        if f.control and f.control not in control_ids
    ]


def _evaluation_refs(doc: Document, rec: Record, component_ids: set[str]) -> list[Diagnostic]:
    """Results name a model component of this record; confidence intervals are in order."""
    diags: list[Diagnostic] = []
    for i, r in enumerate(rec.evaluations.results if rec.evaluations else []):
        where: FieldPath = ("evaluations", "results", i)
        if r.component and r.component not in component_ids | {u.component for u in rec.uses}:
            diags.append(
                _missing_ref(
                    doc,
                    (*where, N_("component")),
                    r.component,
                    component_ids,
                    N_("model component"),
                )
            )
        if r.confidence_interval and r.confidence_interval.lower > r.confidence_interval.upper:
            diags.append(
                _diag(
                    doc,
                    (*where, "confidence_interval"),
                    "AIG-SCHEMA-VALUE",
                    _("confidence interval lower bound is above its upper bound"),
                    _("Swap the bounds."),
                )
            )
    return diags


def _nist_refs(
    doc: Document, rec: Record, controls: list[tuple[FieldPath, str]]
) -> list[Diagnostic]:
    """Each control cites real NIST AI RMF 1.0 subcategories."""
    known = nist_ids()
    diags = []
    for where, ident in controls:
        for j, sub in enumerate(_control_at(rec, where).nist):
            if sub in known:
                continue
            guess = difflib.get_close_matches(sub, sorted(known), n=1, cutoff=0.7)
            diags.append(
                _diag(
                    doc,
                    (*where, "nist", j),
                    "AIG-REF-NIST",
                    _(
                        "control '{control}' cites '{id}', which is not a NIST AI RMF 1.0 "
                        "subcategory"
                    ).format(control=ident, id=sub),
                    (_did_you_mean(guess[0]) + " " if guess else "")
                    + _("Use ids like 'MEASURE 2.11'; `aigov explain controls` lists them."),
                )
            )
    return diags


def _framework_refs(
    doc: Document, rec: Record, controls: list[tuple[FieldPath, str]]
) -> list[Diagnostic]:
    """Controls cite real ISO/IEC 42001 Annex A and NIST AI 600-1 action ids; harms tag real
    600-1 GAI risks (the shipped lists in aigov/data/)."""
    refs: list[tuple[FieldPath, str, str]] = [
        ((*where, kind, j), kind, value)
        for where, _ in controls
        for kind in ("iso_42001", "nist_600_1")
        for j, value in enumerate(getattr(_control_at(rec, where), kind))
    ]
    harms = rec.impact_assessment.harms if rec.impact_assessment else []
    refs += [
        (("impact_assessment", "harms", i, "gai_risks", j), "gai_risks", value)
        for i, harm in enumerate(harms)
        for j, value in enumerate(harm.gai_risks)
    ]
    return framework_diagnostics(doc, refs)


def framework_diagnostics(
    doc: Document, refs: list[tuple[FieldPath, str, str]]
) -> list[Diagnostic]:
    """A positioned AIG-REF-FRAMEWORK error for each (place, catalogue, id) whose id is not
    in its catalogue; the organisation record checks its controls with it too."""
    out = []
    for where, kind, value in refs:
        problem = unknown_framework_id(kind, value)
        if problem:
            out.append(_diag(doc, where, "AIG-REF-FRAMEWORK", *problem))
    return out


def _control_at(rec: Record, where: FieldPath) -> Any:
    assert rec.controls is not None
    return getattr(rec.controls, str(where[1]))[int(where[2])]


def _missing_ref(
    doc: Document, where: FieldPath, ref: str, known: set[str], what: str
) -> Diagnostic:
    guess = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    hint = (
        _did_you_mean(guess[0])
        if guess
        else (
            _("Known {what} ids: {ids}.").format(what=_(what), ids=", ".join(sorted(known)))
            if known
            else _("Add the {what} first.").format(what=_(what))
        )
    )
    return _diag(
        doc,
        where,
        "AIG-REF-MISSING",
        _("'{ref}' is not a {what} in this record").format(ref=ref, what=_(what)),
        hint,
    )
