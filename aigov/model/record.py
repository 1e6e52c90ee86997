"""The record: one AI system, made of the sections defined in the sibling modules."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from aigov import SCHEMA_VERSION
from aigov.model.approach import Approach
from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import Link
from aigov.model.components import ComponentUse
from aigov.model.controls import Controls
from aigov.model.data import Data
from aigov.model.documentation import Documentation, SignOff, VisibilityRules
from aigov.model.evaluations import Evaluations
from aigov.model.experience import Experience
from aigov.model.feasibility import Feasibility
from aigov.model.impact import ImpactAssessment
from aigov.model.launch import Launch
from aigov.model.metrics import MetricsStack
from aigov.model.operations import Operations
from aigov.model.ownership import Lifecycle, Owner
from aigov.model.source import SourceDocument
from aigov.model.use_case import UseCase
from aigov.model.vocab import Stage


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
    source_document: SourceDocument | None = F(
        "The published document or register entry this record was written from or is "
        "published as: register, id, URL, standard, dates, authority.",
    )
    owner: Owner | None = F("Who owns the system.")
    lifecycle: Lifecycle | None = F("Lifecycle stage and review cadence.")
    use_case: UseCase | None = F("The decision or workflow improved, before and after.")
    approach: Approach | None = F("Buy, build or blend, and the models used.")
    uses: list[ComponentUse] = L(
        "Shared components (models, datasets, vendors in components/) this system uses, by id.",
        title="Shared components",
    )
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
    signoffs: list[SignOff] = L("Reviews and approvals, oldest first.", title="Sign-offs")
    links: list[Link] = L("Other documents about the system.")
    visibility: VisibilityRules | None = F("Which parts stay internal.")

    @property
    def stage(self) -> Stage | None:
        return self.lifecycle.stage if self.lifecycle else None
