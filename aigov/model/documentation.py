"""Documentation, sign-offs and visibility rules."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import Field, WithJsonSchema, field_validator

from aigov.model.base import Base, F, L
from aigov.model.common import Evidence
from aigov.model.vocab import ConditionStatus, ReviewDecision, ReviewRole

_SHA256 = re.compile(r"sha256:[0-9a-f]{64}")

# HH:MM (or HH:MM:SS), UTC, as `aigov approve` writes it: JSON Schema's "time" format wants
# seconds and an offset, so the schema states the pattern instead
ClockTime = Annotated[
    dt.time,
    WithJsonSchema(
        {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?Z?$"}
    ),
]


class Documentation(Base):
    intended_use: str | None = F(
        "The intended use, as a card states it.",
        "Drafts replies for support agents to edit and send",
    )
    limitations: list[str] = L("Known limitations.", "Does not handle attachments")
    ethical_considerations: list[str] = L(
        "Ethical considerations.", "Tone may be too formal for distressed customers"
    )
    caveats: list[str] = L("Caveats and recommendations.", "Not for legal or medical questions")
    recommendations: list[str] = L("Recommendations for deployers and users.")


class Condition(Base):
    """A condition attached to an approval, tracked until it is met or waived."""

    text: str = Field(description="What must hold.", examples=["Pilot limited to Germany"])
    status: ConditionStatus = Field(
        default=ConditionStatus.OPEN, description="open, met or waived."
    )
    owner: str | None = F("Who sees to it.", "Dana Whitfield")
    due: dt.date | None = F("By when it must be met (YYYY-MM-DD).", "2027-01-31")
    note: str | None = F("How it was met, or why it was waived.", "FRIA v3 filed 2027-01-12")


class SignOff(Base):
    reviewer: str = Field(description="Who signed.", examples=["Jonas Becker"])
    role: ReviewRole = Field(
        description="legal, privacy, security, risk, product, compliance, ethics."
    )
    decision: ReviewDecision = Field(description="approved, approved_with_conditions, rejected.")
    date: dt.date = Field(description="When (YYYY-MM-DD).")
    time: ClockTime | None = F(
        "Time of day of the sign-off, UTC (HH:MM, written by `aigov approve`).",
        "10:14",
        title="Time (UTC)",
    )
    conditions: list[str | Condition] = L(
        "Conditions attached to the approval: a sentence (open), or an item with its status "
        "(open, met, waived), owner and due date."
    )
    comment: str | None = F(
        "The reviewer's comment on the decision.", "Approved for the German pilot only"
    )
    scope: str | None = F("What the approval covers.", "Pilot in Germany, claims under EUR 5,000")
    valid_until: dt.date | None = F(
        "The approval lapses after this date (YYYY-MM-DD): it is then stale.",
        "2027-06-30",
    )
    record_hash: str | None = F(
        "Content hash of the record that was approved (written by `aigov approve`).",
        "sha256:3f1a…",
        title="Approved content hash",
    )
    revision: str | None = F("Git revision the reviewer read, if known.", "a1b2c3d")
    evidence: list[Evidence] = L("Review memo.")
    evidence_hashes: dict[str, str] = Field(
        default_factory=dict,
        description="SHA-256 of each evidence file the approval rests on, by path (written by "
        "`aigov approve`): a changed file makes the sign-off stale.",
        title="Evidence checksums",
    )
    component_hashes: dict[str, str] = Field(
        default_factory=dict,
        description="Content hash of each shared component (components/<id>.yaml) the system "
        "used when it was approved, by id (written by `aigov approve`): a changed component makes "
        "the sign-off stale.",
        title="Component content hashes",
    )

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, v: object) -> object:
        return v.removesuffix("Z") if isinstance(v, str) else v

    @field_validator("time")
    @classmethod
    def _utc(cls, v: dt.time | None) -> dt.time | None:
        if v is not None and v.tzinfo is not None and v.utcoffset() != dt.timedelta(0):
            raise ValueError("write the time in UTC (HH:MM)")
        return None if v is None else v.replace(tzinfo=None)

    @field_validator("evidence_hashes")
    @classmethod
    def _hashes(cls, v: dict[str, str]) -> dict[str, str]:
        for path, digest in v.items():
            if not _SHA256.fullmatch(digest):
                raise ValueError(f"the checksum of {path} must be sha256: and 64 hex digits")
        return v

    @field_validator("component_hashes")
    @classmethod
    def _component_hashes(cls, v: dict[str, str]) -> dict[str, str]:
        for cid, digest in v.items():
            if not _SHA256.fullmatch(digest):
                raise ValueError(f"the content hash of {cid} must be sha256: and 64 hex digits")
        return v

    @property
    def condition_items(self) -> list[Condition]:
        """Every condition as a tracked item (a plain sentence is an open one)."""
        return [Condition(text=c) if isinstance(c, str) else c for c in self.conditions]

    @property
    def condition_texts(self) -> list[str]:
        return [c.text for c in self.condition_items]

    @property
    def signed_at(self) -> dt.datetime:
        """Date and time (UTC); midnight when only the date is recorded."""
        return dt.datetime.combine(self.date, self.time or dt.time(0, 0))

    @property
    def when(self) -> str:
        """'2026-12-03 10:14 UTC', or '2026-12-03' for a date-only entry."""
        if self.time is None:
            return self.date.isoformat()
        return f"{self.date.isoformat()} {self.time.strftime('%H:%M')} UTC"


class VisibilityRules(Base):
    internal: list[str] = L(
        "Dotted paths of fields or sections left out of public builds.", "operations.incidents"
    )
    confidential: list[str] = L(
        "Dotted paths shown only in internal builds, marked confidential.",
        "impact_assessment.harms",
    )
