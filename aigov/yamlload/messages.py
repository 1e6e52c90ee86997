"""The loader's messages: LoadError, its Diagnostic, and plain words for libyaml's errors.

libyaml names problems in parser terms ("did not find expected key"); each message here says
where, what is wrong in a record author's terms, and what to do.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

import yaml

from aigov.diagnostics import Diagnostic
from aigov.i18n import N_, _
from aigov.textsafety import printable
from aigov.yamlload.limits import MAX_DEPTH
from aigov.yamlload.scalars import Loader


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


def diagnostic(path: str, err: LoadError) -> Diagnostic:
    return Diagnostic(
        path=path,
        line=err.line,
        column=err.column,
        code=err.code,
        message=err.message,
        hint=err.hint,
    )


def place(mark: Any) -> tuple[int, int]:
    """1-based line and column of a libyaml mark (0, 0 when there is none)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def too_deep(mark: Any) -> LoadError:
    return LoadError(
        "AIG-YAML-DEPTH",
        _("nesting is deeper than {n} levels").format(n=MAX_DEPTH),
        _("Records are a few levels deep; flatten the structure."),
        mark.line + 1,
        mark.column + 1,
    )


def expansion_error(node: yaml.Node, what: str) -> LoadError:
    return LoadError(
        "AIG-YAML-ALIAS",
        _("anchors and aliases expand the file to {size}").format(size=what),
        _(
            "Remove the anchors (&name) and aliases (*name) that multiply each other; write the "
            "data out once."
        ),
        node.start_mark.line + 1,
        node.start_mark.column + 1,
    )


def not_finite(node: yaml.ScalarNode, number: float) -> LoadError:
    """`.nan`, `.inf` or a float too big for a double: no JSON output, card or chart can show
    it (Python would write the invalid JSON `NaN`, and `nan` into SVG coordinates)."""
    written = printable(node.value, 40)
    message = (
        _("'{written}' is not a number; records hold finite numbers only")
        if math.isnan(number)
        else _("'{written}' is infinite; records hold finite numbers only")
    )
    return LoadError(
        "AIG-YAML-NUMBER",
        message.format(written=written),
        _(
            "Write the measured number (e.g. 0.85); if it is not known write `unknown`, and if "
            'it is text put it in quotes (".nan").'
        ),
        node.start_mark.line + 1,
        node.start_mark.column + 1,
    )


def tag_error(node: yaml.Node) -> LoadError:
    return LoadError(
        "AIG-YAML-TAG",
        _("the tag '{tag}' is not allowed in a record").format(tag=printable(node.tag)),
        _(
            "Remove the tag (the text starting with '!'); records hold only plain text, numbers, "
            "lists and mappings. Nothing tagged is ever executed."
        ),
        node.start_mark.line + 1,
        node.start_mark.column + 1,
    )


def yaml_error(exc: yaml.YAMLError, text: str) -> LoadError:
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
            _(
                "file contains the invisible character {code} ({name}), which YAML does not allow"
            ).format(code=f"U+{exc.character:04X}", name=name.lower()),
            _(
                "Delete it (it usually comes from pasting out of a terminal, a PDF or a "
                'spreadsheet); inside double quotes you may write it as an escape such as "\\t".'
            ),
            line,
            col,
        )
    return LoadError(  # pragma: no cover - libyaml reports every problem with a position
        "AIG-YAML-SYNTAX",
        _("not valid YAML: {problem}").format(problem=printable(str(exc), 200)),
        _("Fix the YAML syntax."),
    )


_CONTROL_NAMES = {0x07: "bell", 0x08: "backspace", 0x1B: "escape", 0x7F: "delete"}

_HINTS = [
    ("tab character", N_("YAML indents with spaces only; replace the tab characters with spaces.")),
    (
        "found unexpected end of stream",
        N_("A quote or bracket is not closed; the file may be truncated."),
    ),
    ("while scanning a quoted scalar", N_("A quoted string is not closed: add the closing quote.")),
    ("expected ',' or ']'", N_("A [list] is not closed: add the closing ].")),
    ("expected ',' or '}'", N_("A {mapping} is not closed: add the closing }.")),
    (
        "did not find expected node content",
        N_("A value is missing here: a [list] or {mapping} ends early, or the file is truncated."),
    ),
    (
        "mapping values are not allowed",
        N_("A value contains ': ' ; put the value in quotes, or fix the indentation."),
    ),
    (
        "block sequence entries are not allowed",
        N_(
            "A '- ' list item is out of place: check its indentation, or quote a value that "
            "starts with '-'."
        ),
    ),
    ("did not find expected key", N_("Check the indentation: keys of one mapping must line up.")),
    (
        "did not find expected '-' indicator",
        N_("Check the indentation: items of one list must line up."),
    ),
    (
        "found undefined alias",
        N_("An alias (*name) refers to an anchor (&name) that is not defined above it."),
    ),
    (
        "unknown escape character",
        N_(
            "Inside double quotes a backslash starts an escape: write \\\\ for a backslash, or use "
            "single quotes."
        ),
    ),
    (
        "invalid Unicode character escape",
        N_(
            "This \\u or \\U escape is not a valid character; type the character itself, or "
            "write a valid escape such as \\u00e9."
        ),
    ),
    (
        "found incompatible YAML document",
        N_("Remove the %YAML line at the top; records are plain YAML without directives."),
    ),
    (
        "found character that cannot start any token",
        N_("Quote the value: it starts with a character YAML reserves (@, `, %, |, >)."),
    ),
    (
        "could not find expected ':'",
        N_("A key is missing its ':' or a multi-line string is not quoted."),
    ),
]

_TAB_HINT = _HINTS[0][1]


def _syntax_error(exc: yaml.MarkedYAMLError, text: str = "") -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and "exceeded maximum nesting depth" in str(
        exc
    ):  # newer libyaml's own limit
        return too_deep(mark)
    problem = exc.problem or str(exc)
    if exc.context:
        problem = f"{problem} ({exc.context}"
        if exc.context_mark is not None and exc.context_mark is not mark:
            problem += f" at line {_position(text, exc.context_mark)[0]}"
        problem += ")"
    hint = _(
        next(
            (h for needle, h in _HINTS if needle in problem),
            N_("Fix the YAML syntax at this position."),
        )
    )
    if mark is not None and _tab_near(text, mark):
        hint = _(_TAB_HINT)
    elif mark is not None and "mapping values are not allowed" in problem:
        hint = _quote_hint(text, mark)
    elif mark is not None and "expected key" in problem and _text_at(text, mark).startswith("-"):
        hint = _(
            "This '- ' list item is out of place: line it up with the other items of its list, "
            "or remove the '- ' if this line is a field."
        )
    line, col = _position(text, mark)
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        # the quote ran to the end of the file: the fix belongs where it opened
        line, col = _position(text, exc.context_mark)
        problem = _("a quoted string is not closed before the end of the file")
        hint = _("Add the closing quote where the text ends.")
    else:
        runaway = _runaway_quote(text, line)
        if runaway is not None:
            opened, closed = runaway
            line, col = opened
            problem = _(
                "the quoted text that starts on line {line} is not closed on that line (YAML "
                "read on into line {closed})"
            ).format(line=line, closed=closed)
            hint = _("Add the closing quote at the end of the text on line {line}.").format(
                line=line
            )
    return LoadError(
        "AIG-YAML-SYNTAX",
        _("not valid YAML: {problem}").format(problem=printable(problem, 300)),
        hint,
        line,
        col,
    )


def _quote_hint(text: str, mark: Any) -> str:
    """`- Agents: less searching: faster` — one line holding ': ' twice: show it quoted."""
    lines = text.splitlines()
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    body = line.strip()
    lead, value = "", body
    if body.startswith("- "):
        lead, value = "- ", body[2:].strip()
    elif ": " in body:
        key, value = body.split(": ", 1)
        lead = f"{key}: "
    value = value.strip()
    if not value or value[0] in "\"'[{|>" or "#" in value or len(value) > 120:
        return _("A value contains ': '; put the whole value in quotes, or fix the indentation.")
    quoted = json.dumps(value, ensure_ascii=False)
    return _(
        "This value contains ': ', which YAML reads as a new field; put the value in quotes: "
        "{quoted}"
    ).format(quoted=printable(lead + quoted, 160))


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
        for token in yaml.scan(text, Loader=Loader):
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
