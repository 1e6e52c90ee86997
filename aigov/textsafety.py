"""Text from records made safe for where it is shown: one-line messages, and (see below) YAML.

A record's text can hold characters that are invisible or that change how the text around
them displays; each function here says what it guards against.
"""

from __future__ import annotations

import json
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


def _noncharacters() -> str:
    """U+FDD0-U+FDEF and the last two code points of every plane, as a character-class body."""
    last_two = "".join(f"\\U{p:04X}FFFE\\U{p:04X}FFFF" for p in range(0x11))
    return "\ufdd0-\ufdef" + last_two


# What a YAML reader may refuse, or read as something else, even inside a double-quoted JSON
# string: C0 controls but tab and line feed (PyYAML reads a raw CR as a line break), DEL and C1
# (a raw NEL is a line break too; PyYAML refuses the rest), surrogates (libyaml refuses the
# escape \ud800, and they cannot be written as UTF-8) and noncharacters (a raw U+FFFE stops
# PyYAML, so MkDocs then shows the front matter as page text).
_YAML_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_noncharacters()}]")


def front_matter_value(value: object) -> str:
    """A front-matter value as one line of JSON (so YAML too) that any YAML reader accepts and
    reads back as written, but for unsafe code points, which become U+FFFD.

    `ensure_ascii` stays off: JSON would escape U+1F600 as a surrogate pair, which libyaml
    refuses and PyYAML reads as two lone surrogates."""
    return json.dumps(_yaml_safe(value), ensure_ascii=False)


def _yaml_safe(value: object) -> object:
    if isinstance(value, str):
        return _YAML_UNSAFE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_yaml_safe(k): _yaml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_yaml_safe(v) for v in value]
    return value
