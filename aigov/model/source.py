"""Where the record came from: the published document or register entry it was written from."""

from __future__ import annotations

from pydantic import Field, field_validator

from aigov.dates import PartialDateField
from aigov.model.base import Base, F, L
from aigov.model.common import check_link


class SourceExcerpt(Base):
    """A part of the source that no field of the record holds, kept as the source wrote it."""

    heading: str = Field(
        description="The source's heading or key for this part.", examples=["Quantization"]
    )
    text: str = Field(
        description="The text, as the source wrote it.",
        examples=["Weights are also published in 4-bit GPTQ."],
    )
    component: str | None = F(
        "Id of the model component the part is about, if one.", "reply-drafter"
    )


class SourceDocument(Base):
    """The source a record was written from or is published as: a register entry (the Dutch
    Algoritmeregister, a national AI register), a published model card, a system card."""

    title: str | None = F("The source's own title, as published.", "Chatbot Gemeente Voorbeeldstad")
    register_name: str | None = F(
        "The register or publication the entry belongs to.", "Algoritmeregister (NL)"
    )
    external_id: str | None = F("The entry's id in that register or publication.", "86735941")
    url: str | None = F(
        "Where the source is published (http(s)).",
        "https://algoritmes.overheid.nl/nl/algoritme/86735941",
    )
    standard: str | None = F(
        "The publication standard the source follows.", "Algoritmeregister publicatiestandaard"
    )
    standard_version: str | None = F('Version of that standard (quote it: "1.0").', "1.0")
    language: str | None = F("Language of the source (BCP 47 tag).", "nl")
    published: PartialDateField | None = F(
        "When the source was first published (YYYY-MM-DD, or YYYY-MM / YYYY).", "2024-03-12"
    )
    revised: PartialDateField | None = F(
        "When the source was last revised (YYYY-MM-DD, or YYYY-MM / YYYY).", "2025-01-20"
    )
    next_revision: PartialDateField | None = F(
        "When the source is due to be revised next (YYYY-MM-DD, or YYYY-MM / YYYY).", "2026-01"
    )
    competent_authority: str | None = F(
        "The authority responsible for the system, as the source names it.",
        "College van burgemeester en wethouders",
    )
    organisation: str | None = F(
        "The organisation that publishes the source.", "Gemeente Voorbeeldstad"
    )
    contact: str | None = F("Contact the source gives.", "algoritmes@voorbeeldstad.nl")
    excerpts: list[SourceExcerpt] = L(
        "Parts of the source no field of the record holds, kept verbatim; the cards show them "
        "under 'From the source'."
    )

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return None if v is None else check_link(v, allow_relative=False)
