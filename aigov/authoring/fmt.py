"""`aigov fmt`: canonical key order and layout, keeping every comment and scalar as written.

The formatter works on the text, guided by the YAML node tree and its source positions: each
key owns its own lines plus the comment lines directly above it, and those blocks of lines are
put in the record model's order and re-indented to the canonical layout (two spaces per level,
list items indented under their key). Scalars are never re-serialised, so quotes, block
scalars, `1.10`-style numbers and unicode stay exactly as the author wrote them, and comments
stay with the key they describe.

Safety net: the formatted text is loaded again and must hold exactly the same data, and the
same comment lines, as the original; otherwise the file is reported and left untouched.
A file that does not validate is never rewritten.
"""

from __future__ import annotations

import difflib
import math
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeGuard

import yaml
from pydantic import BaseModel

from aigov.authoring.atomic import write_atomic
from aigov.authoring.fields import section_at
from aigov.diagnostics import Diagnostic
from aigov.model import Record
from aigov.paths import SCHEMA_FILE, display_path
from aigov.project import FOLDER_RECORD, discover, process_file
from aigov.yamlload import LoadError, load_text

SCHEMA_COMMENT = "# yaml-language-server: $schema="
STEP = 2

Status = Literal["unchanged", "changed", "invalid", "unsafe", "error"]


class FormatError(Exception):
    """The text uses a construct the formatter will not rewrite, or a check failed."""


@dataclass
class FmtResult:
    path: Path
    display: str
    status: Status
    original: str = ""
    formatted: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    reason: str = ""

    def diff(self) -> str:
        if self.status != "changed":
            return ""
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.formatted.splitlines(keepends=True),
                fromfile=f"{self.display} (now)",
                tofile=f"{self.display} (formatted)",
            )
        )


# --- positions ---------------------------------------------------------------------------


def _last_line(node: yaml.Node) -> int:
    end = node.end_mark
    if end.column == 0 and end.line > node.start_mark.line:
        return end.line - 1
    return end.line


def _is_block(node: yaml.Node) -> TypeGuard[yaml.MappingNode | yaml.SequenceNode]:
    return isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style


def _content_last(node: yaml.Node) -> int:
    """Last source line holding this node's own content (comments after it excluded)."""
    if isinstance(node, yaml.MappingNode) and _is_block(node):
        key, value = node.value[-1]
        return max(_last_line(key), _content_last(value))
    if isinstance(node, yaml.SequenceNode) and _is_block(node):
        return _content_last(node.value[-1])
    return _last_line(node)


def _scalar_lines(node: yaml.Node, out: set[int]) -> None:
    """Lines inside multi-line scalars: their text is content, never touched but for indent."""
    if isinstance(node, yaml.ScalarNode):
        last = _last_line(node)
        if last > node.start_mark.line:
            out.update(range(node.start_mark.line + 1, last + 1))
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            _scalar_lines(k, out)
            _scalar_lines(v, out)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            _scalar_lines(v, out)
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.flow_style:
        last = _last_line(node)
        out.update(range(node.start_mark.line + 1, last + 1))


# --- the formatter -------------------------------------------------------------------------


class _Formatter:
    def __init__(self, text: str, root: yaml.MappingNode) -> None:
        self.src = text.split("\n")
        if self.src and self.src[-1] == "":
            self.src.pop()
        self.root = root
        self.inside: set[int] = set()
        _scalar_lines(root, self.inside)

    # line helpers
    def _is_comment(self, i: int) -> bool:
        return i not in self.inside and self.src[i].lstrip().startswith("#")

    def _is_blank(self, i: int) -> bool:
        return i not in self.inside and not self.src[i].strip()

    def _indent(self, i: int) -> int:
        line = self.src[i]
        return len(line) - len(line.lstrip(" "))

    def _comment(self, i: int, col: int) -> str:
        return " " * col + self.src[i].strip()

    def _shift(self, i: int, delta: int) -> str:
        line = self.src[i]
        if i in self.inside:  # scalar content: only the indentation moves
            if not line:
                return Keep("")
            if delta < 0:
                return Keep(line[-delta:] if len(line) > -delta else "")
            return Keep(" " * delta + line)
        if not line.strip():
            return ""
        stripped = line.rstrip()
        return stripped[-delta:] if delta < 0 else " " * delta + stripped

    def _head_start(self, line: int, floor: int, col: int) -> int:
        """First line of the comments/blank lines directly above `line` that belong to it
        (stops at `floor` and at comments indented deeper than `col`)."""
        start = line
        i = line - 1
        while i >= floor and (
            self._is_blank(i) or (self._is_comment(i) and self._indent(i) <= col)
        ):
            start = i
            i -= 1
        return start

    def _head(self, lo: int, hi: int, col: int) -> list[str]:
        return [
            self._comment(i, col) if self._is_comment(i) else self._shift(i, 0)
            for i in range(lo, hi)
        ]

    # the document
    def format(self, schema_ref: str | None) -> str:
        first_key = self.root.value[0][0].start_mark.line if self.root.value else len(self.src)
        header = [self.src[i].rstrip() for i in range(first_key)]
        if schema_ref and not any("yaml-language-server:" in line for line in header):
            header.insert(0, SCHEMA_COMMENT + schema_ref)
        body = self._mapping(self.root, first_key, len(self.src) - 1, 0, (), prefix=False)
        return _tidy([*header, *body])

    def _order(self, where: tuple[str | int, ...]) -> dict[str, int] | None:
        if where and where[-1] == "metadata":
            return None
        model: type[BaseModel] | None = Record if not where else section_at(where)
        if model is None:
            return None
        return {name: i for i, name in enumerate(model.model_fields)}

    def _mapping(
        self,
        node: yaml.MappingNode,
        lo: int,
        hi: int,
        col: int,
        where: tuple[str | int, ...],
        *,
        prefix: bool,
    ) -> list[str]:
        """Lines lo..hi hold `node` (and the comments around its keys); write it at `col`."""
        pairs = node.value
        old_col = pairs[0][0].start_mark.column
        spans: list[tuple[int, int]] = []
        starts = [lo]
        for i in range(1, len(pairs)):
            key_line = pairs[i][0].start_mark.line
            floor = _content_last(pairs[i - 1][1]) + 1
            floor = max(floor, pairs[i - 1][0].start_mark.line + 1)
            starts.append(self._head_start(key_line, floor, old_col))
        last_content = max(_last_line(pairs[-1][0]), _content_last(pairs[-1][1]))
        for i in range(len(pairs)):
            end = starts[i + 1] - 1 if i + 1 < len(pairs) else last_content
            spans.append((starts[i], end))
        blocks = []
        for (key, value), (start, end) in zip(pairs, spans, strict=True):
            if not isinstance(key, yaml.ScalarNode) or key.style not in (None, "", "'", '"'):
                raise FormatError("uses a complex mapping key")
            if key.start_mark.line != key.end_mark.line:
                raise FormatError("uses a multi-line mapping key")
            blocks.append((key.value, self._pair(key, value, start, end, col, (*where, key.value))))
        order = self._order(where)
        if order is not None:
            blocks.sort(key=lambda b: order.get(b[0], len(order)))
        lines: list[str] = []
        for index, (_, block) in enumerate(blocks):
            head, rest = block
            if index == 0:
                while head and not head[0]:
                    head = head[1:]
                if prefix:
                    head = [h.strip() and " " * (col - STEP) + h.strip() for h in head]
                    rest = [" " * (col - STEP) + "- " + rest[0][col:], *rest[1:]]
            lines.extend(head)
            lines.extend(rest)
        # comments and blank lines after the last key's content stay at the end
        lines.extend(self._shift(i, col - old_col) for i in range(last_content + 1, hi + 1))
        return lines

    def _pair(
        self,
        key: yaml.ScalarNode,
        value: yaml.Node,
        start: int,
        end: int,
        col: int,
        where: tuple[str | int, ...],
    ) -> tuple[list[str], list[str]]:
        key_line = key.start_mark.line
        head = self._head(start, key_line, col)
        src = self.src[key_line]
        key_text = src[key.start_mark.column : key.end_mark.column]
        colon = src.find(":", key.end_mark.column)
        if colon < 0:
            raise FormatError("a mapping key without its ':' on the same line")
        delta = col - key.start_mark.column
        if _is_block(value) and value.start_mark.line > key_line:
            after = src[colon + 1 :].strip()
            first = " " * col + key_text + ":" + (f"  {after}" if after else "")
            lo = key_line + 1
            if isinstance(value, yaml.MappingNode):
                body = self._mapping(value, lo, end, col + STEP, where, prefix=False)
            else:
                body = self._sequence(value, lo, end, col + STEP, where)
            return head, [first, *body]
        if value.start_mark.line == key_line and not (
            isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
        ):
            first = " " * col + key_text + ": " + src[value.start_mark.column :].rstrip()
        else:
            after = src[colon + 1 :].strip()
            first = (
                " " * col
                + key_text
                + ":"
                + (f"  {after}" if after.startswith("#") else (f" {after}" if after else ""))
            )
        return head, [first, *self._rest(value, key_line, end, delta, col + STEP)]

    def _dash(self, item: yaml.Node) -> tuple[int, int]:
        """(line, column) of the '-' that introduces a block sequence item."""
        line, col = item.start_mark.line, item.start_mark.column
        before = self.src[line][:col].rstrip()
        if before.endswith("-"):
            return line, len(before) - 1
        i = line - 1
        while i >= 0 and (self._is_blank(i) or self._is_comment(i)):
            i -= 1
        code = self.src[i].split(" #", 1)[0].rstrip() if i >= 0 else ""
        if code.strip() != "-":
            raise FormatError("a list item whose '-' could not be found")
        return i, len(code) - 1

    def _sequence(
        self, node: yaml.SequenceNode, lo: int, hi: int, col: int, where: tuple[str | int, ...]
    ) -> list[str]:
        items = node.value
        dashes = [self._dash(item) for item in items]
        old_col = dashes[0][1]
        starts = [lo]
        for i in range(1, len(items)):
            floor = _content_last(items[i - 1]) + 1
            starts.append(self._head_start(dashes[i][0], floor, old_col))
        last_content = _content_last(items[-1])
        lines: list[str] = []
        for i, item in enumerate(items):
            start = starts[i]
            end = starts[i + 1] - 1 if i + 1 < len(items) else last_content
            dash_line, dash_col = dashes[i]
            head = self._head(start, dash_line, col)
            if i == 0:
                while head and not head[0]:
                    head = head[1:]
            lines.extend(head)
            lines.extend(self._item(item, dash_line, dash_col, end, col, (*where, i)))
        for i in range(last_content + 1, hi + 1):
            lines.append(self._shift(i, col - old_col))
        return lines

    def _item(
        self,
        item: yaml.Node,
        dash_line: int,
        dash_col: int,
        end: int,
        col: int,
        where: tuple[str | int, ...],
    ) -> list[str]:
        same_line = item.start_mark.line == dash_line
        if _is_block(item) and same_line:
            if isinstance(item, yaml.MappingNode):
                return self._mapping(item, dash_line, end, col + STEP, where, prefix=True)
            inner = self._sequence(item, dash_line, end, col + STEP, where)
            return [" " * col + "- " + inner[0][col + STEP :], *inner[1:]]
        if _is_block(item):
            after = self.src[dash_line][dash_col + 1 :].strip()
            first = " " * col + "-" + (f"  {after}" if after else "")
            lo = dash_line + 1
            if isinstance(item, yaml.MappingNode):
                body = self._mapping(item, lo, end, col + STEP, where, prefix=False)
            else:
                body = self._sequence(item, lo, end, col + STEP, where)
            return [first, *body]
        src = self.src[dash_line]
        if same_line and not (
            isinstance(item, yaml.ScalarNode) and item.value == "" and not item.style
        ):
            first = " " * col + "- " + src[item.start_mark.column :].rstrip()
        else:
            after = src[dash_col + 1 :].strip()
            first = " " * col + "-" + (f" {after}" if after else "")
        return [first, *self._rest(item, dash_line, end, col - dash_col, col + STEP)]

    def _rest(self, value: yaml.Node, line: int, end: int, delta: int, target: int) -> list[str]:
        """The lines after a scalar's first line; block scalars get canonical indentation."""
        block_delta = delta
        if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
            header = self.src[value.start_mark.line][value.start_mark.column :].split("#")[0]
            last = _last_line(value)
            body = [i for i in range(line + 1, last + 1) if self.src[i].strip()]
            if body and not any(ch.isdigit() for ch in header):
                block_delta = target - self._indent(body[0])
            return [
                self._shift(i, block_delta if i <= last else delta)
                for i in range(line + 1, end + 1)
            ]
        return [self._shift(i, delta) for i in range(line + 1, end + 1)]


class Keep(str):
    """A line of scalar content: blank or not, it is data and is never dropped."""


def _tidy(lines: list[str]) -> str:
    """No runs of blank lines, none at the start or end, one final newline."""
    out: list[str] = []
    for line in lines:
        if isinstance(line, Keep) or line.strip() or (out and out[-1].strip()):
            out.append(line)
    while out and not out[-1].strip() and not isinstance(out[-1], Keep):
        out.pop()
    return "\n".join(out) + "\n"


# --- checks that nothing was lost ----------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _comment_lines(text: str, root: yaml.Node) -> Counter[str]:
    inside: set[int] = set()
    _scalar_lines(root, inside)
    return Counter(
        line.strip()
        for i, line in enumerate(text.split("\n"))
        if i not in inside and line.lstrip().startswith("#") and "yaml-language-server:" not in line
    )


def format_text(text: str, *, schema_ref: str | None = None, display: str = "record") -> str:
    """The canonical form of a record's text. Raises LoadError for text that is not YAML,
    FormatError when the result could not be proven to keep the data and the comments."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = load_text(text, display)
    root = doc.root
    assert isinstance(root, yaml.MappingNode)
    if not root.value:
        return text
    if root.flow_style:
        raise FormatError("the record is written as one flow mapping ({...})")
    formatted = _Formatter(text, root).format(schema_ref)
    try:
        again = load_text(formatted, display)
    except LoadError as exc:  # pragma: no cover - a formatter bug; the file stays untouched
        raise FormatError(f"formatting would break the YAML ({exc.message})") from None
    if not _same(doc.data, again.data):
        raise FormatError("formatting would change the data")
    assert again.root is not None
    if _comment_lines(text, root) != _comment_lines(formatted, again.root):
        raise FormatError("formatting would move a comment it cannot place safely")
    return formatted


def schema_ref_for(path: Path, root: Path) -> str | None:
    """Relative path from a record to the repository's JSON Schema, when the repo has one."""
    schema = root / "schemas" / SCHEMA_FILE
    if not schema.is_file():
        return None
    return Path(os.path.relpath(schema, path.resolve().parent)).as_posix()


def format_file(path: Path, *, root: Path, check: bool = False) -> FmtResult:
    display = display_path(path)
    loaded = process_file(path)
    if loaded.record is None:
        return FmtResult(path, display, "invalid", diagnostics=loaded.diagnostics)
    try:
        original = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return FmtResult(path, display, "error", reason=str(exc))
    try:
        formatted = format_text(original, schema_ref=schema_ref_for(path, root), display=display)
    except (FormatError, LoadError) as exc:
        reason = exc.message if isinstance(exc, LoadError) else str(exc)
        return FmtResult(path, display, "unsafe", original, reason=reason)
    if formatted == original:
        return FmtResult(path, display, "unchanged", original, formatted)
    result = FmtResult(path, display, "changed", original, formatted)
    if not check:
        try:
            write_atomic(path, formatted)
        except OSError as exc:
            return FmtResult(path, display, "error", original, reason=exc.strerror or str(exc))
    return result


def record_files(paths: Iterable[Path], root: Path) -> tuple[list[Path], list[Diagnostic]]:
    targets = list(paths) or [root / "systems"]
    files, diags = discover(targets, root)
    return [f for f in files if f.is_file() or f.name == FOLDER_RECORD], diags


def format_paths(
    paths: Iterable[Path], *, root: Path, check: bool = False
) -> tuple[list[FmtResult], list[Diagnostic]]:
    files, diags = record_files(paths, root)
    return [format_file(f, root=root, check=check) for f in files], diags
