"""The record model: one YAML record per AI system. The single source of truth for the schema.

Drafts are normal, so almost every field is optional here; what a lifecycle stage or risk tier
*requires* is decided by the checks. Any optional field may also be written as `unknown` or as
`{not_applicable: "why"}`; those answers are lifted out before validation (see `answers.py`).

One module per record section (`use_case`, `impact`, `controls` ...), the closed vocabularies
in `vocab`, the building blocks in `base`; every public name is importable from here.
"""

from __future__ import annotations

from aigov.model.approach import (
    Approach,
    Citation,
    EnvironmentalImpact,
    EthicalConsideration,
    ModelComponent,
)
from aigov.model.base import SLUG, Base, F, L, is_slug, unwrap
from aigov.model.common import Evidence, Link, Person
from aigov.model.controls import Control, Controls
from aigov.model.data import Data, DataSource
from aigov.model.documentation import Condition, Documentation, SignOff, VisibilityRules
from aigov.model.evaluations import (
    ConfidenceInterval,
    EvalResult,
    EvaluationPlan,
    Evaluations,
    TestSet,
)
from aigov.model.experience import Experience
from aigov.model.feasibility import Baseline, Feasibility
from aigov.model.impact import (
    Contestability,
    Derogation,
    EUAIAct,
    Harm,
    HumanOversight,
    ImpactAssessment,
    RiskTierDecl,
    Stakeholder,
)
from aigov.model.launch import (
    MVP,
    FeedbackLogging,
    Gate,
    HumanReview,
    Launch,
    RedTeam,
    RedTeamFinding,
)
from aigov.model.metrics import Metric, MetricsStack
from aigov.model.operations import Deployment, Incident, Monitor, Operations, Retraining, Rollback
from aigov.model.organisation import Organisation
from aigov.model.ownership import Lifecycle, Owner, StageChange
from aigov.model.record import Record
from aigov.model.use_case import UseCase
from aigov.model.vocab import (
    AIHelp,
    AnnexIIIArea,
    Art25Situation,
    Autonomy,
    ComponentSource,
    ConditionStatus,
    ControlStatus,
    DataRole,
    DerogationReason,
    Direction,
    EURole,
    EUTier,
    FeasibilityDecision,
    FindingStatus,
    GateDecision,
    HarmCategory,
    LegalBasis,
    Likelihood,
    MetricLayer,
    ModelKind,
    MonitorKind,
    OversightMode,
    Pattern,
    ProhibitedPractice,
    RetrainTrigger,
    ReviewDecision,
    ReviewRole,
    RiskTier,
    RollbackMechanism,
    SensitiveCategory,
    Severity,
    Stage,
    Strategy,
    TransparencyObligation,
    ValidationRoute,
    Visibility,
)

__all__ = [
    "MVP",
    "SLUG",
    "AIHelp",
    "AnnexIIIArea",
    "Approach",
    "Art25Situation",
    "Autonomy",
    "Base",
    "Baseline",
    "Citation",
    "ComponentSource",
    "Condition",
    "ConditionStatus",
    "ConfidenceInterval",
    "Contestability",
    "Control",
    "ControlStatus",
    "Controls",
    "Data",
    "DataRole",
    "DataSource",
    "Deployment",
    "Derogation",
    "DerogationReason",
    "Direction",
    "Documentation",
    "EUAIAct",
    "EURole",
    "EUTier",
    "EnvironmentalImpact",
    "EthicalConsideration",
    "EvalResult",
    "EvaluationPlan",
    "Evaluations",
    "Evidence",
    "Experience",
    "F",
    "Feasibility",
    "FeasibilityDecision",
    "FeedbackLogging",
    "FindingStatus",
    "Gate",
    "GateDecision",
    "Harm",
    "HarmCategory",
    "HumanOversight",
    "HumanReview",
    "ImpactAssessment",
    "Incident",
    "L",
    "Launch",
    "LegalBasis",
    "Lifecycle",
    "Likelihood",
    "Link",
    "Metric",
    "MetricLayer",
    "MetricsStack",
    "ModelComponent",
    "ModelKind",
    "Monitor",
    "MonitorKind",
    "Operations",
    "Organisation",
    "OversightMode",
    "Owner",
    "Pattern",
    "Person",
    "ProhibitedPractice",
    "Record",
    "RedTeam",
    "RedTeamFinding",
    "RetrainTrigger",
    "Retraining",
    "ReviewDecision",
    "ReviewRole",
    "RiskTier",
    "RiskTierDecl",
    "Rollback",
    "RollbackMechanism",
    "SensitiveCategory",
    "Severity",
    "SignOff",
    "Stage",
    "StageChange",
    "Stakeholder",
    "Strategy",
    "TestSet",
    "TransparencyObligation",
    "UseCase",
    "ValidationRoute",
    "Visibility",
    "VisibilityRules",
    "is_slug",
    "unwrap",
]
