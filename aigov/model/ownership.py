"""Identity and ownership: who owns the system, and its lifecycle."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from aigov.model.base import Base, F, L
from aigov.model.vocab import Stage


class Owner(Base):
    team: str | None = F(
        "The team that owns and operates the system.", "Customer Support Engineering"
    )
    accountable: str | None = F(
        "The one person accountable for the system (a name, not a team).", "Dana Whitfield"
    )
    contact: str | None = F("Where questions go: an email or channel.", "support-ai@example.com")
    product_manager: str | None = F("The product manager who maintains this record.", "Priya Raman")
    technical_lead: str | None = F(
        "The engineer responsible for the model and pipeline.", "Marco Bellini"
    )
    legal_entity: str | None = F(
        "The legal entity (company or public body) that provides or deploys the system, as "
        "registered; the EU AI Act role says which.",
        "Northwind Mutual Insurance SE",
    )


class StageChange(Base):
    stage: Stage = Field(description="The stage entered.")
    date: dt.date = Field(description="When the stage was entered (YYYY-MM-DD).")
    note: str | None = F("Why, and on whose decision.", "Pilot go decision by the AI review board")


class Lifecycle(Base):
    stage: Stage = Field(
        description="Where the system is now: idea → feasibility → mvp → pilot → production → retired.",
        examples=["pilot"],
    )
    stage_since: dt.date | None = F(
        "When the system entered its current stage (YYYY-MM-DD).",
        "2026-05-02",
        title="In stage since",
    )
    review_cadence_days: int | None = F(
        "How often the record must be reviewed, in days (90 = quarterly).",
        90,
        ge=1,
        le=1096,
        title="Review cadence (days)",
    )
    last_review: dt.date | None = F(
        "Date of the last governance review (YYYY-MM-DD).", "2026-09-30"
    )
    history: list[StageChange] = L("Earlier stage changes, oldest first.")
    documented_after_deployment: bool | None = F(
        "The record was written after the system was deployed (a register entry, retrospective "
        "documentation): what such a system never had (a feasibility sprint, a product-metrics "
        "stack) is reported once as not recorded instead of as a page of findings.",
        True,
    )
