"""Redacting a record's data for the public: every internal and confidential part left out.

Redaction is applied to data before anything is rendered, so every output built from the
redacted record (pages, cards, JSON downloads, the search index, history diffs) leaves the
content out by construction. References to withheld items (a harm's mitigations naming a
withheld control) are removed too, and `scrub_diagnostics` drops findings that would quote
withheld text. The paths of the rules follow `aigov.fieldmodel.paths`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from aigov.diagnostics import Diagnostic
from aigov.edition import Withheld
from aigov.fieldmodel.paths import ALWAYS_PUBLIC, Rule, rules_of, through_item
from aigov.review.labels import SEP, field_title, model_at

WITHHELD = "Withheld (internal)"  # stands in for a required text field that was left out

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


@dataclass
class Redaction:
    data: Any
    withheld: list[Withheld] = field(default_factory=list)
    withheld_ids: set[str] = field(default_factory=set)
    withheld_text: set[str] = field(default_factory=set)


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
            nxt = [
                rest
                for s in suffixes
                if (rest := through_item(s, i, ident, ids, item_fields)) is not None
            ]
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
