"""Field-by-field differences between two versions of a record, for people.

Both versions are compared as loaded data (so comments, quoting, key order and layout never
show up as a change). List items are matched by what identifies them (an `id`, a name, a
metric and date …), not by position: inserting a harm at the top shows one added harm, not
every harm changed. Each change carries a readable label from the record model.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from aigov.hashing import canonical_json
from aigov.review.labels import SEP, field_order, field_title, item_name, label

Kind = Literal["added", "removed", "changed", "reordered"]
Path = tuple[str | int, ...]

# How list items are recognised across versions, in order of preference. The first candidate
# whose first field is set on every item, and whose keys are unique on both sides, wins.
KEY_CANDIDATES: tuple[tuple[str, ...], ...] = (
    ("id",),
    ("role", "reviewer", "date"),
    ("metric", "date", "dataset", "split", "slice", "component"),
    ("stage", "date"),
    ("name",),
    ("title",),
    ("risk",),
    ("text",),
    ("path", "url"),
)


@dataclass(frozen=True)
class Change:
    """One difference. `path` indexes into the new version (the old one for removals)."""

    kind: Kind
    path: Path
    label: str
    old: Any = None
    new: Any = None

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path)

    @property
    def schema_path(self) -> str:
        """The path without list positions: `impact_assessment.harms.severity`."""
        return ".".join(p for p in self.path if isinstance(p, str))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "label": self.label,
            "field": self.field,
        }
        if self.kind != "added":
            out["old"] = self.old
        if self.kind != "removed":
            out["new"] = self.new
        return out

    def words(self) -> list[tuple[str, str]]:
        """A word-level redline of a changed text: (op, text) with op equal/delete/insert."""
        return word_diff(self.old, self.new)


def diff(old: Any, new: Any, *, exclude: Iterable[str] = (), prune: bool = True) -> list[Change]:
    """All changes from `old` to `new` (two records' loaded data).

    `prune`: skip every pair of subtrees that `same` finds equal instead of walking into them
    (two versions of a record share most of their fields). `prune=False` walks every node,
    the reference the property tests hold the pruned walk to."""
    skip = set(exclude)
    if isinstance(old, dict) and isinstance(new, dict) and skip:
        old = {k: v for k, v in old.items() if k not in skip}
        new = {k: v for k, v in new.items() if k not in skip}
    differ = _Differ(old, new, prune=prune)
    differ.walk(old, new, (), (), ())
    return differ.changes


_PLAIN = (str, int, bool, type(None))  # equal exactly when their canonical JSON is


def same(a: Any, b: Any) -> bool:
    """No change between `a` and `b` as the diff shows changes: two mappings with the same
    keys and the same values, two lists with the same items in the same order, any other two
    values equal as content (`1` and `1.0` differ, as the content hash tells them apart).
    Plain values of one type compare directly, the rest by their canonical JSON."""
    if a is b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    kind = type(a)
    if kind is type(b):
        if kind in _PLAIN:
            return bool(a == b)
        if kind is float:
            return repr(a) == repr(b)  # as JSON writes them: -0.0 is not 0.0, nan is nan
    return _equal_content(a, b)


def _equal_content(a: Any, b: Any) -> bool:
    """Two values that are not both mappings or both lists: equal as content."""
    return a is b or canonical_json(a) == canonical_json(b)


class _Differ:
    def __init__(self, old_root: Any, new_root: Any, *, prune: bool = True) -> None:
        self.old_root, self.new_root = old_root, new_root
        self.prune = prune
        self.changes: list[Change] = []

    def _label(self, path: Path, root: Any) -> str:
        return label(path, root)

    def walk(
        self, old: Any, new: Any, old_path: Path, new_path: Path, schema: tuple[str, ...]
    ) -> None:
        if self.prune and same(old, new):
            return  # equal subtrees hold no change
        if isinstance(old, dict) and isinstance(new, dict):
            self._dicts(old, new, old_path, new_path, schema)
        elif isinstance(old, list) and isinstance(new, list):
            self._lists(old, new, old_path, new_path, schema)
        elif not _equal_content(old, new):
            self.changes.append(
                Change("changed", new_path, self._label(new_path, self.new_root), old, new)
            )

    def _dicts(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        old_path: Path,
        new_path: Path,
        schema: tuple[str, ...],
    ) -> None:
        for key in _ordered_keys(old, new, schema):
            if key not in new:
                path = (*old_path, key)
                self.changes.append(
                    Change("removed", path, self._label(path, self.old_root), old=old[key])
                )
            elif key not in old:
                path = (*new_path, key)
                self.changes.append(
                    Change("added", path, self._label(path, self.new_root), new=new[key])
                )
            else:
                self.walk(old[key], new[key], (*old_path, key), (*new_path, key), (*schema, key))

    def _lists(
        self,
        old: list[Any],
        new: list[Any],
        old_path: Path,
        new_path: Path,
        schema: tuple[str, ...],
    ) -> None:
        keys = item_keys(old, new)
        if keys is None:
            if all(not isinstance(x, dict | list) for x in (*old, *new)):
                self._scalar_lists(old, new, old_path, new_path)
            else:
                self._positional(old, new, old_path, new_path, schema)
            return
        old_keys, new_keys = keys
        old_at = {k: i for i, k in enumerate(old_keys)}
        new_at = {k: i for i, k in enumerate(new_keys)}
        for i, k in enumerate(old_keys):
            if k not in new_at:
                path = (*old_path, i)
                self.changes.append(
                    Change("removed", path, self._label(path, self.old_root), old=old[i])
                )
        for j, k in enumerate(new_keys):
            if k not in old_at:
                path = (*new_path, j)
                self.changes.append(
                    Change("added", path, self._label(path, self.new_root), new=new[j])
                )
            else:
                i = old_at[k]
                self.walk(old[i], new[j], (*old_path, i), (*new_path, j), schema)
        common_old = [k for k in old_keys if k in new_at]
        common_new = [k for k in new_keys if k in old_at]
        if common_old != common_new:
            self.changes.append(
                Change(
                    "reordered",
                    new_path,
                    self._label(new_path, self.new_root),
                    [item_name(old[old_at[k]]) for k in common_old],
                    [item_name(new[new_at[k]]) for k in common_new],
                )
            )

    def _scalar_lists(self, old: list[Any], new: list[Any], old_path: Path, new_path: Path) -> None:
        old_c = Counter(canonical_json(x) for x in old)
        new_c = Counter(canonical_json(x) for x in new)
        removed = old_c - new_c
        added = new_c - old_c
        where = self._label(new_path, self.new_root)
        for i, x in enumerate(old):
            key = canonical_json(x)
            if removed[key] > 0:
                removed[key] -= 1
                self.changes.append(Change("removed", (*old_path, i), where, old=x))
        for j, x in enumerate(new):
            key = canonical_json(x)
            if added[key] > 0:
                added[key] -= 1
                self.changes.append(Change("added", (*new_path, j), where, new=x))
        kept_old = _kept([canonical_json(x) for x in old], new_c)
        kept_new = _kept([canonical_json(x) for x in new], old_c)
        if kept_old != kept_new:
            self.changes.append(Change("reordered", new_path, where, list(old), list(new)))

    def _positional(
        self,
        old: list[Any],
        new: list[Any],
        old_path: Path,
        new_path: Path,
        schema: tuple[str, ...],
    ) -> None:
        for i in range(max(len(old), len(new))):
            if i >= len(new):
                path = (*old_path, i)
                self.changes.append(
                    Change("removed", path, self._label(path, self.old_root), old=old[i])
                )
            elif i >= len(old):
                path = (*new_path, i)
                self.changes.append(
                    Change("added", path, self._label(path, self.new_root), new=new[i])
                )
            else:
                self.walk(old[i], new[i], (*old_path, i), (*new_path, i), schema)


def _kept(keys: list[str], other: Counter[str]) -> list[str]:
    """The items of `keys` that also occur in `other`, in order, respecting multiplicity."""
    budget = Counter(other)
    out = []
    for k in keys:
        if budget[k] > 0:
            budget[k] -= 1
            out.append(k)
    return out


def _ordered_keys(old: dict[str, Any], new: dict[str, Any], schema: tuple[str, ...]) -> list[str]:
    declared = field_order(schema)
    present = set(old) | set(new)
    ordered = [k for k in declared if k in present]
    rest = [k for k in (*old, *new) if k not in declared]
    return ordered + list(dict.fromkeys(rest))


def item_keys(
    old: Sequence[Any], new: Sequence[Any]
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]] | None:
    """Identity keys for the items of two lists of mappings, or None to compare by position."""
    items = [*old, *new]
    if not items or not all(isinstance(x, dict) for x in items):
        return None
    for fields in KEY_CANDIDATES:
        if not all(x.get(fields[0]) not in (None, "") for x in items):
            continue
        old_keys = [tuple(canonical_json(x.get(f)) for f in fields) for x in old]
        new_keys = [tuple(canonical_json(x.get(f)) for f in fields) for x in new]
        if len(set(old_keys)) == len(old_keys) and len(set(new_keys)) == len(new_keys):
            return old_keys, new_keys
    return None


# --- showing values ---------------------------------------------------------------------------


def show(value: Any) -> str:
    """A value as a reader sees it (YAML-like, explicit answers spelled out)."""
    if value is None:
        return "(empty)"
    if value == "unknown":
        return "unknown (not yet answered)"
    if isinstance(value, dict) and set(value) == {"not_applicable"}:
        return f"not applicable: {value['not_applicable']}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value == [] or value == {}:
        return "none (an empty list)" if value == [] else "none"
    if isinstance(value, str | int | float):
        return str(value)
    return "\n".join(_block(value, 0))


def _block(value: Any, indent: int) -> list[str]:
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        if set(value) == {"not_applicable"}:
            return [pad + show(value)]
        for k, v in value.items():
            if (
                isinstance(v, dict | list)
                and v
                and not (isinstance(v, dict) and set(v) == {"not_applicable"})
            ):
                lines.append(f"{pad}{field_title(str(k))}:")
                lines.extend(_block(v, indent + 1))
            else:
                lines.append(f"{pad}{field_title(str(k))}: {show(v) if v != [] else '(none)'}")
    elif isinstance(value, list):
        for v in value:
            sub = _block(v, indent + 1)
            first = sub[0].lstrip() if sub else ""
            lines.append(f"{pad}- {first}")
            lines.extend(sub[1:])
    else:
        text = show(value)
        lines.extend(pad + line for line in text.splitlines() or [""])
    return lines


_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: Any, new: Any) -> list[tuple[str, str]]:
    """A word-level redline between two values: [(op, text)], op in equal/delete/insert."""
    a = _TOKEN.findall(show(old)) if old is not None else []
    b = _TOKEN.findall(show(new)) if new is not None else []
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(b[j1:j2])))
    return out


def summary(changes: Sequence[Change]) -> str:
    """ "3 changes: 1 added, 2 changed"."""
    if not changes:
        return "no changes"
    counts = Counter(c.kind for c in changes)
    parts = [f"{counts[k]} {k}" for k in ("added", "removed", "changed", "reordered") if counts[k]]
    total = len(changes)
    return f"{total} change{'s' if total != 1 else ''}: " + ", ".join(parts)


def top_sections(changes: Sequence[Change]) -> list[str]:
    """The top-level sections touched, as labels ("Impact assessment", "Controls")."""
    seen: dict[str, None] = {}
    for c in changes:
        head = c.label.split(SEP, 1)[0]
        seen.setdefault(head, None)
    return list(seen)
