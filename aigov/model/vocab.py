"""The record's closed vocabularies: every value a choice field accepts."""

from __future__ import annotations

from enum import StrEnum


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
    NATIONAL_ID_NUMBER = "national_id_number"


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
    # added by Regulation (EU) 2026/1744; applies from 2026-12-02
    NON_CONSENSUAL_INTIMATE_OR_CSAM = "non_consensual_intimate_or_csam"


class EURole(StrEnum):
    """The organisation's role for the system under the EU AI Act (Art. 3, Art. 25)."""

    PROVIDER = "provider"
    DEPLOYER = "deployer"
    IMPORTER = "importer"
    DISTRIBUTOR = "distributor"
    PRODUCT_MANUFACTURER = "product_manufacturer"
    AUTHORISED_REPRESENTATIVE = "authorised_representative"
    GPAI_MODEL_PROVIDER = "gpai_model_provider"
    GPAI_MODEL_PROVIDER_SYSTEMIC_RISK = "gpai_model_provider_systemic_risk"


class Art25Situation(StrEnum):
    """Art. 25(1): when a distributor, importer, deployer or other third party becomes the provider."""

    OWN_NAME_OR_TRADEMARK = "own_name_or_trademark"
    SUBSTANTIAL_MODIFICATION = "substantial_modification"
    CHANGED_INTENDED_PURPOSE = "changed_intended_purpose"


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


class ConditionStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    WAIVED = "waived"


class FindingStatus(StrEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    ACCEPTED = "accepted"
    CLOSED = "closed"


class Visibility(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


class AssessmentKind(StrEnum):
    """Impact assessments a record may state: GDPR Art. 35 DPIA, the Dutch IAMA (human rights
    and algorithms impact assessment), the EU AI Act Art. 27 FRIA, the Dutch DEDA (data ethics
    decision aid), or another."""

    DPIA = "dpia"
    IAMA = "iama"
    FRIA = "fria"
    DEDA = "deda"
    OTHER = "other"


class AssessmentStatus(StrEnum):
    DONE = "done"
    NOT_DONE = "not_done"
    COVERED_BY_ANOTHER = "covered_by_another"
    UNKNOWN = "unknown"


class VariantKind(StrEnum):
    """What a published variant of a model is: the pretrained base, an instruction- or
    chat-tuned version, or another (quantised, distilled …)."""

    BASE = "base"
    INSTRUCT = "instruct"
    CHAT = "chat"
    OTHER = "other"
