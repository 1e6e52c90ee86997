"""Characters a record cannot keep as written, found where they stand in an answers file or
an imported card, so `aigov new --answers` and `aigov import` refuse them with a position
instead of changing the text silently or failing later.

NEXT LINE (U+0085) and the Unicode line and paragraph separators are read by YAML as line
breaks (so a raw one in an answers file is already a different text once loaded, and folds
into a space when a quoted value is read back), by Python's `str.split` as spaces, and every
card and site page drops them. A governance record must say the same thing in its YAML, its
card and its site page, so aigov refuses them and the author writes the line break or space
that was meant. The same goes for the other control characters (but tab, line feed and
carriage return), surrogates and noncharacters such as U+FFFE, which YAML does not allow in a
file at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.textsafety import printable
from aigov.yamlload import Document

CODE = "AIG-YAML-ENCODING"
_LAST_TWO = "".join(f"\\U{p:04X}FFFE\\U{p:04X}FFFF" for p in range(0x11))
UNKEEPABLE = re.compile(
    f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef{_LAST_TWO}]"
)
_NAMES = {0x85: "next line, NEL", 0x07: "bell", 0x08: "backspace", 0x1B: "escape", 0x7F: "delete"}
HINT = (
    "Write the line break (or space) that was meant instead, or delete the character; aigov "
    "never changes record text silently."
)
LIMIT = 20  # positions reported per file; the rest are counted


def describe(ch: str) -> str:
    """'U+0085 (next line, NEL)'."""
    code = ord(ch)
    name = _NAMES.get(code) or unicodedata.name(ch, "").lower()
    if not name:
        noncharacter = 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
        name = "a noncharacter" if noncharacter else "control character"
    return f"U+{code:04X} ({name})"


_BREAKS = "\x85\u2028\u2029"


def _message(ch: str, where: str) -> str:
    why = (
        "YAML reads it as a line break, and cards and site pages drop it"
        if ch in _BREAKS
        else "YAML does not allow it in a file, and cards and site pages drop it"
    )
    return (
        f"{where} holds the invisible character {describe(ch)}, which a record cannot keep as "
        f"written ({why})"
    )


def in_text(text: str, display: str) -> list[Diagnostic]:
    """Each such character in a file's text, at its line and column (one pass)."""
    out: list[Diagnostic] = []
    for match in UNKEEPABLE.finditer(text):
        pos = match.start()
        line = text.count("\n", 0, pos) + 1  # linear overall: at most LIMIT matches counted
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        out.append(
            Diagnostic(display, line, col, CODE, _message(match.group(), "the file"), hint=HINT)
        )
        if len(out) >= LIMIT:
            break
    return out


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    if isinstance(value, str):
        yield path, value, False
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str):
                yield (*path, k), k, True
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))


def in_values(doc: Document) -> list[Diagnostic]:
    """Each value (or key) that holds such a character once read, for example from an escape
    such as "\\N" or "\\uFFFE" in double quotes, at the value's position."""
    out: list[Diagnostic] = []
    for path, text, is_key in _strings(doc.data):
        match = UNKEEPABLE.search(text)
        if match is None:
            continue
        line, col = doc.position(path, key=is_key)
        field = ".".join(str(p) for p in path)
        where = f"the {'key' if is_key else 'value'} of {printable(field)}"
        out.append(
            Diagnostic(
                doc.path, line, col, CODE, _message(match.group(), where), hint=HINT, field=field
            )
        )
        if len(out) >= LIMIT:
            break
    return out


def refuse(
    found: list[Diagnostic], error: Callable[[str, str, int, int], Exception], offset: int = 0
) -> None:
    """Raise `error(message, hint, line, column)` for the first of `found` (`offset`: lines
    above the scanned text, such as a metadata block's opening `---`)."""
    if found:
        raise error(found[0].message, HINT, found[0].line + offset, found[0].column)
