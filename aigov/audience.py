"""Audience builds: leave internal and confidential content out of public outputs.

A record marks parts of itself with `visibility:`

    visibility:
      internal: [operations.incidents, impact_assessment.harms.wrong-refund-promise.notes]
      confidential: [data.data_protection_note]

Paths are dotted field names. A list step may be an item's `id` (`harms.wrong-refund-promise`),
a position (`harms.0`), `*` for every item, or left out (`harms.notes` means every harm's
notes). For the **public** audience both internal and confidential parts are removed from the
data, the answers and the typed record; for the **internal** audience (the default) everything
stays and confidential parts are marked so pages can badge them.

Redaction is applied to data before anything is rendered, so every output built from the
redacted record (pages, cards, JSON downloads, the search index, history diffs) leaves the
content out by construction. References to withheld items (a harm's mitigations naming a
withheld control) are removed too, and `scrub_diagnostics` drops findings that would quote
withheld text.
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from aigov.answers import split_answers
from aigov.diagnostics import Diagnostic, Severity
from aigov.model import Record, unwrap
from aigov.review.labels import SEP, field_title, model_at

if TYPE_CHECKING:
    from aigov.project import LoadedRecord


class Audience(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


DEFAULT_AUDIENCE = Audience.INTERNAL
AUDIENCES = tuple(a.value for a in Audience)
WITHHELD = "Withheld (internal)"
ALWAYS_PUBLIC = ("schema_version", "id", "name")
LEVELS = ("internal", "confidential")

# fields that name other items of the record by id: (schema path of the referring field,
# schema path of the list whose ids it names)
REFERENCES: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...] = (
    (
        ("impact_assessment", "harms", "mitigations"),
        (
            ("controls", "govern"),
            ("controls", "map"),
            ("controls", "measure"),
            ("controls", "manage"),
        ),
    ),
    (
        ("launch", "red_team", "findings", "control"),
        (
            ("controls", "govern"),
            ("controls", "map"),
            ("controls", "measure"),
            ("controls", "manage"),
        ),
    ),
    (("evaluations", "results", "component"), (("approach", "components"),)),
    (
        ("evaluations", "results", "metric"),
        tuple(
            ("metrics", layer)
            for layer in (
                "business",
                "user_experience",
                "model_quality",
                "guardrail",
                "operational",
            )
        ),
    ),
    (
        ("evaluations", "results", "dataset"),
        (("evaluations", "plan", "test_sets"), ("data", "sources")),
    ),
    (
        ("approach", "components", "training_data"),
        (("data", "sources"), ("evaluations", "plan", "test_sets")),
    ),
    (
        ("approach", "components", "evaluation_data"),
        (("data", "sources"), ("evaluations", "plan", "test_sets")),
    ),
)


@dataclass(frozen=True)
class Rule:
    path: str
    steps: tuple[str, ...]
    level: str  # internal or confidential
    index: int  # position in its visibility list


@dataclass(frozen=True)
class Withheld:
    """One part left out of a public output (labelled by field names only, never content)."""

    path: tuple[str | int, ...]
    label: str
    level: str

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path)


@dataclass
class Redaction:
    data: Any
    withheld: list[Withheld] = field(default_factory=list)
    withheld_ids: set[str] = field(default_factory=set)
    withheld_text: set[str] = field(default_factory=set)


def parse_audience(value: str | Audience | None) -> Audience:
    if value is None or value == "":
        return DEFAULT_AUDIENCE
    try:
        return Audience(str(value).lower())
    except ValueError:
        raise ValueError(f"unknown audience '{value}': use {' or '.join(AUDIENCES)}") from None


def rules_of(data: Any) -> list[Rule]:
    """The visibility rules written in a record's data (tolerant of malformed entries)."""
    vis = data.get("visibility") if isinstance(data, dict) else None
    if not isinstance(vis, dict):
        return []
    out = []
    for level in LEVELS:
        entries = vis.get(level)
        if not isinstance(entries, list):
            continue
        for i, entry in enumerate(entries):
            if isinstance(entry, str) and entry.strip():
                steps = tuple(s.strip() for s in entry.strip().strip(".").split("."))
                out.append(Rule(entry, steps, level, i))
    return out


# --- redaction ---------------------------------------------------------------------------------


class _Withhold(Exception):
    """Raised inside the walk when a node must go together with its parent."""


class _Pruner:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = [r for r in rules if r.steps and r.steps[0] not in ALWAYS_PUBLIC]
        self.result = Redaction(None)

    def run(self, data: Any) -> Redaction:
        suffixes = [r.steps for r in self.rules]
        out = self._dict(data, suffixes, (), ()) if isinstance(data, dict) else data
        if isinstance(out, dict):
            out.pop("visibility", None)
        self.result.data = out
        return self.result

    def _withhold(self, value: Any, path: tuple[str | int, ...], level: str = "internal") -> None:
        self.result.withheld.append(Withheld(path, _path_label(path), level))
        _collect_text(value, self.result.withheld_text, self.result.withheld_ids)

    def _node(
        self,
        value: Any,
        suffixes: list[tuple[str, ...]],
        path: tuple[str | int, ...],
        schema: tuple[str, ...],
    ) -> Any:
        if isinstance(value, dict):
            return self._dict(value, suffixes, path, schema)
        if isinstance(value, list):
            return self._list(value, suffixes, path, schema)
        return value

    def _dict(
        self,
        value: dict[str, Any],
        suffixes: list[tuple[str, ...]],
        path: tuple[str | int, ...],
        schema: tuple[str, ...],
    ) -> dict[str, Any]:
        model = model_at(schema)
        out: dict[str, Any] = {}
        for key, item in value.items():
            nxt = [s[1:] for s in suffixes if s and (s[0] == key or s[0] == "*")]
            here = (*path, key)
            if any(not s for s in nxt) and not (not path and key in ALWAYS_PUBLIC):
                self._drop_field(model, key, item, here, out)
                continue
            if not nxt:
                out[key] = item
                continue
            try:
                out[key] = self._node(item, nxt, here, (*schema, key))
            except _Withhold:
                self._drop_field(model, key, item, here, out)
        return out

    def _drop_field(
        self,
        model: type[BaseModel] | None,
        key: str,
        item: Any,
        here: tuple[str | int, ...],
        out: dict[str, Any],
    ) -> None:
        """Leave the field out; a required field is replaced by a marker when it is text, or
        takes its enclosing item with it otherwise."""
        fld = model.model_fields.get(key) if model else None
        if fld is not None and fld.is_required():
            if _is_text(fld.annotation) or key in ("id",):
                if key == "id":
                    raise _Withhold
                self._withhold(item, here)
                out[key] = WITHHELD
                return
            raise _Withhold
        self._withhold(item, here)

    def _list(
        self,
        value: list[Any],
        suffixes: list[tuple[str, ...]],
        path: tuple[str | int, ...],
        schema: tuple[str, ...],
    ) -> list[Any]:
        out = []
        ids = {x.get("id") for x in value if isinstance(x, dict)}
        item_model = model_at(schema)
        item_fields = set(item_model.model_fields) if item_model else set()
        for i, item in enumerate(value):
            ident = item.get("id") if isinstance(item, dict) else None
            nxt: list[tuple[str, ...]] = []
            for s in suffixes:
                if not s:
                    continue
                head = s[0]
                if head == "*" or head == str(i) or (ident is not None and head == ident):
                    nxt.append(s[1:])
                elif (
                    head not in ids
                    and not head.isdigit()
                    and (head in item_fields or not item_fields)
                ):
                    nxt.append(s)  # a field name: applies to every item
            here = (*path, i)
            if any(not s for s in nxt):
                self._withhold(item, here)
                continue
            if not nxt:
                out.append(item)
                continue
            try:
                out.append(self._node(item, nxt, here, schema))
            except _Withhold:
                self._withhold(item, here)
        return out


def _is_text(annotation: Any) -> bool:
    return annotation is str


def _collect_text(value: Any, texts: set[str], ids: set[str]) -> None:
    if isinstance(value, dict):
        for name_field in ("id", "name"):  # references use ids (results may use a metric's name)
            ident = value.get(name_field)
            if isinstance(ident, str) and ident != WITHHELD:
                ids.add(ident)
        for v in value.values():
            _collect_text(v, texts, ids)
    elif isinstance(value, list):
        for v in value:
            _collect_text(v, texts, ids)
    elif isinstance(value, str) and len(value.strip()) >= 8 and value != WITHHELD:
        texts.add(value.strip())


def _path_label(path: Sequence[str | int]) -> str:
    """A label from field names and positions only: it must not quote withheld content."""
    parts = []
    for step in path:
        parts.append(f"item {step + 1}" if isinstance(step, int) else field_title(step))
    return SEP.join(parts)


def redact_data(data: Any, rules: Sequence[Rule] | None = None) -> Redaction:
    """A public copy of a record's data: every internal and confidential part left out,
    references to withheld items removed, and the `visibility` block dropped."""
    rules = rules_of(data) if rules is None else rules
    pruned = _Pruner(rules).run(copy.deepcopy(data))
    if pruned.withheld_ids and isinstance(pruned.data, dict):
        visible_ids = _ids_in(pruned.data)
        gone = pruned.withheld_ids - visible_ids
        if gone:
            _scrub_refs(pruned, gone)
    return pruned


def _ids_in(value: Any) -> set[str]:
    out: set[str] = set()
    _collect_text(value, set(), out)
    return out


def _scrub_refs(red: Redaction, gone: set[str]) -> None:
    for where, _targets in REFERENCES:
        _scrub_at(red.data, where, (), gone, red)


def _scrub_at(
    node: Any, where: tuple[str, ...], path: tuple[str | int, ...], gone: set[str], red: Redaction
) -> bool:
    """Remove references to withheld ids below `node`; True when `node` itself must go (its
    required reference names a withheld item, e.g. a result for a withheld metric)."""
    if isinstance(node, list):
        keep = []
        for i, item in enumerate(node):
            if _scrub_at(item, where, (*path, i), gone, red):
                red.withheld.append(Withheld((*path, i), _path_label((*path, i)), "internal"))
                _collect_text(item, red.withheld_text, red.withheld_ids)
            else:
                keep.append(item)
        node[:] = keep
        return False
    if not isinstance(node, dict) or not where or where[0] not in node:
        return False
    key, rest = where[0], where[1:]
    if rest:
        _scrub_at(node[key], rest, (*path, key), gone, red)
        return False
    value = node[key]
    here = (*path, key)
    if isinstance(value, list):
        kept = [v for v in value if not (isinstance(v, str) and v in gone)]
        if len(kept) != len(value):
            node[key] = kept
            red.withheld.append(Withheld(here, _path_label(here) + " (references)", "internal"))
        return False
    if isinstance(value, str) and value in gone:
        schema = tuple(p for p in path if isinstance(p, str))
        model = model_at(schema)
        fld = model.model_fields.get(key) if model else None
        if fld is not None and fld.is_required():
            return True
        del node[key]
        red.withheld.append(Withheld(here, _path_label(here), "internal"))
    return False


def redact(loaded: LoadedRecord, audience: str | Audience = DEFAULT_AUDIENCE) -> LoadedRecord:
    """A copy of the loaded record for one audience.

    public: data, answers and record without internal and confidential parts; the copy has
    `withheld` (what was left out, labelled by field names) and `audience`. internal: the same
    content, with `confidential` listing the confidential parts present, for badges.
    The content hash stays the record's own (sign-offs refer to it).
    """
    aud = parse_audience(audience)
    rules = rules_of(loaded.data)
    out = dataclasses.replace(loaded)
    out.diagnostics = list(loaded.diagnostics)
    if aud == Audience.INTERNAL:
        _mark(out, aud, [], confidential_paths(loaded.data, rules))
        return out
    red = redact_data(loaded.data, rules)
    out.data = red.data
    out.doc = None  # positions of the full file no longer match the data
    clean, answers = split_answers(red.data)
    out.answers = answers
    if loaded.record is not None:
        try:
            out.record = Record.model_validate(clean)
        except ValidationError:
            # Never publish content that could not be redacted cleanly: fall back to the
            # identity of the system only.
            out.record = Record.model_validate({k: clean[k] for k in ALWAYS_PUBLIC if k in clean})
            red.withheld.append(
                Withheld((), "The record (could not be redacted field by field)", "internal")
            )
    out.diagnostics = scrub_diagnostics(loaded.diagnostics, red)
    _mark(out, aud, red.withheld, [])
    setattr(out, "visibility_rules", list(rules))  # noqa: B010 (for redacting older versions)
    summary = getattr(loaded, "check_summary", None)
    if summary is not None:  # None when it cannot be made safe: computed again from the copy
        out.check_summary = _scrub_summary(summary, red)
    return out


def _scrub_summary(summary: Any, red: Redaction) -> Any:
    """The checks' summary of the full record (tier and completeness stay true to the whole
    record) with tier reasons that quote withheld content replaced; None if it cannot be
    made safe (then it is computed again from the public record)."""
    texts = [t for t in red.withheld_text | red.withheld_ids if len(t) >= 4]

    def clean(reasons: Any) -> tuple[str, ...]:
        return tuple(
            "a reason based on content withheld from this edition"
            if any(t in r for t in texts)
            else r
            for r in reasons
        )

    try:
        tier = dataclasses.replace(
            summary.tier,
            internal_reasons=clean(summary.tier.internal_reasons),
            eu_reasons=clean(summary.tier.eu_reasons),
        )
        return dataclasses.replace(summary, tier=tier)
    except (AttributeError, TypeError):
        return None


def transform_for(loaded: Any) -> Callable[[Any], Any] | None:
    """For a public copy made by `redact`, the function that redacts *another version* of the
    same record the same way (its own rules and the current ones), so diffs against older
    versions from git never show withheld content. None for internal records."""
    if getattr(loaded, "audience", None) != Audience.PUBLIC:
        return None
    current: list[Rule] = list(getattr(loaded, "visibility_rules", []))

    def public(data: Any) -> Any:
        return redact_data(data, [*current, *rules_of(data)]).data

    return public


def redact_project(project: Any, audience: str | Audience = DEFAULT_AUDIENCE) -> Any:
    """A copy of a loaded project for one audience (see `redact`); project-level diagnostics
    are kept as they are (they name files, not record content)."""
    aud = parse_audience(audience)
    out = dataclasses.replace(project)
    out.records = [redact(r, aud) for r in project.records]
    return out


def _mark(
    out: LoadedRecord,
    audience: Audience,
    withheld: list[Withheld],
    confidential: list[tuple[str | int, ...]],
) -> None:
    """The redacted copy carries what templates need: `audience`, `withheld`, `confidential`."""
    setattr(out, "audience", audience)  # noqa: B010 (attributes beyond LoadedRecord's own)
    setattr(out, "withheld", withheld)  # noqa: B010
    setattr(out, "confidential", confidential)  # noqa: B010


def confidential_paths(
    data: Any, rules: Sequence[Rule] | None = None
) -> list[tuple[str | int, ...]]:
    """Positional paths of the confidential parts present in `data` (for internal badges)."""
    rules = rules_of(data) if rules is None else rules
    conf = [r for r in rules if r.level == "confidential"]
    if not conf:
        return []
    pruned = _Pruner(conf).run(copy.deepcopy(data))
    return [w.path for w in pruned.withheld]


def is_under(path: Sequence[str | int], parts: Iterable[Sequence[str | int]]) -> bool:
    """Is `path` (or a parent of it) one of `parts`?"""
    p = tuple(path)
    return any(p[: len(q)] == tuple(q) for q in parts)


def withheld_sections(loaded: Any) -> list[str]:
    """Labels of what a public record left out (empty for internal builds)."""
    return [w.label for w in getattr(loaded, "withheld", [])]


def scrub_diagnostics(diags: Sequence[Diagnostic], red: Redaction) -> list[Diagnostic]:
    """Findings safe to publish: none about a withheld field, none quoting withheld text."""
    gone = [tuple(w.field.split(".")) for w in red.withheld if w.field]
    texts = [t for t in red.withheld_text | red.withheld_ids if len(t) >= 4]
    out = []
    for d in diags:
        if d.field and is_under(tuple(d.field.split(".")), gone):
            continue
        blob = f"{d.message}\n{d.hint}"
        if any(t in blob for t in texts):
            continue
        out.append(d)
    return out


# --- checking the rules themselves ------------------------------------------------------------


VISIBILITY_PATH = "AIG-VISIBILITY-PATH"


def check_visibility(loaded: LoadedRecord) -> list[Diagnostic]:
    """Visibility paths must name real fields: a typo would publish what was meant to stay
    internal, so it is an error."""
    diags: list[Diagnostic] = []
    for rule in rules_of(loaded.data):
        where = ("visibility", rule.level, rule.index)
        problem, hint = explain_path(rule.steps, loaded.data)
        if problem:
            line, col = position(loaded, where)
            diags.append(
                Diagnostic(
                    loaded.path,
                    line,
                    col,
                    VISIBILITY_PATH,
                    f"visibility path '{rule.path}' {problem}",
                    severity=Severity.ERROR,
                    hint=hint,
                    field=".".join(str(p) for p in where),
                    system=loaded.id,
                )
            )
    return diags


def explain_path(steps: tuple[str, ...], data: Any) -> tuple[str, str]:
    if not steps or any(not s for s in steps):
        return (
            "is empty or has an empty step",
            "Write dotted field names, e.g. operations.incidents.",
        )
    if steps[0] in ALWAYS_PUBLIC:
        return (
            f"marks '{steps[0]}', which every audience sees (it identifies the system)",
            "Remove it; id, name and schema_version are always shown.",
        )
    if steps[0] == "visibility":
        return "marks the visibility rules themselves", "Remove it; public builds never show them."
    model: Any = Record
    node = data
    in_list = False
    for depth, step in enumerate(steps):
        if in_list:
            in_list = False
            items = node if isinstance(node, list) else []
            ids = [x.get("id") for x in items if isinstance(x, dict)]
            if step == "*":
                node = items[0] if items else None
                continue
            if step.isdigit():
                node = items[int(step)] if int(step) < len(items) else None
                continue
            if step in ids:
                node = items[ids.index(step)]
                continue
            fields = (
                model.model_fields
                if isinstance(model, type) and issubclass(model, BaseModel)
                else {}
            )
            if step not in fields:
                known = [str(i) for i in ids if i]
                guess = difflib.get_close_matches(step, [*known, *fields], n=1, cutoff=0.6)
                where = ".".join(steps[:depth])
                return (
                    f"has '{step}', which is neither an item id in {where} nor one of its fields",
                    (f"Did you mean '{guess[0]}'? " if guess else "")
                    + (
                        f"Item ids there: {', '.join(known)}."
                        if known
                        else "Use an item id, a position or *."
                    ),
                )
            node = None  # a field name right after a list: every item
        if step == "*":
            return "", ""  # every field here (`*` alone: everything but id and name)
        if isinstance(model, type) and issubclass(model, BaseModel):
            fld = model.model_fields.get(step)
            if fld is None:
                names = list(model.model_fields)
                guess = difflib.get_close_matches(step, names, n=1, cutoff=0.6)
                where = ".".join(steps[:depth]) or "the record"
                return (
                    f"has '{step}', which is not a field of {where}",
                    (f"Did you mean '{guess[0]}'? " if guess else "")
                    + f"Fields there: {', '.join(names)}.",
                )
            ann = fld.annotation
            model, in_list = unwrap(ann)
            node = node.get(step) if isinstance(node, dict) else None
        else:
            return "", ""  # free-form mapping (component metadata): anything below is fine
    return "", ""


def position(loaded: LoadedRecord, where: tuple[str | int, ...]) -> tuple[int, int]:
    """(line, column) of a field, loading the file again when the node tree was not kept."""
    if loaded.doc is not None:
        return loaded.position(where)
    from aigov.yamlload import load_file

    doc, _ = load_file(loaded.source, loaded.path)
    return doc.position(where) if doc else (0, 0)
