"""Bringing existing model documentation into a record.

An importer reads one card (a Hugging Face model card, a Model Card Toolkit JSON) and returns
an `Imported`: a model component, the record-level data the card also carries (evaluation
results, data sources, use-case text), image attachments, and a report of where every piece
of the card went. Fields with a home in the record model are mapped; the rest is kept
verbatim in the component's `metadata`; nothing is dropped without being listed in the report.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from aigov.authoring.recorddata import slug
from aigov.errors import AigovError


@dataclass
class ReportLine:
    source: str  # where in the card: "license", "model-index[0].results[1]", "## Uses"
    target: str  # where it went: a record path, "metadata.<key>", or "" when left out
    note: str = ""


@dataclass
class ImportReport:
    fmt: str
    source: str
    mapped: list[ReportLine] = field(default_factory=list)
    kept: list[ReportLine] = field(default_factory=list)  # verbatim in metadata: no matching field
    empty: list[ReportLine] = field(default_factory=list)  # carried no information
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def rows(items: list[ReportLine]) -> list[dict[str, str]]:
            return [{"source": i.source, "target": i.target, "note": i.note} for i in items]

        return {
            "format": self.fmt,
            "source": self.source,
            "mapped": rows(self.mapped),
            "kept_in_metadata": rows(self.kept),
            "empty": rows(self.empty),
            "notes": list(self.notes),
        }


@dataclass
class Attachment:
    """A file the card embeds (a chart as base64), to be saved next to the record."""

    name: str  # file name, e.g. "accuracy.png"
    content: bytes
    source: str  # where in the card it was
    ref: dict[str, Any] | None = None  # the metadata entry naming the file

    def place(self, folder: str) -> str:
        """Record where the file is saved (a path relative to the governance repository)."""
        path = f"{folder.rstrip('/')}/{self.name}"
        if self.ref is not None:
            self.ref["file"] = path
        return path


@dataclass
class Imported:
    component: dict[str, Any]
    results: list[dict[str, Any]] = field(default_factory=list)  # evaluations.results
    sources: list[dict[str, Any]] = field(default_factory=list)  # data.sources
    record: dict[str, Any] = field(
        default_factory=dict
    )  # other record fields (name, summary, use_case)
    attachments: list[Attachment] = field(default_factory=list)
    report: ImportReport = field(default_factory=lambda: ImportReport("", ""))


class CardError(AigovError):
    """The card cannot be read at all; the message says why and what to do, `line` and
    `column` where (0: the whole card)."""

    def __init__(self, message: str, hint: str = "", line: int = 0, column: int = 0):
        super().__init__(message, hint=hint)
        self.line, self.column = line, column


# --- small shared helpers --------------------------------------------------------------------

PLACEHOLDER = re.compile(
    r"^\W*(more information needed|\[more information needed\]|tbd|todo|n/?a|none)\W*$", re.I
)


def is_placeholder(text: str) -> bool:
    return not text.strip() or bool(PLACEHOLDER.match(" ".join(text.split())))


def as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip().rstrip("%"))
        except ValueError:
            return None
    return None


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y", "%Y-%m", "%B %d, %Y", "%d %B %Y")


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def decode_image(data: Any) -> bytes | None:
    """Base64 PNG/JPEG/GIF/SVG bytes, or None when `data` is not a real embedded image."""
    if not isinstance(data, str) or len(data) < 16:
        return None
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None
    if raw.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"<svg", b"<?xml")):
        return raw
    return None


def image_extension(raw: bytes) -> str:
    if raw.startswith(b"\x89PNG"):
        return "png"
    if raw.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if raw.startswith(b"GIF8"):
        return "gif"
    return "svg"


def component_id(name: str, taken: set[str] | None = None) -> str:
    return slug(name or "model", taken or set())


def first_sentence(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    sentence = match.group(1) if match else flat
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
