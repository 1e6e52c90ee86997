"""What a person types at a question, turned into a value (or SKIP, HELP, UNKNOWN, Invalid)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from aigov.answers import UNKNOWN
from aigov.authoring.fields import FieldDoc
from aigov.i18n import _

SKIP = object()  # the reply "nothing yet": leave a placeholder
HELP = object()  # the reply "?": show the help and ask again
# the words are accepted whatever language aigov asks in (English, Dutch, German)
UNKNOWN_WORDS = {"u", "unknown", "unknown yet", "?u", "dunno", "onbekend", "unbekannt"}
#: A reply that says no value of a list of choices applies.
NONE_WORDS = ("none", "[]", "geen", "keine")
YES_WORDS = frozenset({"y", "yes", "true", "1", "j", "ja", "oui", "si", "sí"})
NO_WORDS = frozenset({"n", "no", "false", "0", "nee", "nein", "non"})
KEEP_DEFAULT = {"-"}  # typed to skip a question that offers a default


@dataclass(frozen=True)
class Invalid:
    message: str


def _one(doc: FieldDoc, text: str) -> Any:
    text = text.strip()
    kind = doc.kind
    if kind == "choice":
        choices = list(doc.choices)
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1]
        lowered = text.lower().replace(" ", "_").replace("-", "_")
        if lowered in choices:
            return lowered
        starts = [c for c in choices if c.startswith(lowered)]
        if len(starts) == 1:
            return starts[0]
        if len(starts) > 1:
            return Invalid(
                _("'{reply}' could be {choices}; type more letters or a number").format(
                    reply=text, choices=_(" or ").join(starts)
                )
            )
        return Invalid(
            _("'{reply}' is not one of: {choices} (a number works too)").format(
                reply=text, choices=", ".join(choices)
            )
        )
    if kind == "bool":
        lowered = text.lower()
        if lowered in YES_WORDS:
            return True
        if lowered in NO_WORDS:
            return False
        return Invalid(_("answer yes or no (y/n)"))
    if kind == "int":
        try:
            value = int(text.replace(",", "").replace("_", ""))
        except ValueError:
            return Invalid(_("'{reply}' is not a whole number").format(reply=text))
        limits = dict(doc.constraints)
        if ("ge" in limits and value < limits["ge"]) or ("le" in limits and value > limits["le"]):
            return Invalid(
                _("{value} is outside {low}–{high}").format(
                    value=value, low=limits.get("ge", "…"), high=limits.get("le", "…")
                )
            )
        return value
    if kind == "float":
        try:
            return float(text.replace(",", "").replace("%", "").strip())
        except ValueError:
            return Invalid(_("'{reply}' is not a number").format(reply=text))
    if kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return Invalid(
                _("'{reply}' is not a date; write YYYY-MM-DD, e.g. 2026-03-31").format(reply=text)
            )
    if "pattern" in dict(doc.constraints) and not re.match(dict(doc.constraints)["pattern"], text):
        return Invalid(_("use lowercase letters, digits and hyphens, e.g. claims-triage"))
    return text


def parse_reply(doc: FieldDoc, reply: str | list[str]) -> Any:
    """A reply typed by a person → a value, UNKNOWN, SKIP, HELP or Invalid(message)."""
    if isinstance(reply, list):
        items = [r.strip() for r in reply if r.strip()]
        if not items:
            return SKIP
        if len(items) == 1 and items[0].lower() in UNKNOWN_WORDS:
            return UNKNOWN
        if len(items) == 1 and items[0] == "?":
            return HELP
        if doc.is_list and doc.kind == "choice" and len(items) == 1:
            return parse_reply(doc, items[0])
        values = [_one(doc, i) for i in items]
        bad = next((v for v in values if isinstance(v, Invalid)), None)
        return bad if bad else values
    text = reply.strip()
    if not text:
        return SKIP
    if text == "?":
        return HELP
    if text.lower() in UNKNOWN_WORDS:
        return UNKNOWN
    none = text.lower() in NONE_WORDS and text.lower() not in doc.choices
    if doc.is_list and doc.kind == "choice" and none:
        return []  # "none": answered, and nothing applies (written as [])
    if doc.is_list:
        parts = (
            [p for p in re.split(r"\s*[,;]\s*|\s+", text) if p] if doc.kind == "choice" else [text]
        )
        return (
            parse_reply(doc, parts)
            if len(parts) > 1
            else ([v] if not isinstance(v := _one(doc, parts[0]), Invalid) else v)
        )
    return _one(doc, text)
