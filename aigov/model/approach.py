"""The approach: buy, build or blend, and the model components used."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import Link, Person
from aigov.model.vocab import ComponentSource, ModelKind, Pattern, Strategy


class EnvironmentalImpact(Base):
    hardware: str | None = F("Hardware used for training.", "8x A100 80GB")
    hours: float | None = F("Training hours.", 120)
    cloud_provider: str | None = F("Cloud provider.", "AWS")
    region: str | None = F("Compute region.", "eu-west-1")
    co2_eq_kg: float | None = F(
        "Estimated emissions, kg CO2-equivalent.", 410.5, title="CO₂-equivalent (kg)"
    )


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
    out_of_scope_uses: list[str] = L(
        "Uses this model is not fit for.", "Automatic claim denial", title="Out-of-scope uses"
    )
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
