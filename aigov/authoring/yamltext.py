"""Writing record YAML as text, in aigov's canonical layout.

Canonical layout: two-space indentation for mappings, list items indented under their key
(`- ` at two spaces), keys in the record model's order, strings plain when that is safe and
double-quoted otherwise, multi-line text as a `|` block. It is the layout `aigov fmt`
produces, so a freshly written record is already formatted.

Every scalar this module writes reads back, through aigov's own loader, as exactly the value
that was written (a test checks this property for arbitrary text).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

INDENT = 2

_YAML11_WORDS = {
    w
    for word in ("yes", "no", "on", "off", "y", "n", "true", "false", "null")
    for w in (word, word.capitalize(), word.upper())
}
_NUMBERISH = re.compile(
    r"""^(?:
        [-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?   # 1, 1.5, 1e3, 1_000
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | 0[xXoObB][0-9a-fA-F_]+
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?                # 1.1 sexagesimal
    )$""",
    re.X,
)
# YAML 1.1 timestamps (PyYAML, ruamel and most editors resolve them): a string that looks like
# one is quoted, or another reader would take it for a date or a datetime
_TIMESTAMP = re.compile(
    r"""^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}
        (?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
           (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$""",
    re.X,
)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_PRINTABLE = re.compile(r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]*$")


def plain_ok(text: str) -> bool:
    """Can `text` be written as a plain (unquoted) scalar and read back as the same string?"""
    if not text or text != text.strip() or "\n" in text or "\t" in text or "\r" in text:
        return False
    if not _PRINTABLE.match(text):
        return False
    if text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if text in _YAML11_WORDS or text in ("~", "=", "<<") or _NUMBERISH.match(text):
        return False  # '=' and '<<' are YAML 1.1 value and merge keys
    if _TIMESTAMP.match(text):
        return False
    return not text.startswith(("---", "..."))


def block_ok(text: str) -> bool:
    """Can multi-line `text` be written as a literal block (`|`) without surprises?"""
    if "\n" not in text or "\r" in text or "\t" in text or not _PRINTABLE.match(text):
        return False
    body = text.rstrip("\n")
    lines = body.split("\n")
    if not lines[0] or lines[0][0] == " ":
        return False  # leading spaces on the first line need an indentation indicator
    return all(line == line.rstrip(" ") for line in lines)


def scalar(value: Any) -> str:
    """A scalar on one line (strings that need several lines are JSON-quoted here)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if plain_ok(text) else json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> list[str]:
    """A literal block scalar: the header and the indented lines."""
    trailing = len(text) - len(text.rstrip("\n"))
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    pad = " " * indent
    body = text.rstrip("\n").split("\n") + [""] * max(0, trailing - 1)
    return [f"|{chomp}"] + [pad + line if line else "" for line in body]


def value_lines(value: Any, indent: int) -> tuple[str, list[str]]:
    """How to write `value` after `key:`: (text on the key's line, following lines)."""
    if isinstance(value, dict):
        if not value:
            return " {}", []
        return "", mapping_lines(value, indent + INDENT)
    if isinstance(value, list):
        if not value:
            return " []", []
        return "", sequence_lines(value, indent + INDENT)
    if isinstance(value, str) and block_ok(value):
        head, *rest = _block(value, indent + INDENT)
        return " " + head, rest
    return " " + scalar(value), []


def mapping_lines(data: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for key, value in data.items():
        inline, rest = value_lines(value, indent)
        out.append(f"{pad}{scalar(key)}:{inline}")
        out.extend(rest)
    return out


def sequence_lines(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = mapping_lines(item, indent + INDENT)
            out.append(f"{pad}- {inner[0].lstrip()}")
            out.extend(inner[1:])
        elif isinstance(item, list) and item:
            inner = sequence_lines(item, indent + INDENT)
            out.append(f"{pad}- {inner[0].lstrip()}")
            out.extend(inner[1:])
        elif isinstance(item, str) and block_ok(item):
            head, *rest = _block(item, indent + INDENT)
            out.append(f"{pad}- {head}")
            out.extend(rest)
        else:
            inline, _ = value_lines(item, indent)
            out.append(f"{pad}-{inline}")
    return out


def dump(data: dict[str, Any]) -> str:
    """A whole mapping as canonical YAML text (no comments)."""
    return "\n".join(mapping_lines(data, 0)) + "\n"


def comment_text(text: str, width: int = 0) -> str:
    """Make free text safe for a one-line comment."""
    flat = " ".join(str(text).split())
    if width and len(flat) > width:
        flat = flat[: width - 1].rstrip() + "…"
    return flat
