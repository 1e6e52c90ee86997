"""The record model: one YAML record per AI system. The single source of truth for the schema.

Drafts are normal, so almost every field is optional here; what a lifecycle stage or risk tier
*requires* is decided by the checks. Any optional field may also be written as `unknown` or as
`{not_applicable: "why"}`; those answers are lifted out before validation (see `answers.py`).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from aigov import SCHEMA_VERSION

SLUG = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
_SLUG_RE = re.compile(SLUG)


def F(description: str, example: Any = None, **kw: Any) -> Any:
    """An optional field with the description and example a product manager sees in the editor."""
    examples = [example] if example is not None else None
    return Field(default=kw.pop("default", None), description=description, examples=examples, **kw)


def L(description: str, example: Any = None) -> Any:
    """An optional list field (defaults to empty)."""
    examples = [[example]] if example is not None else None
    field: Any = Field(default_factory=list, description=description, examples=examples)
    return field


class Base(BaseModel):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=False, validate_default=False, allow_inf_nan=False
    )


# --- closed vocabularies ------------------------------------------------------------------


class Stage(StrEnum):
    IDEA = "idea"
    FEASIBILITY = "feasibility"
    MVP = "mvp"
    PILOT = "pilot"
    PRODUCTION = "production"
    RETIRED = "retired"

    @property
    def order(self) -> int:
        return list(Stage).index(self)


class AIHelp(StrEnum):
    AUTOMATE = "automate"
    AUGMENT = "augment"
    PERSONALIZE = "personalize"
    PREDICT = "predict"
    GENERATE = "generate"


class Autonomy(StrEnum):
    COPILOT = "copilot"
    AUTOPILOT = "autopilot"


class Strategy(StrEnum):
    BUY = "buy"
    BUILD = "build"
    BLEND = "blend"


class Pattern(StrEnum):
    API_MODEL = "api_model"
    FINE_TUNED = "fine_tuned"
    OPEN_MODEL = "open_model"
    CUSTOM_TRAINED = "custom_trained"
    RETRIEVAL_AUGMENTED = "retrieval_augmented"
    RULES_PLUS_MODEL = "rules_plus_model"
    MODEL_PLUS_HUMAN_REVIEW = "model_plus_human_review"


class ComponentSource(StrEnum):
    API = "api"
    OPEN_WEIGHTS = "open_weights"
    FINE_TUNED = "fine_tuned"
    IN_HOUSE = "in_house"
    VENDOR_PRODUCT = "vendor_product"


class ModelKind(StrEnum):
    LLM = "llm"
    CLASSIFIER = "classifier"
    REGRESSOR = "regressor"
    RANKER = "ranker"
    RECOMMENDER = "recommender"
    EMBEDDING = "embedding"
    FORECASTER = "forecaster"
    ANOMALY_DETECTOR = "anomaly_detector"
    VISION = "vision"
    SPEECH = "speech"
    RULES = "rules"
    OTHER = "other"


class DataRole(StrEnum):
    TRAINING = "training"
    VALIDATION = "validation"
    EVALUATION = "evaluation"
    RETRIEVAL = "retrieval"
    RUNTIME_INPUT = "runtime_input"
    FEEDBACK = "feedback"


class SensitiveCategory(StrEnum):
    HEALTH = "health"
    FINANCE = "finance"
    CHILDREN = "children"
    BIOMETRICS = "biometrics"
    GENETIC = "genetic"
    RACIAL_OR_ETHNIC_ORIGIN = "racial_or_ethnic_origin"
    POLITICAL_OPINIONS = "political_opinions"
    RELIGION = "religion"
    SEXUAL_ORIENTATION = "sexual_orientation"
    CRIMINAL_RECORDS = "criminal_records"
    PRECISE_LOCATION = "precise_location"
    EMPLOYMENT = "employment"


class LegalBasis(StrEnum):
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"
    NOT_PERSONAL_DATA = "not_personal_data"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def score(self) -> int:
        return list(Severity).index(self) + 1


class Likelihood(StrEnum):
    RARE = "rare"
    UNLIKELY = "unlikely"
    POSSIBLE = "possible"
    LIKELY = "likely"
    ALMOST_CERTAIN = "almost_certain"

    @property
    def score(self) -> int:
        return list(Likelihood).index(self) + 1


class HarmCategory(StrEnum):
    FINANCIAL = "financial"
    PHYSICAL_SAFETY = "physical_safety"
    PSYCHOLOGICAL = "psychological"
    FAIRNESS = "fairness"
    PRIVACY = "privacy"
    SECURITY = "security"
    TRUST = "trust"
    COMPLIANCE = "compliance"
    REPUTATION = "reputation"
    ENVIRONMENTAL = "environmental"
    OTHER = "other"


class OversightMode(StrEnum):
    HUMAN_IN_THE_LOOP = "human_in_the_loop"
    HUMAN_ON_THE_LOOP = "human_on_the_loop"
    HUMAN_IN_COMMAND = "human_in_command"
    NONE = "none"


class EUTier(StrEnum):
    PROHIBITED = "prohibited"
    HIGH = "high"
    LIMITED = "limited"
    MINIMAL = "minimal"


class AnnexIIIArea(StrEnum):
    BIOMETRICS = "biometrics"
    CRITICAL_INFRASTRUCTURE = "critical_infrastructure"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    ESSENTIAL_SERVICES = "essential_services"
    LAW_ENFORCEMENT = "law_enforcement"
    MIGRATION = "migration"
    JUSTICE_DEMOCRACY = "justice_democracy"
    NONE = "none"


class ProhibitedPractice(StrEnum):
    MANIPULATION = "manipulation"
    EXPLOITING_VULNERABILITIES = "exploiting_vulnerabilities"
    SOCIAL_SCORING = "social_scoring"
    CRIME_PREDICTION_BY_PROFILING = "crime_prediction_by_profiling"
    UNTARGETED_FACIAL_SCRAPING = "untargeted_facial_scraping"
    EMOTION_RECOGNITION_WORK_EDUCATION = "emotion_recognition_work_education"
    BIOMETRIC_CATEGORISATION_SENSITIVE = "biometric_categorisation_sensitive"
    REALTIME_REMOTE_BIOMETRIC_ID = "realtime_remote_biometric_id"


class TransparencyObligation(StrEnum):
    INTERACTS_WITH_PEOPLE = "interacts_with_people"
    SYNTHETIC_CONTENT = "synthetic_content"
    EMOTION_OR_BIOMETRIC_CATEGORISATION = "emotion_or_biometric_categorisation"
    DEEP_FAKE = "deep_fake"


class DerogationReason(StrEnum):
    NARROW_PROCEDURAL_TASK = "narrow_procedural_task"
    IMPROVES_COMPLETED_HUMAN_ACTIVITY = "improves_completed_human_activity"
    DETECTS_PATTERNS_WITHOUT_REPLACING = "detects_patterns_without_replacing"
    PREPARATORY_TASK = "preparatory_task"


class RiskTier(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def order(self) -> int:
        return list(RiskTier).index(self)


class ControlStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    VERIFIED = "verified"


class MetricLayer(StrEnum):
    BUSINESS = "business"
    USER_EXPERIENCE = "user_experience"
    MODEL_QUALITY = "model_quality"
    GUARDRAIL = "guardrail"
    OPERATIONAL = "operational"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class MonitorKind(StrEnum):
    DATA = "data"
    QUALITY = "quality"
    SAFETY = "safety"
    COST = "cost"


class RetrainTrigger(StrEnum):
    SCHEDULED = "scheduled"
    DRIFT_THRESHOLD = "drift_threshold"
    SCHEDULED_AND_DRIFT = "scheduled_and_drift"
    MANUAL = "manual"


class ValidationRoute(StrEnum):
    OFFLINE_EVAL = "offline_eval"
    SHADOW = "shadow"
    AB_TEST = "ab_test"
    CANARY = "canary"
    STAGED_ROLLOUT = "staged_rollout"
    HUMAN_REVIEW = "human_review"


class RollbackMechanism(StrEnum):
    MODEL_VERSIONING = "model_versioning"
    FEATURE_FLAG = "feature_flag"
    TRAFFIC_SWITCH = "traffic_switch"
    CONFIG_REVERT = "config_revert"
    MANUAL_FALLBACK = "manual_fallback"


class GateDecision(StrEnum):
    GO = "go"
    GO_WITH_CONDITIONS = "go_with_conditions"
    NO_GO = "no_go"
    PENDING = "pending"


class FeasibilityDecision(StrEnum):
    GO = "go"
    NO_GO = "no_go"
    PIVOT = "pivot"
    PENDING = "pending"


class ReviewRole(StrEnum):
    LEGAL = "legal"
    PRIVACY = "privacy"
    SECURITY = "security"
    RISK = "risk"
    PRODUCT = "product"
    COMPLIANCE = "compliance"
    ETHICS = "ethics"


class ReviewDecision(StrEnum):
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    REJECTED = "rejected"


class FindingStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    ACCEPTED = "accepted"
    CLOSED = "closed"


class Visibility(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


# --- small shared parts -----------------------------------------------------------------


def _check_link(value: str, *, allow_relative: bool) -> str:
    lowered = value.strip().lower()
    if lowered.startswith(("http://", "https://")):
        if " " in value.strip():
            raise ValueError("a URL cannot contain spaces")
        return value
    if lowered.startswith("mailto:"):
        return value
    if re.match(r"^[a-z][a-z0-9+.-]*:", lowered):
        raise ValueError("only http(s) and mailto links are allowed")
    if not allow_relative:
        raise ValueError("must be an http(s) URL")
    return value


class Evidence(Base):
    """A document that backs a claim: a file in the governance repo, or a URL."""

    title: str = Field(
        description="What the evidence is.", examples=["Red-team report, March 2026"]
    )
    path: str | None = F(
        "A path relative to the governance repository root, for files kept next to the records.",
        "evidence/support-copilot/redteam-2026-03.pdf",
    )
    url: str | None = F(
        "An http(s) link to the evidence (never fetched by aigov).",
        "https://wiki.example.com/ai/redteam-42",
    )
    date: dt.date | None = F("When the evidence was produced (YYYY-MM-DD).", "2026-03-14")

    @field_validator("url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        return None if v is None else _check_link(v, allow_relative=False)

    @field_validator("path")
    @classmethod
    def _path(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if v.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", v):
            raise ValueError("must be relative to the governance repository, not an absolute path")
        if ".." in re.split(r"[\\/]", v):
            raise ValueError("must stay inside the governance repository ('..' is not allowed)")
        return v


class Link(Base):
    title: str = Field(description="Link text.", examples=["Design doc"])
    url: str = Field(
        description="http(s) or mailto link, or a relative path.",
        examples=["https://wiki.example.com/ai/support-copilot"],
    )

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return _check_link(v, allow_relative=True)


class Person(Base):
    name: str = Field(description="Full name.", examples=["Priya Raman"])
    contact: str | None = F("Email or team channel.", "priya.raman@example.com")
    role: str | None = F("Role in relation to the system.", "Product manager")


# --- identity and ownership -------------------------------------------------------------


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
        "When the system entered its current stage (YYYY-MM-DD).", "2026-05-02"
    )
    review_cadence_days: int | None = F(
        "How often the record must be reviewed, in days (90 = quarterly).", 90, ge=1, le=1096
    )
    last_review: dt.date | None = F(
        "Date of the last governance review (YYYY-MM-DD).", "2026-09-30"
    )
    history: list[StageChange] = L("Earlier stage changes, oldest first.")


# --- use case ---------------------------------------------------------------------------


class UseCase(Base):
    problem: str | None = F(
        "The user problem or decision being improved, in one or two sentences. Not 'we need an AI feature'.",
        "Agents spend 9 minutes per ticket finding the right policy and writing a reply.",
    )
    before: str | None = F(
        "How the decision or workflow works today, without this system.",
        "Agents read the thread, search the help centre and write the reply by hand.",
    )
    after: str | None = F(
        "How it works with the system in place.",
        "A copilot drafts a reply with citations; the agent edits and sends it in about 20 seconds.",
    )
    beneficiaries: list[str] = L("Who benefits, and how.", "Support agents: less searching")
    users: list[str] = L("Who operates or sees the system's output.", "Tier-1 support agents")
    affected_people: list[str] = L(
        "People affected by the outputs who do not operate the system.", "Customers writing in"
    )
    ai_help: list[AIHelp] = L(
        "Kind of help the AI gives: automate, augment, personalize, predict, generate.", "augment"
    )
    autonomy: Autonomy | None = F(
        "copilot: a human stays in charge of each output; autopilot: the system acts on its own.",
        "copilot",
    )
    decisions_about_people: bool | None = F(
        "Does the output decide or materially influence something about a person (money, access, eligibility, treatment)?",
        False,
    )
    knowledge_task: bool | None = F(
        "Does the system answer questions from a body of knowledge (so users should see its sources)?",
        True,
    )
    intended_uses: list[str] = L(
        "What the system is for, each a concrete use.", "Drafting replies to billing questions"
    )
    out_of_scope_uses: list[str] = L(
        "Uses the system must not be put to.", "Legal advice to customers"
    )
    foreseeable_misuse: list[str] = L(
        "Reasonably foreseeable misuse you plan against.", "Sending drafts unread"
    )
    geographies: list[str] = L("Where the system is used (countries or regions).", "EU")
    languages: list[str] = L("Languages the system handles.", "en")


# --- approach and components ------------------------------------------------------------


class EnvironmentalImpact(Base):
    hardware: str | None = F("Hardware used for training.", "8x A100 80GB")
    hours: float | None = F("Training hours.", 120)
    cloud_provider: str | None = F("Cloud provider.", "AWS")
    region: str | None = F("Compute region.", "eu-west-1")
    co2_eq_kg: float | None = F("Estimated emissions, kg CO2-equivalent.", 410.5)


class Citation(Base):
    style: str | None = F("Citation style.", "bibtex")
    text: str = Field(description="The citation.", examples=["@article{mitchell2019, ...}"])


class EthicalConsideration(Base):
    risk: str = Field(
        description="The ethical risk.",
        examples=["Drafts may mirror the tone of abusive customers"],
    )
    mitigation: str | None = F("How it is mitigated.", "Tone filter before drafts are shown")


class ModelComponent(Base):
    """One model in the system; each gets its own model card (Mitchell et al. 2019 sections)."""

    id: str = Field(
        description="Short slug, unique within the record.",
        examples=["reply-drafter"],
        pattern=SLUG,
    )
    name: str = Field(description="Human name of the model.", examples=["Reply drafting LLM"])
    kind: ModelKind | None = F("What kind of model it is.", "llm")
    role: str | None = F(
        "What this model does within the system.", "Drafts the reply from retrieved passages"
    )
    source: ComponentSource | None = F(
        "Where it comes from: api, open_weights, fine_tuned, in_house, vendor_product.", "api"
    )
    provider: str | None = F("Vendor or team that provides the model.", "Anthropic")
    version: str | None = F(
        'Model version or snapshot; quote it ("1.10") so YAML keeps it as text.',
        "claude-sonnet-4-5",
    )
    version_date: dt.date | None = F("Release date of this version.", "2026-02-01")
    version_notes: str | None = F("What changed in this version.", "Retrained on Q1 2026 claims")
    base_model: str | None = F(
        "The model this one was fine-tuned or adapted from.", "meta-llama/Llama-3.1-8B"
    )
    license: str | None = F(
        "License identifier (SPDX or Hugging Face licence id) or 'proprietary'.", "apache-2.0"
    )
    architecture: str | None = F(
        "Architecture and objective.", "Gradient-boosted trees, binary log-loss"
    )
    library: str | None = F("Library or framework.", "xgboost")
    pipeline_tag: str | None = F("Hugging Face task tag.", "text-classification")
    input_format: str | None = F("What goes in.", "Claim form fields and adjuster notes")
    output_format: str | None = F("What comes out.", "Triage class and a 0-1 score")
    training_data: list[str] = L(
        "Training datasets: ids of data sources in this record, or dataset names.",
        "claims-2019-2025",
    )
    evaluation_data: list[str] = L(
        "Evaluation datasets: ids of test sets or data sources.", "holdout-2025q4"
    )
    datasets: list[str] = L("Hugging Face dataset ids, when published there.", "imdb")
    training_procedure: str | None = F(
        "Preprocessing, hyperparameters, training regime.", "5-fold CV, early stopping"
    )
    intended_use: str | None = F(
        "The primary intended use of this model.", "Rank claims for adjuster review"
    )
    out_of_scope_uses: list[str] = L("Uses this model is not fit for.", "Automatic claim denial")
    factors: list[str] = L(
        "Groups, instruments and conditions that affect performance (Model Cards 'factors').",
        "claim type",
    )
    limitations: list[str] = L(
        "Known limitations.", "Underperforms on claims with handwritten attachments"
    )
    ethical_considerations: list[EthicalConsideration] = L("Ethical risks and their mitigations.")
    caveats: list[str] = L(
        "Caveats and recommendations for users of the model.",
        "Re-validate after a policy wording change",
    )
    owners: list[Person] = L("People responsible for this model.")
    references: list[Link] = L("Papers, repositories, documentation.")
    citations: list[Citation] = L("How to cite the model.")
    languages: list[str] = L("Languages the model handles.", "en")
    tags: list[str] = L("Free tags.", "tabular")
    environmental_impact: EnvironmentalImpact | None = F(
        "Training footprint (Hugging Face card fields)."
    )
    metadata: dict[str, Any] = Field(
        default_factory=dict,
        description="Other metadata carried over from an imported card (kept verbatim so nothing is lost).",
    )


class Approach(Base):
    strategy: Strategy | None = F(
        "buy (vendor or API model), build (train your own), or blend (combine).", "blend"
    )
    patterns: list[Pattern] = L(
        "Patterns used: api_model, fine_tuned, open_model, retrieval_augmented, rules_plus_model, model_plus_human_review …",
        "retrieval_augmented",
    )
    rationale: str | None = F(
        "Why this approach, in terms of time-to-value, risk, cost and control.",
        "API model for time-to-value; retrieval keeps answers grounded in approved content.",
    )
    alternatives_considered: list[str] = L(
        "Options weighed and why they lost.", "Fine-tuning: no labelled replies yet"
    )
    components: list[ModelComponent] = L("The models in the system; each gets a model card.")


# --- data -------------------------------------------------------------------------------


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
        return None if v is None else _check_link(v, allow_relative=True)


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


# --- feasibility ------------------------------------------------------------------------


class Baseline(Base):
    description: str = Field(
        description="What happens today (human-only or rules).", examples=["Agents answer by hand"]
    )
    metric: str | None = F("The measure of today's performance.", "Average handle time")
    value: str | None = F("Today's value, with unit.", "9.2 minutes")


class Feasibility(Base):
    completed: dt.date | None = F("When the feasibility sprint ended (YYYY-MM-DD).", "2025-11-20")
    data_readiness: str | None = F(
        "Do we have the right inputs? Accessible, legal to use, representative?",
        "Two years of labelled tickets; legal use confirmed",
    )
    baseline: Baseline | None = F("Today's baseline.")
    good_enough: str | None = F(
        "What 'good enough' means, as a measurable bar.", "80% of drafts accepted with light edits"
    )
    offline_evaluation: str | None = F(
        "What will be measured offline before users see it.",
        "Groundedness and policy accuracy on 400 curated tickets",
    )
    risk_summary: str | None = F(
        "What happens if it is wrong: money, safety, trust, compliance, reputation.",
        "Wrong refund promises cost money and trust",
    )
    decision: FeasibilityDecision | None = F("Outcome of the sprint.", "go")


# --- impact assessment ------------------------------------------------------------------


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
    response_time_days: int | None = F("Committed response time in days.", 5, ge=0)


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
    gpai: bool | None = F("Is this a general-purpose AI model (Art. 53 track)?", False)
    role: Literal["provider", "deployer", "importer", "distributor"] | None = F(
        "Your role under the Act for this system.", "deployer"
    )


class RiskTierDecl(Base):
    internal: RiskTier | None = F(
        "Internal risk tier you declare: low, medium, high, critical.", "high"
    )
    eu_ai_act: EUTier | None = F(
        "EU AI Act tier you declare: prohibited, high, limited, minimal.", "high"
    )
    rationale: str | None = F(
        "Why this tier.", "Influences insurance claim outcomes (Annex III 5(c))"
    )


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
    eu_ai_act: EUAIAct | None = F("EU AI Act classification inputs.")
    fundamental_rights_assessment: str | None = F(
        "FRIA reference (Art. 27), where required.", "FRIA-2026-003"
    )
    risk_tier: RiskTierDecl | None = F("The tier you declare; aigov derives its own and compares.")


# --- controls ---------------------------------------------------------------------------


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
        "NIST AI RMF 1.0 subcategories it serves, e.g. 'MEASURE 2.11'.", "MANAGE 2.4"
    )
    owner: str | None = F("Who runs it.", "Support Ops")
    status: ControlStatus | None = F("planned, in_progress, implemented, verified.", "implemented")
    evidence: list[Evidence] = L("Evidence that it is in place.")
    due: dt.date | None = F("When a planned control is due (YYYY-MM-DD).", "2026-12-31")

    @field_validator("nist")
    @classmethod
    def _nist_form(cls, v: list[str]) -> list[str]:
        return [" ".join(s.split()).upper() for s in v]


class Controls(Base):
    govern: list[Control] = L("GOVERN: ownership, policies, review processes, stop-ship criteria.")
    map: list[Control] = L("MAP: context, users, constraints and failure modes documented.")
    measure: list[Control] = L(
        "MEASURE: quality, bias, robustness and safety evaluated and monitored."
    )
    manage: list[Control] = L("MANAGE: mitigations, guardrails, human review, rollback.")

    def all(self) -> list[tuple[str, Control]]:
        return [(fn, c) for fn in ("govern", "map", "measure", "manage") for c in getattr(self, fn)]


# --- experience -------------------------------------------------------------------------


class Experience(Base):
    confidence_cues: str | None = F(
        "How uncertainty is shown to users.", "Low-confidence drafts are marked and collapsed"
    )
    editable_outputs: str | None = F(
        "How users edit or correct outputs.", "Draft opens in the editor; nothing is sent unedited"
    )
    source_grounding: str | None = F(
        "How sources are shown (or why not).",
        "Each paragraph links the help-centre article it came from",
    )
    fallbacks: str | None = F(
        "What happens when the system is unsure.",
        "No draft; suggests the top three articles instead",
    )
    expectation_setting: str | None = F(
        "How users learn what it can and cannot do.",
        "Onboarding card and a 'what this can't do' link",
    )
    ai_disclosure: str | None = F(
        "How people are told they are dealing with AI.", "Agents see an 'AI draft' label"
    )


# --- metrics ----------------------------------------------------------------------------


class Metric(Base):
    id: str = Field(
        description="Short slug, unique within the record.",
        examples=["draft-acceptance"],
        pattern=SLUG,
    )
    name: str = Field(description="Human name.", examples=["Draft acceptance rate"])
    description: str | None = F("What exactly is measured.")
    target: str | None = F(
        "The target, in words with the number.", "≥ 70% of drafts sent with light edits"
    )
    threshold: float | None = F("The numeric pass/fail threshold, when there is one.", 0.7)
    direction: Direction | None = F("higher_is_better or lower_is_better.", "higher_is_better")
    unit: str | None = F("Unit.", "%")
    baseline: float | None = F("Value before the system (the feasibility baseline).", 0.0)
    current: float | None = F("Latest observed value.", 0.74)
    owner: str | None = F("Who watches it.", "Support Ops")


class MetricsStack(Base):
    business: list[Metric] = L(
        "Business outcomes: conversion, retention, resolution time, cost-to-serve, revenue."
    )
    user_experience: list[Metric] = L("User experience: task time, satisfaction, trust, adoption.")
    model_quality: list[Metric] = L(
        "Model quality: precision/recall, error rate, groundedness, rubric score."
    )
    guardrail: list[Metric] = L(
        "Guardrails: unsafe content, policy violations, hallucination, complaint rate."
    )
    operational: list[Metric] = L(
        "Operations: latency, uptime, cost per request, throughput, incidents."
    )

    def all(self) -> list[tuple[str, Metric]]:
        return [(layer.value, m) for layer in MetricLayer for m in getattr(self, layer.value)]


# --- evaluations ------------------------------------------------------------------------


class TestSet(Base):
    __test__ = False  # not a pytest class
    id: str = Field(description="Short slug.", examples=["policy-400"], pattern=SLUG)
    name: str = Field(description="Human name.", examples=["400 curated policy tickets"])
    description: str | None = F("How it was built and what it covers.")
    size: int | None = F("Number of examples.", 400, ge=0)
    slices: list[str] = L("Slices reported separately.", "language")
    link: str | None = F("Where it lives.")


class EvaluationPlan(Base):
    method: str | None = F(
        "How the system is evaluated offline before users see it.",
        "Two reviewers grade each draft against the rubric",
    )
    rubric: str | None = F(
        "The grading rubric, or a link to it.",
        "Correct policy, grounded, polite, actionable: 0-2 each",
    )
    test_sets: list[TestSet] = L("The test sets.")


class ConfidenceInterval(Base):
    lower: float = Field(description="Lower bound.")
    upper: float = Field(description="Upper bound.")
    level: float | None = F("Confidence level.", 0.95)


class EvalResult(Base):
    metric: str = Field(
        description="The metric: an id from `metrics`, or a name.", examples=["groundedness"]
    )
    value: float = Field(description="The measured value.", examples=[0.88])
    date: dt.date = Field(description="When it was measured (YYYY-MM-DD).", examples=["2026-09-01"])
    dataset: str | None = F("Test set or dataset id.", "policy-400")
    split: str | None = F("Dataset split.", "test")
    slice: str | None = F("Slice the value is for; omit for overall.", "language=pl")
    threshold: float | None = F("The pass/fail threshold.", 0.85)
    direction: Direction | None = F(
        "higher_is_better (default) or lower_is_better.", "higher_is_better"
    )
    confidence_interval: ConfidenceInterval | None = F("Confidence interval, where known.")
    component: str | None = F("Id of the model component evaluated, if one.", "reply-drafter")
    task: str | None = F("Task type (Hugging Face model-index).", "text-generation")
    verified: bool | None = F("Independently verified rather than self-reported.", False)
    evidence: list[Evidence] = L("Evaluation report.")
    notes: str | None = F("Notes.")

    def passes(self) -> bool | None:
        if self.threshold is None:
            return None
        if self.direction == Direction.LOWER_IS_BETTER:
            return self.value <= self.threshold
        return self.value >= self.threshold


class Evaluations(Base):
    plan: EvaluationPlan | None = F("The offline evaluation plan: test sets and rubric.")
    results: list[EvalResult] = L("Results over time; append new ones, never overwrite.")


# --- launch and operations --------------------------------------------------------------


class Gate(Base):
    id: str = Field(description="Short slug.", examples=["pilot-go"], pattern=SLUG)
    name: str = Field(description="The gate.", examples=["Go/no-go for pilot"])
    stage: Stage | None = F("The stage this gate opens.", "pilot")
    criteria: list[str] = L("What must be true to pass.", "Groundedness ≥ 85% on policy-400")
    decision: GateDecision | None = F("go, go_with_conditions, no_go, pending.", "go")
    date: dt.date | None = F("Decision date.", "2026-04-28")
    decided_by: str | None = F("Who decided.", "AI review board")


class RedTeamFinding(Base):
    id: str = Field(description="Short slug.", examples=["rt-prompt-injection"], pattern=SLUG)
    description: str = Field(description="What was found.")
    severity: Severity | None = F("Severity.", "high")
    status: FindingStatus | None = F("open, mitigated, accepted, closed.", "mitigated")
    control: str | None = F("Id of the control that addresses it.", "ctl-injection-filter")


class RedTeam(Base):
    date: dt.date | None = F("When the exercise ran.", "2026-03-10")
    scope: str | None = F(
        "What was attacked and how.", "Prompt injection via ticket text; jailbreaks; PII extraction"
    )
    team: str | None = F("Who did it.", "Security red team")
    findings: list[RedTeamFinding] = L("Findings.")


class HumanReview(Base):
    description: str | None = F(
        "Where people approve or review outputs.", "Claims scored above 0.8 go to a senior adjuster"
    )
    cases: str | None = F(
        "Which cases are reviewed.", "All high-impact claims and a 5% random sample"
    )
    sla: str | None = F("How fast.", "Within 1 business day")


class FeedbackLogging(Base):
    mechanism: str | None = F(
        "How corrections and feedback are captured.",
        "Edit distance between draft and sent reply, thumbs up/down",
    )
    used_for: str | None = F(
        "What the feedback feeds (labels, evals, retraining).", "Monthly eval refresh"
    )
    retention: str | None = F("How long it is kept.", "12 months")


class MVP(Base):
    scope: str | None = F(
        "The thin slice that proves value.", "Refund-policy questions only, English, 20 agents"
    )
    exit_criteria: list[str] = L(
        "What the MVP must show.", "Handle time -25% with no rise in reopen rate"
    )


class Launch(Base):
    mvp: MVP | None = F("The MVP: minimum viable proof.")
    stop_ship_criteria: list[str] = L(
        "Conditions that stop a launch or pull the system.",
        "Groundedness below 80% on the weekly sample",
    )
    gates: list[Gate] = L("Go/no-go gates between stages.")
    human_review: HumanReview | None = F("Human-in-the-loop review.")
    red_team: RedTeam | None = F("Red-team exercise and findings.")
    feedback_logging: FeedbackLogging | None = F("Logging of feedback and corrections.")


class Monitor(Base):
    id: str = Field(description="Short slug.", examples=["mon-groundedness"], pattern=SLUG)
    kind: MonitorKind = Field(description="data, quality, safety or cost drift.")
    signal: str = Field(
        description="What is measured.", examples=["Share of drafts with a citation"]
    )
    threshold: str | None = F("When it alerts.", "< 85% over 7 days")
    owner: str | None = F("Who responds.", "Support ML on-call")
    cadence: str | None = F("How often it is computed.", "daily")
    alert: str | None = F("Where alerts go.", "#support-ai-alerts")


class Retraining(Base):
    data_collection: str | None = F(
        "How new training data is collected (feedback, labels, reviews).",
        "Adjuster overrides become labels",
    )
    trigger: RetrainTrigger | None = F(
        "scheduled, drift_threshold, scheduled_and_drift, manual.", "scheduled_and_drift"
    )
    schedule: str | None = F("The schedule, if scheduled.", "quarterly")
    validation: list[ValidationRoute] = L(
        "How updates are validated before full release: shadow, ab_test, canary …", "shadow"
    )
    owner: str | None = F("Who owns retraining.", "Claims ML team")


class Rollback(Base):
    mechanisms: list[RollbackMechanism] = L(
        "How to roll back: model_versioning, feature_flag, traffic_switch …", "feature_flag"
    )
    description: str | None = F(
        "The procedure and who can trigger it.",
        "Flag `claims_triage_v3` off reverts to v2 within a minute",
    )
    last_tested: dt.date | None = F("When the rollback was last rehearsed.", "2026-08-12")
    owner: str | None = F("Who can trigger it.", "Claims ML on-call")


class Incident(Base):
    id: str = Field(description="Short slug.", examples=["inc-2026-07-02"], pattern=SLUG)
    date: dt.date = Field(description="When it happened.")
    severity: Severity | None = F("Severity.", "medium")
    summary: str = Field(description="What happened.")
    status: FindingStatus | None = F("open, mitigated, accepted, closed.", "closed")
    actions: list[str] = L("What was changed as a result.")
    evidence: list[Evidence] = L("Post-mortem.")


class Deployment(Base):
    environment: str | None = F("Where it runs.", "AWS eu-central-1, Kubernetes")
    date: dt.date | None = F("First production deployment.", "2026-06-01")
    regions: list[str] = L("Markets where it is live.", "DE")


class Operations(Base):
    deployment: Deployment | None = F("Where and since when it runs.")
    monitoring: list[Monitor] = L("Drift monitors: data, quality, safety, cost.")
    retraining: Retraining | None = F("The retraining plan.")
    rollback: Rollback | None = F("The rollback plan.")
    incidents: list[Incident] = L("Incidents, newest last.")


# --- documentation and sign-offs --------------------------------------------------------


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
        "Content hash of the record that was approved (written by `aigov approve`).", "sha256:3f1a…"
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


# --- the record -------------------------------------------------------------------------


class Record(Base):
    """One AI system."""

    schema_version: Literal[1] = Field(
        description="Version of the aigov record format. Write 1.", examples=[SCHEMA_VERSION]
    )
    id: str = Field(
        description="Short lowercase slug naming the system; must match the file name (systems/<id>.yaml).",
        examples=["support-copilot"],
        pattern=SLUG,
    )
    name: str = Field(
        description="The system's human name.", examples=["Support reply copilot"], min_length=1
    )
    summary: str | None = F(
        "One sentence: what it does, for whom.",
        "Drafts grounded replies to support tickets for agents to edit.",
    )
    version: str | None = F('Version of the system (quote it: "1.10").', "2.3")
    tags: list[str] = L("Free tags for the site's filters.", "customer-support")
    owner: Owner | None = F("Who owns the system.")
    lifecycle: Lifecycle | None = F("Lifecycle stage and review cadence.")
    use_case: UseCase | None = F("The decision or workflow improved, before and after.")
    approach: Approach | None = F("Buy, build or blend, and the models used.")
    data: Data | None = F("Data sources, legal basis, sensitive data, retention.")
    feasibility: Feasibility | None = F("The feasibility sprint: data, baseline, evaluation, risk.")
    impact_assessment: ImpactAssessment | None = F(
        "Who could be harmed, sensitive data, contestability, oversight, tier."
    )
    controls: Controls | None = F("Controls by NIST AI RMF function.")
    experience: Experience | None = F(
        "Experience design: confidence, editing, grounding, fallbacks, expectations."
    )
    metrics: MetricsStack | None = F("The metrics stack, each metric with a target.")
    evaluations: Evaluations | None = F("Evaluation plan and results over time.")
    launch: Launch | None = F(
        "MVP, stop-ship criteria, gates, human review, red team, feedback logging."
    )
    operations: Operations | None = F("Monitoring, retraining, rollback and incidents.")
    documentation: Documentation | None = F(
        "What a model card states: intended use, limitations, ethics, caveats."
    )
    signoffs: list[SignOff] = L("Reviews and approvals, oldest first.")
    links: list[Link] = L("Other documents about the system.")
    visibility: VisibilityRules | None = F("Which parts stay internal.")

    @property
    def stage(self) -> Stage | None:
        return self.lifecycle.stage if self.lifecycle else None


def is_slug(value: str) -> bool:
    return bool(_SLUG_RE.match(value))


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type a field holds, through `X | None` and `list[X]`, and whether it is a list:
    `list[Harm] | None` → (Harm, True). A union of several types is returned as it is."""
    tp, is_list = annotation, False
    while True:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp, is_list
            tp = args[0]
        elif origin is list:
            tp, is_list = typing.get_args(tp)[0], True
        else:
            return tp, is_list
