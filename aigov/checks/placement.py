"""Where the answer to a finding goes: the field itself, its commented placeholder, or its parent.

A finding about a missing field points at the line where the person will type the answer. A
record written by `aigov new` keeps a commented placeholder for every field it has no answer
for (`  # accountable:  # The one person …`); when the field is missing and such a line exists
under its nearest existing parent, the finding points at it. Otherwise it points at that parent
key — never at the file's first key when a parent or a placeholder exists.

Placeholders are read from the text by indentation: removing the `# ` of a placeholder line
gives the line the field would be written as, so its key's column says where it nests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from aigov.yamlload import Document, FieldPath

# `  # name:` / `#   - name:` followed by a space or the end of the line
_PLACEHOLDER = re.compile(r"( *)# ( *)(- )?([A-Za-z_][A-Za-z0-9_]*):(?: |$)")


@dataclass(frozen=True)
class Line:
    """One line of the file as the placeholder search sees it."""

    number: int  # 1-based
    indent: int  # the column (0-based) of the key once the `# ` is removed; -1: blank
    key: str  # the placeholder's field name; "" for a real line or a plain comment
    column: int  # 1-based column of the placeholder's field name

    @property
    def real(self) -> bool:
        return self.indent >= 0 and not self.key and self.column == 0


def scan(text: str) -> list[Line]:
    """Every line: placeholders with their field name, real lines with their indentation."""
    out = []
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.lstrip(" ")
        if not stripped:
            out.append(Line(number, -1, "", -1))
            continue
        if stripped.startswith("#"):
            m = _PLACEHOLDER.match(raw)
            if m:
                pad, inner, dash, name = m.group(1), m.group(2), m.group(3) or "", m.group(4)
                indent = len(pad) + len(inner) + len(dash)
                out.append(Line(number, indent, name, len(pad) + 2 + len(inner) + len(dash) + 1))
            else:
                out.append(Line(number, -1, "", -1))  # a plain comment: neither opens nor closes
            continue
        out.append(Line(number, len(raw) - len(stripped), "", 0))
    return out


def _deepest(doc: Document, where: FieldPath) -> int:
    """How many steps of `where` exist in the document."""
    for depth in range(len(where), 0, -1):
        if doc.node_at(where[:depth]) is not None:
            return depth
    return 0


def _scope(lines: list[Line], doc: Document, prefix: FieldPath) -> tuple[int, int, int]:
    """(first line index, end line index, child indent) of the region where the children of
    the existing node at `prefix` are written."""
    if not prefix:
        return 0, len(lines), 0
    node = doc.node_at(prefix)
    assert node is not None
    key_line, key_col = doc.position(prefix, key=True)
    own_indent = key_col - 1
    if isinstance(node, yaml.MappingNode) and node.value:
        child_indent = node.value[0][0].start_mark.column
    elif isinstance(node, yaml.SequenceNode) and node.value:
        child_indent = node.value[0].start_mark.column
    else:
        child_indent = own_indent + 2
    if isinstance(prefix[-1], int):  # a list item: its children sit at its first key's column
        own_indent = child_indent - 2
    start = key_line  # index of the line after the key (lines are 1-based)
    end = start
    while end < len(lines):
        line = lines[end]
        if line.real and line.indent <= own_indent:
            break
        end += 1
    return start, end, child_indent


def placeholder(lines: list[Line], doc: Document, where: FieldPath) -> tuple[int, int] | None:
    """(line, column) of the deepest placeholder on the way to `where` below its nearest
    existing parent, or None when the file holds none there."""
    depth = _deepest(doc, where)
    rest = [step for step in where[depth:] if isinstance(step, str)]
    if not rest or (depth < len(where) and isinstance(where[depth], int)):
        return None  # a missing list item has no placeholder of its own
    start, end, indent = _scope(lines, doc, where[:depth])
    found: Line | None = None
    for name in rest:
        hit = None
        for i in range(start, end):
            line = lines[i]
            if line.key == name and line.indent == indent:
                hit = i
                break
        if hit is None:
            break
        found = lines[hit]
        # the placeholder's own children: the commented lines right below it, indented deeper
        start = hit + 1
        end = start
        while end < len(lines) and (lines[end].indent < 0 or lines[end].indent > found.indent):
            if lines[end].real:
                break
            end += 1
        deeper = [lines[j].indent for j in range(start, end) if lines[j].key]
        if not deeper:
            break
        indent = min(deeper)
    return (found.number, found.column) if found else None


class Placer:
    """Positions of one record's findings; the file is read once, and only when a finding is
    about a field that does not exist."""

    def __init__(self, doc: Document | None, source: Path) -> None:
        self.doc = doc
        self.source = source
        self._lines: list[Line] | None = None

    def lines(self) -> list[Line]:
        if self._lines is None:
            try:
                text = self.source.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self._lines = scan(text)
        return self._lines

    def position(self, where: FieldPath, *, key: bool = False) -> tuple[int, int]:
        doc = self.doc
        if doc is None:
            return (0, 0)
        if not where or doc.node_at(where) is not None:
            return doc.position(where, key=key)
        found = placeholder(self.lines(), doc, where)
        return found if found is not None else doc.position(where, key=key)
