"""Text for a terminal: the one function that makes record text safe to print.

Record text (names, descriptions, file names) can carry ANSI/OSC escape sequences, BEL,
carriage returns, C1 controls and direction overrides that clear the screen, set the window
title, forge output lines or hide a change. Every control character is shown as an escape
(`\\u001b`, `\\r`), on a terminal and piped alike; newlines and tabs are kept in multi-line
output and escaped in one-line output. aigov's own colours are added after escaping.
"""

from __future__ import annotations

import re
import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# aigov's own styling as click.style writes it (Select Graphic Rendition only)
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _unsafe(ch: str) -> bool:
    """C0, DEL, C1 (Cc), format characters such as direction overrides (Cf, but not the
    zero-width joiner emoji need), and the Unicode line and paragraph separators."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\u200d"


def escape(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character shown as an escape. Newlines and tabs stay unless
    `one_line` (then one value can never become two output lines)."""
    text = str(text)
    if text.isprintable() and not one_line:
        return text  # the common case: nothing to do
    out = []
    for ch in text:
        if ch in "\n\t" and not one_line:
            out.append(ch)
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        elif _unsafe(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def escape_styled(text: str) -> str:
    """A whole output with aigov's colour codes kept and every other control escaped. Only
    for output whose record text was escaped (with `escape`) before it was styled: an SGR
    code that came from a record would be kept too."""
    parts = []
    pos = 0
    for m in _SGR.finditer(text):
        parts.append(escape(text[pos : m.start()]))
        parts.append(m.group())
        pos = m.end()
    parts.append(escape(text[pos:]))
    return "".join(parts)
