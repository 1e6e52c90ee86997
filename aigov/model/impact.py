"""The impact assessment: stakeholders, harms, contestability, oversight, EU AI Act, risk tier."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from aigov.dates import PartialDateField
from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import check_link
from aigov.model.vocab import (
    AnnexIIIArea,
    Art25Situation,
    AssessmentKind,
    AssessmentStatus,
    DerogationReason,
    EURole,
    EUTier,
    HarmCategory,
    Likelihood,
    OversightMode,
    ProhibitedPractice,
    RiskTier,
    Severity,
    TransparencyObligation,
)


class Stakeholder(Base):
    name: str = Field(description="The group.", examples=["Policyholders filing a claim"])
    kind: Literal["direct", "indirect"] | None = F(
        "direct (uses or is decided about) or indirect.", "direct"
    )
    benefits: list[str] = L("How they benefit.", "Faster payout")
    concerns: list[str] = L("What could go wrong for them.", "Claim delayed by a wrong triage")


class Harm(Base):
    id: str = Field(
        description="Short slug, unique within the record.",
        examples=["wrong-refund-promise"],
        pattern=SLUG,
    )
    description: str = Field(
        description="What goes wrong, for whom.",
        examples=["Draft promises a refund the policy does not allow"],
    )
    affected_group: str | None = F("Who is harmed.", "Customers")
    category: HarmCategory | None = F("Kind of harm.", "financial")
    severity: Severity | None = F("How bad if it happens: low, medium, high, critical.", "high")
    likelihood: Likelihood | None = F(
        "How likely without extra controls: rare, unlikely, possible, likely, almost_certain.",
        "possible",
    )
    mitigations: list[str] = L(
        "Ids of the controls (in `controls`) that mitigate this harm.", "ctl-human-send"
    )
    residual_severity: Severity | None = F("Severity after the mitigations.", "low")
    residual_likelihood: Likelihood | None = F("Likelihood after the mitigations.", "unlikely")
    notes: str | None = F("Anything else a reviewer should know.")


class Contestability(Base):
    available: bool | None = F(
        "Can affected people contest the outcome or correct the output?", True
    )
    process: str | None = F(
        "How they do it, and who decides.",
        "Reply 'review' to reach a senior adjuster within 5 days",
    )
    response_time_days: int | None = F(
        "Committed response time in days.", 5, ge=0, title="Response time (days)"
    )


class HumanOversight(Base):
    mode: OversightMode | None = F(
        "human_in_the_loop (approves each output), human_on_the_loop (monitors, can intervene), human_in_command, none.",
        "human_in_the_loop",
    )
    description: str | None = F(
        "Who oversees what, and when.", "An adjuster reviews every claim flagged high-impact"
    )
    can_override: bool | None = F(
        "Can the overseer disregard, override or reverse an output?", True
    )
    can_stop: bool | None = F("Can the overseer stop the system in a safe state?", True)
    automation_bias_training: str | None = F(
        "How overseers are trained against automation bias.", "Quarterly calibration session"
    )


class Derogation(Base):
    applies: bool = Field(
        description="Does the Art. 6(3) derogation apply (Annex III use that is not high-risk)?"
    )
    reason: DerogationReason | None = F("Which Art. 6(3) condition it meets.", "preparatory_task")
    reasoning: str | None = F(
        "The documented assessment (Art. 6(4)); profiling of people can never be derogated.",
        "Scores only order the queue; every case is decided by a person",
    )


class EUAIAct(Base):
    prohibited_practices: list[ProhibitedPractice] = L(
        "Art. 5 prohibited practices that apply (should be empty)."
    )
    annex_iii_area: AnnexIIIArea | None = F(
        "The Annex III high-risk area the use falls under, or none.", "essential_services"
    )
    annex_i_product: bool | None = F(
        "Is it a safety component of, or itself, a product under Annex I harmonisation law?", False
    )
    profiling: bool | None = F(
        "Does it profile natural persons (Art. 6(3): profiling is always high-risk)?", False
    )
    derogation: Derogation | None = F("The Art. 6(3) derogation, with its reasoning, if claimed.")
    transparency_obligations: list[TransparencyObligation] = L(
        "Art. 50 transparency obligations that apply.", "interacts_with_people"
    )
    gpai: bool | None = F(
        "Is this a general-purpose AI model (Art. 53 track)?",
        False,
        title="General-purpose AI model",
    )
    role: EURole | None = F(
        "Your organisation's role under the Act for this system (Art. 3, Art. 25).",
        "deployer",
    )
    further_roles: list[EURole] = L(
        "Other roles your organisation also holds for this system (a provider that also "
        "deploys it, a GPAI model provider …).",
        "provider",
    )
    annex_iii_point: str | None = F(
        "The Annex III point within the area, e.g. 4(a) or 5(c) (decides Art. 27 for 5(b)/5(c)).",
        "5(c)",
        pattern=r"^[1-8](\([a-e]\))?$",
    )
    public_body: bool | None = F(
        "Is the deployer a public body, or a private entity providing public services "
        "(Art. 27, Art. 49(3))?",
        False,
        title="Public body or public-service deployer",
    )
    placed_on_market: dt.date | None = F(
        "When the system was (or will be) placed on the EU market or put into service "
        "(YYYY-MM-DD); decides the Art. 111 transitional periods.",
        "2026-03-01",
        title="Placed on the market / put into service",
    )
    substantial_modification: bool | None = F(
        "Has your organisation substantially modified a system another provider placed on the "
        "market (Art. 25(1)(b))?",
        False,
    )
    art_25: list[Art25Situation] = L(
        "Art. 25(1) situations that make your organisation the provider: "
        "own_name_or_trademark, substantial_modification, changed_intended_purpose.",
        title="Art. 25 situations",
    )
    registration: str | None = F(
        "EU database registration reference (Art. 49).", "EU-DB-2027-000123"
    )
    conformity_assessment: str | None = F(
        "Reference to the conformity assessment and EU declaration of conformity (Art. 43, Art. 47).",
        "DoC-claims-triage-2027-11",
    )
    logging: str | None = F(
        "How events are logged automatically and how long logs are kept (Art. 12, Art. 26(6)).",
        "Every triage decision logged with inputs and model version; kept 24 months",
    )
    marking: str | None = F(
        "How synthetic output is marked machine-readable and detectable (Art. 50(2)).",
        "C2PA manifest on every generated image",
    )
    gpai_documentation: str | None = F(
        "Reference to the model's technical documentation and downstream information "
        "(Art. 53(1)(a)-(b), Annex XI/XII).",
        "MDF-2026-01",
        title="GPAI model documentation",
    )
    copyright_policy: str | None = F(
        "Reference to the copyright policy (Art. 53(1)(c)).", "POL-COPYRIGHT-3"
    )
    training_content_summary: str | None = F(
        "Where the public summary of training content is published (Art. 53(1)(d)).",
        "https://example.com/model/training-summary",
    )


class RiskTierDecl(Base):
    internal: RiskTier | None = F(
        "Internal risk tier you declare: low, medium, high, critical.", "high"
    )
    eu_ai_act: EUTier | None = F(
        "EU AI Act tier you declare: prohibited, high, limited, minimal.",
        "high",
        title="EU AI Act",
    )
    rationale: str | None = F(
        "Why this tier.", "Influences insurance claim outcomes (Annex III 5(c))"
    )


class Assessment(Base):
    """One impact assessment the system had (or did not have): a DPIA, IAMA, FRIA, DEDA …"""

    kind: AssessmentKind = Field(description="dpia, iama, fria, deda or other.", examples=["dpia"])
    name: str | None = F(
        "What the assessment is called, where the kind does not say it.",
        "Algorithm impact assessment (municipal template)",
    )
    status: AssessmentStatus | None = F(
        "done, not_done, covered_by_another or unknown (`unknown` is read as the explicit "
        "answer, like everywhere in a record).",
        "done",
    )
    reference: str | None = F("The assessment's reference or document number.", "DPIA-2024-017")
    url: str | None = F("Where it is published (http(s)).")
    date: PartialDateField | None = F(
        "When it was done (YYYY-MM-DD, or YYYY-MM / YYYY).", "2024-05"
    )
    covered_by: str | None = F(
        "The assessment that covers this one, when the status is covered_by_another.",
        "DPIA of the municipal case-management system",
    )
    summary: str | None = F(
        "What it concluded, in a sentence or two.", "High residual risk accepted with controls"
    )

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return None if v is None else check_link(v, allow_relative=False)


class ImpactAssessment(Base):
    date: dt.date | None = F(
        "When the assessment was done or last updated (YYYY-MM-DD).", "2026-02-10"
    )
    assessor: str | None = F("Who did it.", "Priya Raman with Legal")
    stakeholders: list[Stakeholder] = L("Who is affected, directly or indirectly.")
    harms: list[Harm] = L(
        "The harms register: who could be harmed if the system is wrong, and how."
    )
    contestability: Contestability | None = F("Can people contest decisions or correct outputs?")
    disclosures: list[str] = L(
        "What is disclosed to users and affected people (AI use, limitations).",
        "Replies drafted with AI assistance are labelled for agents",
    )
    human_oversight: HumanOversight | None = F("Human oversight of the system.")
    eu_ai_act: EUAIAct | None = F("EU AI Act classification inputs.", title="EU AI Act")
    fundamental_rights_assessment: str | None = F(
        "FRIA reference (Art. 27), where required.", "FRIA-2026-003"
    )
    risk_tier: RiskTierDecl | None = F("The tier you declare; aigov derives its own and compares.")
    assessments: list[Assessment] = L(
        "The impact assessments done (or not done): DPIA, IAMA, FRIA, DEDA, other, each with "
        "its status, reference and date."
    )
    proportionality: str | None = F(
        "Why the use is necessary and proportionate to its aim (subsidiarity, less intrusive "
        "alternatives).",
        "Manual triage of 40,000 requests a year is not feasible; no less intrusive means found",
    )
