"""Safe, fast YAML loading with source positions.

libyaml (through PyYAML's C composer) builds a node tree that carries line and column marks;
we turn that tree into plain Python data ourselves, so that no tag is ever constructed into an
object, duplicate keys are caught with both lines, alias expansion and nesting are bounded,
and scalars follow the YAML 1.2 core schema (``yes`` stays a string, dates stay strings).
We measured PyYAML's C composer at about 2x the speed of ruamel.yaml's on 12 KB records;
ruamel.yaml is still used where records are *written*, because it keeps comments.
"""

from __future__ import annotations

import math
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from aigov.answers import NOT_APPLICABLE, UNKNOWN
from aigov.diagnostics import Diagnostic

try:  # pragma: no cover - which branch runs depends on the wheel
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment, unused-ignore]

_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
_RESOLVE_CACHE_ENTRIES = 20_000
_RESOLVE_CACHE_LENGTH = 64


class _Loader(_BaseLoader):
    """The safe loader, remembering the implicit tag of short scalars.

    libyaml calls the Python resolver for every scalar, which tries regular expressions on
    it; keys and vocabulary values repeat thousands of times across a portfolio. The safe
    resolver has no path resolvers, so a scalar's tag depends only on its text and how it was
    written: the cache gives exactly the tag the resolver would (about 15% of composing)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return _BaseLoader.resolve(self, kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = _BaseLoader.resolve(self, kind, value, implicit)
            if tag == _STR_TAG and implicit[0] and _plain_non_string(value):
                tag = _YAML12_TAG  # `1e5`: text to YAML 1.1, a number to YAML 1.2 (and to us)
            if len(value) <= _RESOLVE_CACHE_LENGTH and len(_RESOLVED) < _RESOLVE_CACHE_ENTRIES:
                _RESOLVED[key] = tag
        return tag


# bidirectional embeddings, overrides and isolates (U+202A-E, U+2066-9): invisible, they make
# text display in an order other than it is stored; a regular-expression character range
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
RECORD = "record"  # the default `kind` of file being loaded, named in messages
MAX_EXPANDED_CHARS = 2 * MAX_BYTES  # text after alias expansion; without aliases it is <= the file
_SAFE_COMPOSE_DEPTH = 2_000  # libyaml composes this deep without trouble; we then stop at MAX_DEPTH
_PRESCAN_FROM = 256 * 1024  # a file this small cannot hold MAX_NODES values without aliases

FieldPath = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_STD = "tag:yaml.org,2002:"
_MAP_TAGS = {_STD + "map"}
_SEQ_TAGS = {_STD + "seq"}
_STR_TAG = _STD + "str"  # text: quoted, tagged `!!str`, or plain and text in YAML 1.1 and 1.2
_YAML12_TAG = "tag:aigov,2026:yaml12"  # plain, text to PyYAML's YAML 1.1 resolver only
_SCALAR_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SCALAR_TAGS.add(_YAML12_TAG)
_MERGE_TAG = _STD + "merge"
_ScalarNode = yaml.ScalarNode
_UNKNOWN, _NOT_APPLICABLE = UNKNOWN, NOT_APPLICABLE
_DEEP_INDENT = re.compile(f"^ {{{_SAFE_COMPOSE_DEPTH}}}", re.M)  # a line this deep


class LoadError(Exception):
    """A problem that stops a file from loading at all."""

    def __init__(self, code: str, message: str, hint: str, line: int = 0, column: int = 0):
        super().__init__(message)
        self.code, self.message, self.hint, self.line, self.column = (
            code,
            message,
            hint,
            line,
            column,
        )


@dataclass
class Document:
    """A loaded YAML file: its data, and the node tree used to find positions on demand."""

    path: str
    data: Any
    root: yaml.Node | None = field(repr=False, default=None)
    # key -> (key node, value node) per mapping node, built on first lookup, so that reporting
    # thousands of problems in one big mapping stays linear
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # False only when loading saw no `unknown` value and no `not_applicable` key, so there are
    # no explicit answers to lift out (validation then skips that pass over the data)
    may_have_answers: bool = field(default=True, repr=False, compare=False)
    # False only when the text holds no direction control, written or escaped (validation
    # then skips looking for them)
    may_have_bidi: bool = field(default=True, repr=False, compare=False)

    def node_at(self, where: FieldPath) -> yaml.Node | None:
        node = self.root
        for step in where:
            if node is None:
                return None
            node = self._child(node, step)[1]
        return node

    def source_text(self, where: FieldPath) -> str | None:
        """The scalar exactly as written in the file (`1.10`, not the float 1.1)."""
        node = self.node_at(where)
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def position(self, where: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `where` (or of its key), or of the deepest
        existing parent when the path does not exist (a missing field points at its parent)."""
        node = self.root
        if node is None:
            return (1, 1)
        best = (node.start_mark.line + 1, node.start_mark.column + 1)
        for step in where:
            child_key, child = self._child(node, step)
            if child is None:
                return best
            anchor = child
            # point at the key for key problems, and for collections that start below their key
            if child_key is not None and (
                key
                or (
                    child.start_mark.line != child_key.start_mark.line
                    and not isinstance(child, yaml.ScalarNode)
                )
            ):
                anchor = child_key
            best = (anchor.start_mark.line + 1, anchor.start_mark.column + 1)
            node = child
        return best

    def _child(self, node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            index = self._keys.get(id(node))
            if index is None:
                index = {}
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode):
                        index.setdefault(k.value, (k, v))
                self._keys[id(node)] = index
            return index.get(step, (None, None))
        if (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            return None, node.value[step]
        return None, None


def load_file(
    path: Path, display: str | None = None, *, kind: str = RECORD
) -> tuple[Document | None, list[Diagnostic]]:
    """Read and load one record file (or another aigov YAML file: `kind` names it in the
    messages, e.g. "policy file"); never raises for bad input."""
    shown = display or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return None, [
                _diag(
                    shown,
                    LoadError(
                        "AIG-IO",
                        "is a folder, not a record file",
                        "A record is systems/<id>.yaml or systems/<id>/system.yaml; rename or move the folder.",
                    ),
                )
            ]
        if not stat.S_ISREG(info.st_mode):
            # a FIFO would block forever, a device could stream without end
            return None, [
                _diag(
                    shown,
                    LoadError(
                        "AIG-IO",
                        "is not a regular file (it is a pipe, socket or device)",
                        "Records are plain text files; replace it with a regular file.",
                    ),
                )
            ]
        if info.st_size > MAX_BYTES:
            return None, [_diag(shown, _too_big(info.st_size, kind))]
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # bounded even if the file grows while we read
    except PermissionError:
        return None, [
            _diag(
                shown,
                LoadError(
                    "AIG-IO",
                    "cannot be read: permission denied",
                    "Check the file's permissions (it must be readable by the user running aigov).",
                ),
            )
        ]
    except OSError as exc:
        return None, [
            _diag(
                shown,
                LoadError(
                    "AIG-IO",
                    f"cannot be read: {exc.strerror or exc}",
                    "Check that the file exists and is a regular file (not a broken or looping link).",
                ),
            )
        ]
    return load_bytes(raw, shown, kind=kind)


def _too_big(size: int, kind: str = RECORD) -> LoadError:
    return LoadError(
        "AIG-YAML-SIZE",
        f"{'file' if kind == RECORD else kind} is {size / 1048576:.1f} MB; "
        f"{kind}s are limited to {MAX_BYTES // 1048576} MB",
        "Move long material (reports, transcripts) to evidence files and link them from the record."
        if kind == RECORD
        else f"Keep the {kind} short; long material belongs in files of its own.",
    )


def load_bytes(
    raw: bytes, display: str, *, kind: str = RECORD
) -> tuple[Document | None, list[Diagnostic]]:
    """Decode and load a record's bytes; never raises for bad input."""
    if len(raw) > MAX_BYTES:
        return None, [_diag(display, _too_big(len(raw), kind))]
    try:
        text = decode(raw)
        return load_text(text, display, kind=kind), []
    except LoadError as err:
        return None, [_diag(display, err)]


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(raw) > 1 and (raw[0] == 0 or raw[1] == 0)
    ):
        raise LoadError(
            "AIG-YAML-ENCODING",
            "file is UTF-16, not UTF-8",
            "Save the file as UTF-8 (most editors: File > Save with encoding > UTF-8).",
            1,
            1,
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        raise LoadError(
            "AIG-YAML-ENCODING",
            "file contains a NUL byte",
            "The file looks binary or corrupted; remove the NUL character or restore it from version control.",
            line,
            col,
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            "AIG-YAML-ENCODING",
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            "Save the file as UTF-8; it was probably written as Latin-1 or Windows-1252.",
            line,
            col,
        ) from None


def load_text(text: str, display: str, *, kind: str = RECORD) -> Document:
    """Parse text into a Document; raise LoadError with a position for anything unusable."""
    if len(text) > MAX_BYTES:  # text made in memory (an import) skipped load_bytes' check
        raise _too_big(len(text.encode("utf-8", "surrogatepass")), kind)
    try:
        return _load_text(text, display, kind)
    except LoadError as err:
        if kind != RECORD and err.code == "AIG-YAML-TAG":
            err.message = err.message.replace("in a record", f"in a {kind}")
            err.hint = (
                "Remove the tag (the text starting with '!'). Nothing tagged is ever executed."
            )
        raise


def _load_text(text: str, display: str, kind: str) -> Document:
    record = kind == RECORD
    try:
        _prescan(text)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text) from None
    # a bare `---` is a document holding nothing (an empty plain scalar): no record either
    nodes = [n for n in nodes if n is not None and not _is_empty(n)]
    if not nodes:
        raise LoadError(
            "AIG-YAML-EMPTY",
            f"file holds no {kind} (it is empty or only comments)",
            "Start from `aigov new ID`, or delete the file."
            if record
            else f"Write the {kind} into it, or delete the file.",
            1,
            1,
        )
    if len(nodes) > 1:
        second = nodes[1]
        raise LoadError(
            "AIG-YAML-MULTIDOC",
            "file holds several YAML documents; "
            + ("a record file holds exactly one" if record else f"a {kind} is exactly one"),
            "Split it: one record per file, systems/<id>.yaml."
            if record
            else "Keep one document: remove the extra --- line and what follows it.",
            second.start_mark.line + 1,
            second.start_mark.column + 1,
        )
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        shape = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        raise LoadError(
            "AIG-YAML-TOPLEVEL",
            f"the top level is {shape}; a {kind} is a mapping of "
            + ("fields" if record else "keys"),
            "Start the file with `schema_version: 1` and `id: <your-system-id>` at column 1."
            if record
            else "Write `key: value` lines starting at column 1.",
            root.start_mark.line + 1,
            root.start_mark.column + 1,
        )
    builder = _Builder()
    data = builder.build(root)
    bidi = _BIDI_OR_ESCAPE.search(text) is not None
    return Document(display, data, root, may_have_answers=builder.answers, may_have_bidi=bidi)


# a bidirectional control as written, or any \u / \U escape that could spell one
_BIDI_OR_ESCAPE = re.compile(f"[{BIDI_CONTROLS}]|\\\\[uU]")


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style


def _prescan(text: str) -> None:
    """Stream parse events (constant memory) before composing a tree when the text is big
    enough to hold more values than a record can, or could nest deeper than libyaml's composer
    (which recurses in C) survives. Small ordinary records skip this."""
    if (
        len(text) < _PRESCAN_FROM
        and text.count("[") + text.count("{") < _SAFE_COMPOSE_DEPTH
        and _DEEP_INDENT.search(text) is None
    ):
        return
    if text.count("[") + text.count("{") >= _SAFE_COMPOSE_DEPTH:
        _flow_depth_guard(text)
    depth = 0
    values = 0
    for ev in yaml.parse(text, Loader=_Loader):
        if isinstance(ev, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(ev.start_mark)
        elif isinstance(ev, yaml.CollectionEndEvent):
            depth -= 1
            continue
        elif not isinstance(ev, yaml.ScalarEvent | yaml.AliasEvent):
            continue
        values += 1
        if values > MAX_NODES:
            raise LoadError(
                "AIG-YAML-SIZE",
                f"the file holds more than {MAX_NODES:,} values; a record holds a few thousand",
                "Move bulk data (datasets, logs, long result tables) to evidence files and link "
                "them from the record.",
                *_place(ev.start_mark),
            )


def _flow_depth_guard(text: str) -> None:
    """Find where [ and { nest deeper than MAX_DEPTH, outside quotes and comments.

    libyaml's scanner reads a whole flow collection ahead before it yields events, and newer
    libyaml stops at its own limit (1000) first; this finds the position our limit names.
    The record's own top-level mapping is level 1, as in the event count below."""
    depth = 1
    line = col = 0
    quote = ""
    previous = "\n"
    comment = False
    for char in text:
        col += 1
        if char == "\n":
            line, col, comment, previous = line + 1, 0, False, char
            continue
        if comment:
            continue
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (previous in " \t[{,:" or col == 1):
            quote = char
        elif char == "#" and previous in " \t\n":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(SimpleNamespace(line=line, column=col - 1))
        elif char in "]}":
            depth = max(1, depth - 1)
        previous = char


def _place(mark: Any) -> tuple[int, int]:
    """1-based line and column of a libyaml mark (0, 0 when there is none)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _too_deep(mark: Any) -> LoadError:
    return LoadError(
        "AIG-YAML-DEPTH",
        f"nesting is deeper than {MAX_DEPTH} levels",
        "Records are a few levels deep; flatten the structure.",
        mark.line + 1,
        mark.column + 1,
    )


def _yaml_error(exc: yaml.YAMLError, text: str) -> LoadError:
    if isinstance(exc, yaml.MarkedYAMLError):
        return _syntax_error(exc, text)
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        pos = max(0, min(exc.position, len(text)))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = chr(exc.character)
        name = unicodedata.name(char, "") or _CONTROL_NAMES.get(exc.character, "control character")
        return LoadError(
            "AIG-YAML-ENCODING",
            f"file contains the invisible character U+{exc.character:04X} ({name.lower()}), "
            "which YAML does not allow",
            "Delete it (it usually comes from pasting out of a terminal, a PDF or a spreadsheet); "
            'inside double quotes you may write it as an escape such as "\\t".',
            line,
            col,
        )
    return LoadError(  # pragma: no cover - libyaml reports every problem with a position
        "AIG-YAML-SYNTAX", f"not valid YAML: {printable(str(exc), 200)}", "Fix the YAML syntax."
    )


_CONTROL_NAMES = {0x07: "bell", 0x08: "backspace", 0x1B: "escape", 0x7F: "delete"}

_HINTS = [
    ("tab character", "YAML indents with spaces only; replace the tab characters with spaces."),
    (
        "found unexpected end of stream",
        "A quote or bracket is not closed; the file may be truncated.",
    ),
    ("while scanning a quoted scalar", "A quoted string is not closed: add the closing quote."),
    ("expected ',' or ']'", "A [list] is not closed: add the closing ]."),
    ("expected ',' or '}'", "A {mapping} is not closed: add the closing }."),
    (
        "did not find expected node content",
        "A value is missing here: a [list] or {mapping} ends early, or the file is truncated.",
    ),
    (
        "mapping values are not allowed",
        "A value contains ': ' ; put the value in quotes, or fix the indentation.",
    ),
    (
        "block sequence entries are not allowed",
        "A '- ' list item is out of place: check its indentation, or quote a value that "
        "starts with '-'.",
    ),
    ("did not find expected key", "Check the indentation: keys of one mapping must line up."),
    (
        "did not find expected '-' indicator",
        "Check the indentation: items of one list must line up.",
    ),
    (
        "found undefined alias",
        "An alias (*name) refers to an anchor (&name) that is not defined above it.",
    ),
    (
        "unknown escape character",
        "Inside double quotes a backslash starts an escape: write \\\\ for a backslash, or use "
        "single quotes.",
    ),
    (
        "invalid Unicode character escape",
        "This \\u or \\U escape is not a valid character; type the character itself, or "
        "write a valid escape such as \\u00e9.",
    ),
    (
        "found incompatible YAML document",
        "Remove the %YAML line at the top; records are plain YAML without directives.",
    ),
    (
        "found character that cannot start any token",
        "Quote the value: it starts with a character YAML reserves (@, `, %, |, >).",
    ),
    (
        "could not find expected ':'",
        "A key is missing its ':' or a multi-line string is not quoted.",
    ),
]

_TAB_HINT = _HINTS[0][1]


def _syntax_error(exc: yaml.MarkedYAMLError, text: str = "") -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and "exceeded maximum nesting depth" in str(
        exc
    ):  # newer libyaml's own limit
        return _too_deep(mark)
    problem = exc.problem or str(exc)
    if exc.context:
        problem = f"{problem} ({exc.context}"
        if exc.context_mark is not None and exc.context_mark is not mark:
            problem += f" at line {_position(text, exc.context_mark)[0]}"
        problem += ")"
    hint = next(
        (h for needle, h in _HINTS if needle in problem), "Fix the YAML syntax at this position."
    )
    if mark is not None and _tab_near(text, mark):
        hint = _TAB_HINT
    elif mark is not None and "expected key" in problem and _text_at(text, mark).startswith("-"):
        hint = (
            "This '- ' list item is out of place: line it up with the other items of its list, "
            "or remove the '- ' if this line is a field."
        )
    line, col = _position(text, mark)
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        # the quote ran to the end of the file: the fix belongs where it opened
        line, col = _position(text, exc.context_mark)
        problem = "a quoted string is not closed before the end of the file"
        hint = "Add the closing quote where the text ends."
    else:
        runaway = _runaway_quote(text, line)
        if runaway is not None:
            opened, closed = runaway
            line, col = opened
            problem = (
                f"the quoted text that starts on line {line} is not closed on that line "
                f"(YAML read on into line {closed})"
            )
            hint = f"Add the closing quote at the end of the text on line {line}."
    return LoadError(
        "AIG-YAML-SYNTAX", f"not valid YAML: {printable(problem, 300)}", hint, line, col
    )


def _position(text: str, mark: Any) -> tuple[int, int]:
    """1-based (line, column) of a libyaml mark; its end-of-file mark sits on a line that does
    not exist when the file lacks a final newline, so that one is computed from the text."""
    if mark is None:
        return (0, 0)
    index = getattr(mark, "index", None)
    if text and isinstance(index, int) and index >= len(text) and not text.endswith("\n"):
        return (text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1)
    return (mark.line + 1, mark.column + 1)


def _text_at(text: str, mark: Any) -> str:
    index = getattr(mark, "index", None)
    return text[index : index + 2] if isinstance(index, int) and 0 <= index < len(text) else ""


_SWALLOWED_KEY = re.compile(r"\n[ \t]*[A-Za-z_][\w-]*:(?:[ \t]|$)", re.M)


def _runaway_quote(text: str, error_line: int) -> tuple[tuple[int, int], int] | None:
    """A quoted string that swallowed the next line's key (`summary: "text` with the quote
    missing) makes libyaml fail a line or two later with a baffling message. Find it: the
    last multi-line quoted scalar before the error whose text contains `key:` on a new line."""
    if not text:
        return None
    found = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line + 1 > error_line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ("'", '"')
                and token.end_mark.line > token.start_mark.line
                and _SWALLOWED_KEY.search(text, token.start_mark.index, token.end_mark.index)
            ):
                found = (
                    (token.start_mark.line + 1, token.start_mark.column + 1),
                    token.end_mark.line + 1,
                )
    except yaml.YAMLError:
        pass
    return found


def _tab_near(text: str, mark: Any) -> bool:
    """A tab in the indentation of the line where libyaml stopped (it names tabs only
    sometimes: a tab before '- ' is just 'a character that cannot start any token')."""
    index = getattr(mark, "index", None)
    if not text or not isinstance(index, int) or not 0 <= index <= len(text):
        return False
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    line = text[start : end if end >= 0 else len(text)]
    return "\t" in line[: len(line) - len(line.lstrip(" \t"))]


def printable(text: str, limit: int = 60) -> str:
    """Text from a record made safe to show in a one-line message: control and bidi characters
    are shown as escapes (a value cannot forge extra output lines or recolour a terminal), and
    long text is cut."""
    out = []
    for ch in text:
        if ch in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\u200d":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
        if len(out) > limit:
            break
    shown = "".join(out)
    return shown if len(shown) <= limit else shown[: max(0, limit - 3)] + "..."


class _Builder:
    """Turns a node tree into dicts, lists and scalars, checking what libyaml does not.

    This is the hot path of every command (a 20 KB record has about 3,000 nodes), so scalars
    inside collections are converted inline, without a call per node, and plain text is
    returned without trying the number and null patterns when its first character rules
    them out."""

    def __init__(self) -> None:
        self.count = 0
        self.chars = 0
        self.active: set[int] = set()  # ids of the collections being built (the path here)
        self.answers = False  # saw `unknown` or a `not_applicable` key (see aigov.answers)

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _expansion_error(node, f"more than {MAX_NODES:,} values")
        if isinstance(node, yaml.ScalarNode):
            return self._text(node)
        if depth >= MAX_DEPTH:  # the root is level 1, as in _prescan
            raise _too_deep(node.start_mark)
        if id(node) in self.active:
            raise LoadError(
                "AIG-YAML-ALIAS",
                "an alias refers to the collection that contains it",
                "Remove the recursive alias (*name inside &name).",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        self.active.add(id(node))
        out: Any
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, _SEQ_TAGS)
            out = []
            append = out.append
            for item in node.value:
                if type(item) is _ScalarNode:
                    self.count += 1
                    if self.count > MAX_NODES:
                        raise _expansion_error(item, f"more than {MAX_NODES:,} values")
                    append(self._text(item))
                else:
                    append(self.build(item, depth + 1))
        elif isinstance(node, yaml.MappingNode):
            self._check_tag(node, _MAP_TAGS)
            out = {}
            for k, v in node.value:
                if k.tag == _MERGE_TAG:
                    raise LoadError(
                        "AIG-YAML-MERGE",
                        "merge keys (<<) are not supported in records",
                        "Write the fields out; merge keys make review diffs misleading.",
                        k.start_mark.line + 1,
                        k.start_mark.column + 1,
                    )
                if not isinstance(k, yaml.ScalarNode):
                    raise LoadError(
                        "AIG-YAML-KEY",
                        "a key must be a plain name, not a list or mapping",
                        "Use a simple word as the key.",
                        k.start_mark.line + 1,
                        k.start_mark.column + 1,
                    )
                key = self._text(k)
                if not isinstance(key, str):
                    key = k.value
                if key in out:
                    raise _duplicate_key(node, k, key)
                if type(v) is _ScalarNode:
                    self.count += 1
                    if self.count > MAX_NODES:
                        raise _expansion_error(v, f"more than {MAX_NODES:,} values")
                    item = self._text(v)
                    if item == _UNKNOWN:
                        self.answers = True
                else:
                    item = self.build(v, depth + 1)
                if key == _NOT_APPLICABLE:
                    self.answers = True
                out[key] = item
        else:  # pragma: no cover - libyaml composes nothing else
            raise LoadError("AIG-YAML-SYNTAX", "unsupported YAML node", "Fix the YAML syntax.")
        self.active.discard(id(node))
        return out

    def _text(self, node: yaml.ScalarNode) -> Any:
        """A scalar, counting the text that aliases expand to: a 4 MB string repeated by a
        thousand aliases is a few bytes of YAML but gigabytes for everything downstream."""
        value = node.value
        self.chars += len(value)
        if self.chars > MAX_EXPANDED_CHARS:
            raise _expansion_error(node, f"more than {MAX_EXPANDED_CHARS // 1048576} MB of text")
        if node.tag == _STR_TAG:
            return value  # text for certain: what _scalar would conclude, without the patterns
        return self._scalar(node)

    @staticmethod
    def _check_tag(node: yaml.Node, allowed: set[str]) -> None:
        if node.tag not in allowed:
            raise _tag_error(node)

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag not in _SCALAR_TAGS:
            raise _tag_error(node)
        if node.style:  # quoted or block scalar: always a string
            return value
        if tag == _STR_TAG:
            return value
        if _NULL.match(value):
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.match(value):
            if len(value) > _MAX_INT_DIGITS:
                raise LoadError(
                    "AIG-YAML-NUMBER",
                    f"a number with {len(value):,} digits is too long to read",
                    "Put it in quotes if it is an identifier; no record needs a number this long.",
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                )
            return int(value)
        if _OCT.match(value):
            return int(value[2:], 8)
        if _HEX.match(value):
            return int(value[2:], 16)
        if _FLOAT.match(value):
            return float(value)
        if _INF.match(value):
            return math.copysign(math.inf, -1.0 if value.startswith("-") else 1.0)
        if _NAN.match(value):
            return math.nan
        return value


def _duplicate_key(mapping: yaml.MappingNode, k: yaml.ScalarNode, key: str) -> LoadError:
    first_node = next(
        k2 for k2, _ in mapping.value if isinstance(k2, yaml.ScalarNode) and _key_of(k2) == key
    )
    first = first_node.start_mark.line + 1
    shown = printable(key)
    lines = (
        f"lines {first} and {k.start_mark.line + 1}"
        if first != k.start_mark.line + 1
        else f"line {first}"
    )
    return LoadError(
        "AIG-YAML-DUPKEY",
        f"duplicate key '{shown}' (first defined on line {first})",
        f"Keep one '{shown}': merge the two entries on {lines}.",
        k.start_mark.line + 1,
        k.start_mark.column + 1,
    )


def _key_of(k: yaml.ScalarNode) -> str:
    key = _Builder._scalar(k)
    return key if isinstance(key, str) else k.value


_MAX_INT_DIGITS = 4000  # Python refuses to convert longer decimal strings (CVE-2020-10735 limit)


def _expansion_error(node: yaml.Node, what: str) -> LoadError:
    return LoadError(
        "AIG-YAML-ALIAS",
        f"anchors and aliases expand the file to {what}",
        "Remove the anchors (&name) and aliases (*name) that multiply each other; write the data "
        "out once.",
        node.start_mark.line + 1,
        node.start_mark.column + 1,
    )


def _plain_non_string(value: str) -> bool:
    """Plain scalars that YAML 1.2 reads as non-text but PyYAML's 1.1 resolver tags as str."""
    return bool(
        value in _BOOL
        or _NULL.match(value)
        or _INT.match(value)
        or _OCT.match(value)
        or _HEX.match(value)
        or _FLOAT.match(value)
    )


def _tag_error(node: yaml.Node) -> LoadError:
    return LoadError(
        "AIG-YAML-TAG",
        f"the tag '{printable(node.tag)}' is not allowed in a record",
        "Remove the tag (the text starting with '!'); records hold only plain text, numbers, "
        "lists and mappings. Nothing tagged is ever executed.",
        node.start_mark.line + 1,
        node.start_mark.column + 1,
    )


def _diag(path: str, err: LoadError) -> Diagnostic:
    return Diagnostic(
        path=path,
        line=err.line,
        column=err.column,
        code=err.code,
        message=err.message,
        hint=err.hint,
    )
