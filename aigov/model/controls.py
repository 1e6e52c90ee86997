"""Controls by NIST AI RMF function."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator

from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import Evidence
from aigov.model.vocab import ControlStatus


class Control(Base):
    id: str = Field(
        description="Short slug, unique within the record.",
        examples=["ctl-human-send"],
        pattern=SLUG,
    )
    title: str = Field(
        description="What the control is.", examples=["Agent must review and send every draft"]
    )
    description: str | None = F("How it works.")
    nist: list[str] = L(
        "NIST AI RMF 1.0 subcategories it serves, e.g. 'MEASURE 2.11'.",
        "MANAGE 2.4",
        title="NIST AI RMF subcategories",
    )
    iso_42001: list[str] = L(
        "ISO/IEC 42001:2023 Annex A controls it implements, by id, e.g. 'A.6.2.4' (the ISO "
        "Statement of Applicability lists each control's implementing controls).",
        "A.6.2.4",
        title="ISO/IEC 42001 Annex A controls",
    )
    nist_600_1: list[str] = L(
        "NIST AI 600-1 (Generative AI Profile) suggested actions it carries out, e.g. "
        "'MS-2.5-001'.",
        "MS-2.5-001",
        title="NIST AI 600-1 actions",
    )
    owner: str | None = F("Who runs it.", "Support Ops")
    status: ControlStatus | None = F("planned, in_progress, implemented, verified.", "implemented")
    evidence: list[Evidence] = L("Evidence that it is in place.")
    due: dt.date | None = F("When a planned control is due (YYYY-MM-DD).", "2026-12-31")

    @field_validator("nist")
    @classmethod
    def _nist_form(cls, v: list[str]) -> list[str]:
        return [" ".join(s.split()).upper() for s in v]

    @field_validator("iso_42001", "nist_600_1")
    @classmethod
    def _id_form(cls, v: list[str]) -> list[str]:
        return ["".join(s.split()).upper() for s in v]


class Controls(Base):
    govern: list[Control] = L("GOVERN: ownership, policies, review processes, stop-ship criteria.")
    map: list[Control] = L("MAP: context, users, constraints and failure modes documented.")
    measure: list[Control] = L(
        "MEASURE: quality, bias, robustness and safety evaluated and monitored."
    )
    manage: list[Control] = L("MANAGE: mitigations, guardrails, human review, rollback.")

    def all(self) -> list[tuple[str, Control]]:
        return [(fn, c) for fn in ("govern", "map", "measure", "manage") for c in getattr(self, fn)]
