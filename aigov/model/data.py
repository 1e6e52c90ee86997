"""The data: sources, legal basis, sensitive data and retention."""

from __future__ import annotations

from pydantic import Field, field_validator

from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import Link, check_link
from aigov.model.vocab import DataRole, LegalBasis, SensitiveCategory


class DataSource(Base):
    id: str = Field(
        description="Short slug, unique within the record.", examples=["help-centre"], pattern=SLUG
    )
    name: str = Field(description="Human name.", examples=["Help-centre articles"])
    description: str | None = F(
        "What the data is.", "1,840 published help-centre articles, English"
    )
    roles: list[DataRole] = L(
        "How the system uses it: training, validation, evaluation, retrieval, runtime_input, feedback.",
        "retrieval",
    )
    owner: str | None = F("Who owns the data.", "Support Content team")
    personal_data: bool | None = F("Does it contain personal data?", False)
    sensitive_categories: list[SensitiveCategory] = L("Sensitive categories it contains.", "health")
    legal_basis: LegalBasis | None = F(
        "Legal basis for using it (GDPR Art. 6).", "legitimate_interests"
    )
    representativeness: str | None = F(
        "How well it represents the people and cases the system will see.",
        "Covers all products; under-represents Polish-language tickets",
    )
    retention: str | None = F("How long it is kept.", "24 months")
    size: str | None = F("Volume.", "310,000 tickets")
    license: str | None = F("Licence or terms of use.", "internal")
    link: str | None = F(
        "Where to find it (http(s) or relative path).",
        "https://data.example.com/catalog/help-centre",
    )

    @field_validator("link")
    @classmethod
    def _link(cls, v: str | None) -> str | None:
        return None if v is None else check_link(v, allow_relative=True)


class Data(Base):
    sources: list[DataSource] = L(
        "Every data source: training, evaluation, retrieval, runtime inputs, feedback."
    )
    personal_data: bool | None = F("Does the system process personal data at all?", True)
    sensitive_categories: list[SensitiveCategory] = L(
        "Sensitive categories processed anywhere in the system.", "finance"
    )
    legal_basis: str | None = F(
        "Legal basis for the processing, in words a lawyer can check.",
        "Contract (GDPR Art. 6(1)(b)) for claims handling",
    )
    legal_basis_links: list[Link] = L(
        "Links to the legal provisions the processing rests on (statute, article).",
        title="Legal-basis links",
    )
    data_protection_note: str | None = F(
        "Data-protection assessment: DPIA reference, safeguards, minimisation.",
        "DPIA-2026-014 approved; no free text leaves the EU",
    )
    retention: str | None = F(
        "Retention of inputs, outputs and logs.", "Prompts and drafts kept 30 days"
    )
    representativeness: str | None = F(
        "Overall representativeness and known data gaps.", "Claims from 2019-2025, all regions"
    )
