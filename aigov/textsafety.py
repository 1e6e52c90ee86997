"""Text from records made safe for where it is shown: one-line messages, and (see below) YAML.

A record's text can hold characters that are invisible or that change how the text around
them displays; each function here says what it guards against.
"""

from __future__ import annotations

import re
import unicodedata

# bidirectional embeddings, overrides and isolates (U+202A-E, U+2066-9): invisible, they make
# text display in an order other than it is stored; a regular-expression character range
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"

# a bidirectional control as written, or any \u / \U escape that could spell one
BIDI_OR_ESCAPE = re.compile(f"[{BIDI_CONTROLS}]|\\\\[uU]")


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
