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


def as_number(value: Any) -> int | float | None:
    """A number as the card wrote it: an int stays an int (82), a float a float (82.0), a
    numeric string is read by its own text ("0.9105504587155964"). A percentage string is not
    a number here: "82%" is not 0.82, and not 82 either without saying so."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text) if re.fullmatch(r"[-+]?[0-9]+", text) else float(text)
        except ValueError:
            return None
    return None


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


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y", "%B %d, %Y", "%d %B %Y")
_MONTH_FORMATS = ("%Y-%m", "%Y/%m", "%B %Y", "%b %Y", "%m/%Y")


def as_date(value: Any) -> dt.date | str | None:
    """A date as precise as the card gives it: a full date, or "YYYY-MM" / "YYYY" (as text,
    read by `aigov.dates.PartialDate`) when the card gives only a month or a year. Never a
    day the card does not give."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    for fmt in _MONTH_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).strftime("%Y-%m")
        except ValueError:
            continue
    if re.fullmatch(r"[0-9]{4}", text):
        return text
    return None


def undated_note(count: int) -> str:
    """The report's note on results the card gives no date for (they are dated `unknown`)."""
    return (
        f"The card gives no measurement dates: the {count} evaluation result(s) are dated "
        "`unknown`, never the day of the import. Write the date when you know it (YYYY-MM-DD, "
        "or YYYY-MM / YYYY)."
    )


#: The parts of `source_document` an importer can know only when the card says them.
SOURCE_PARTS = (
    "title",
    "register_name",
    "external_id",
    "url",
    "standard",
    "standard_version",
    "language",
    "published",
    "revised",
    "organisation",
    "contact",
)


def source_note(imported: Imported) -> str:
    """The report's note on the record's source block: what was filled and what the card
    does not say (the import never guesses a URL, a language or a date)."""
    given = imported.record.get("source_document", {})
    filled = [f"{k} {given[k]!s}" for k in SOURCE_PARTS if given.get(k) not in (None, "")]
    missing = [k for k in SOURCE_PARTS if given.get(k) in (None, "")]
    said = "; ".join(filled) if filled else "nothing"
    return (
        f"source_document (where the record came from): filled {said}. Not filled, the card "
        f"does not say: {', '.join(missing)}."
    )


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


#: The longest id the record model accepts (its slug pattern).
MAX_ID = 64


def component_id(name: str, taken: set[str] | None = None) -> str:
    """The model's id from its name, whole: up to the 64 characters an id may have."""
    return slug(name or "model", taken or set(), limit=MAX_ID)


def first_sentence(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    sentence = match.group(1) if match else flat
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
