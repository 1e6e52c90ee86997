"""Documentation, sign-offs and visibility rules."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from aigov.model.base import Base, F, L
from aigov.model.common import Evidence
from aigov.model.vocab import ReviewDecision, ReviewRole


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


class SignOff(Base):
    reviewer: str = Field(description="Who signed.", examples=["Jonas Becker"])
    role: ReviewRole = Field(
        description="legal, privacy, security, risk, product, compliance, ethics."
    )
    decision: ReviewDecision = Field(description="approved, approved_with_conditions, rejected.")
    date: dt.date = Field(description="When (YYYY-MM-DD).")
    conditions: list[str] = L("Conditions attached to the approval.")
    record_hash: str | None = F(
        "Content hash of the record that was approved (written by `aigov approve`).",
        "sha256:3f1a…",
        title="Approved content hash",
    )
    revision: str | None = F("Git revision the reviewer read, if known.", "a1b2c3d")
    evidence: list[Evidence] = L("Review memo.")


class VisibilityRules(Base):
    internal: list[str] = L(
        "Dotted paths of fields or sections left out of public builds.", "operations.incidents"
    )
    confidential: list[str] = L(
        "Dotted paths shown only in internal builds, marked confidential.",
        "impact_assessment.harms",
    )
