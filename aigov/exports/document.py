"""An export document as a typed value: what every format (Markdown, HTML, PDF, DOCX, JSON)
renders, built by the pure functions of one module per document kind.

A document opens with its coverage list: one `CoverageItem` per item the law or standard asks
for, each `supplied`, `unknown`, `not_applicable` (with why), `missing` or `withheld` (left out
of a public edition), so a coverage table is never silently empty. Then ordered `Section`s,
each a heading and blocks (paragraphs, key-value rows, tables, lists, evidence references).
`data` holds a kind's structured payload (the EU database entry's fields), which the JSON
output carries and the kind's schema describes.

Nothing here formats for a medium: text stays raw; templates escape it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from aigov.i18n import N_, _


class Coverage(StrEnum):
    SUPPLIED = "supplied"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"
    MISSING = "missing"
    WITHHELD = "withheld"


COVERAGE_LABELS = {
    Coverage.SUPPLIED: N_("supplied"),
    Coverage.UNKNOWN: N_("unknown"),
    Coverage.NOT_APPLICABLE: N_("not applicable"),
    Coverage.MISSING: N_("missing"),
    Coverage.WITHHELD: N_("withheld"),
}


@dataclass(frozen=True)
class CoverageItem:
    """One item of the document's source text and what the record supplies for it.
    `reason` is why it is not applicable (required then); `note` is anything else."""

    item: str  # "1(a)", "(c)", "A.2.2"
    title: str
    status: Coverage
    fields: tuple[str, ...] = ()
    note: str = ""
    reason: str = ""

    def __post_init__(self) -> None:
        if self.status == Coverage.NOT_APPLICABLE and not self.reason.strip():
            raise ValueError(f"coverage item {self.item}: not applicable needs a reason")

    @property
    def label(self) -> str:
        base = _(COVERAGE_LABELS[self.status])
        return (
            _("{status}: {reason}").format(status=base, reason=self.reason) if self.reason else base
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "title": self.title,
            "status": self.status.value,
            "fields": list(self.fields),
            "note": self.note,
            "reason": self.reason,
        }


# --- blocks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = field(default="paragraph", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    status: Coverage = Coverage.SUPPLIED  # a row may say a value is unknown or missing

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "value": self.value, "status": self.status.value}


@dataclass(frozen=True)
class Rows:
    """Key-value rows (a definition list in HTML, a two-column table in Markdown)."""

    rows: tuple[Row, ...]
    kind: str = field(default="rows", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "rows": [r.to_dict() for r in self.rows]}


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    kind: str = field(default="table", init=False)

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"table row {row!r} has not {len(self.columns)} cells")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "caption": self.caption,
            "columns": list(self.columns),
            "rows": [list(r) for r in self.rows],
        }


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    kind: str = field(default="list", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "items": list(self.items)}


@dataclass(frozen=True)
class EvidenceRef:
    """A file or link the record cites as evidence."""

    title: str
    path: str = ""  # a repository path or URL
    date: str = ""
    cited_by: str = ""  # the record field that cites it (controls.govern.ctl-x)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "path": self.path,
            "date": self.date,
            "cited_by": self.cited_by,
        }


@dataclass(frozen=True)
class Evidence:
    refs: tuple[EvidenceRef, ...]
    kind: str = field(default="evidence", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "refs": [r.to_dict() for r in self.refs]}


@dataclass(frozen=True)
class Gap:
    """What a section cannot say: the record does not supply it (unknown, missing, withheld)
    or it does not apply (why)."""

    status: Coverage
    text: str
    kind: str = field(default="gap", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "status": self.status.value, "text": self.text}


@dataclass(frozen=True)
class Quote:
    """The wording of the item a section answers (the Act's text), with where it is from."""

    text: str
    source: str
    kind: str = field(default="quote", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "source": self.source}


Block = Paragraph | Rows | Table | Bullets | Evidence | Gap | Quote


@dataclass(frozen=True)
class Section:
    """One heading and what stands under it; `item` ties it to a coverage item."""

    id: str
    title: str
    blocks: tuple[Block, ...] = ()
    level: int = 2  # 2: a top-level section; 3: a sub-item
    item: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "item": self.item,
            "blocks": [b.to_dict() for b in self.blocks],
        }


@dataclass(frozen=True)
class ExportDocument:
    """One generated compliance document.

    `kind`: the registry name (annex-iv, fria, eu-database, …); `system_id` is None for a
    portfolio document (the SoA). `source` names the text the items come from (EUR-Lex …)."""

    kind: str
    title: str
    system_id: str | None
    system_name: str
    audience: str
    source: str
    coverage: tuple[CoverageItem, ...]
    sections: tuple[Section, ...]
    provenance: dict[str, Any] = field(default_factory=dict)
    intro: tuple[str, ...] = ()
    withheld: tuple[str, ...] = ()  # field labels a public edition left out
    data: dict[str, Any] | None = None  # the kind's structured payload
    coverage_title: str = "Coverage"

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.system_id}" if self.system_id else self.kind

    def coverage_counts(self) -> dict[str, int]:
        counts = {c.value: 0 for c in Coverage}
        for item in self.coverage:
            counts[item.status.value] += 1
        return counts

    def headings(self) -> list[str]:
        """Every heading of the document, in order (the title, coverage, each section)."""
        return [self.title, self.coverage_title, *(s.title for s in self.sections)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "system": {"id": self.system_id, "name": self.system_name},
            "audience": self.audience,
            "source": self.source,
            "intro": list(self.intro),
            "coverage": [c.to_dict() for c in self.coverage],
            "coverage_counts": self.coverage_counts(),
            "sections": [s.to_dict() for s in self.sections],
            "withheld": list(self.withheld),
            "data": self.data,
            "provenance": self.provenance,
        }
