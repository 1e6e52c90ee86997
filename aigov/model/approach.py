"""The approach: buy, build or blend, and the model components used."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from aigov.dates import PartialDateField
from aigov.model.base import SLUG, Base, F, L
from aigov.model.common import Link, Person
from aigov.model.vocab import ComponentSource, ModelKind, Pattern, Strategy, VariantKind


class EnvironmentalImpact(Base):
    """Training compute and emissions, as totals (a model's, or the whole system's)."""

    hardware: str | None = F("Hardware used for training.", "8x A100 80GB")
    hours: float | None = F("Training hours.", 120)
    gpu_hours: float | None = F(
        "Total accelerator hours (GPU or TPU hours) used for training.", 39_300_000
    )
    compute_flops: float | None = F(
        "Total training compute, floating-point operations.", 3.8e25, title="Compute (FLOP)"
    )
    energy_kwh: float | None = F("Energy used, kWh.", 1200.0, title="Energy (kWh)")
    cloud_provider: str | None = F("Cloud provider.", "AWS")
    region: str | None = F("Compute region.", "eu-west-1")
    co2_eq_kg: float | None = F(
        "Estimated emissions, kg CO2-equivalent (location-based where the source says so).",
        410.5,
        title="CO₂-equivalent (kg)",
    )
    co2_eq_market_based_kg: float | None = F(
        "Market-based emissions, kg CO2-equivalent, where the source reports them.",
        0,
        title="Market-based CO₂-equivalent (kg)",
    )
    co2_eq_offset_kg: float | None = F(
        "Emissions offset (renewable energy matched, credits), kg CO2-equivalent.",
        410.5,
        title="CO₂-equivalent offset (kg)",
    )
    notes: str | None = F(
        "How the figures were estimated, and what they cover.",
        "Location-based; 100% matched by renewable energy",
    )


class ModelVariant(Base):
    """One published variant of a model family: a size, a base or an instruction-tuned model."""

    id: str = Field(
        description="Short slug, unique within the model.",
        examples=["8b-instruct"],
        pattern=SLUG,
    )
    name: str | None = F("The variant's published name.", "Llama-3.1-8B-Instruct")
    kind: VariantKind | None = F("base, instruct, chat or other.", "instruct")
    parameter_count: int | None = F(
        "Number of parameters, as published (8B → 8000000000).", 8_000_000_000, ge=0
    )
    context_length: int | None = F("Context length in tokens.", 128_000, ge=0)
    languages: list[str] = L("Languages this variant handles, where it differs.", "en")
    knowledge_cutoff: PartialDateField | None = F(
        "The training data's cut-off (YYYY-MM-DD, or YYYY-MM / YYYY as published).", "2023-12"
    )
    release_date: PartialDateField | None = F(
        "When this variant was released (YYYY-MM-DD, or YYYY-MM / YYYY).", "2024-07-23"
    )
    base_model: str | None = F("The model this variant was tuned from.", "meta-llama/Llama-3.1-8B")
    environmental_impact: EnvironmentalImpact | None = F("This variant's training footprint.")
    notes: str | None = F("Anything else the source says about this variant.")


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
    version_date: PartialDateField | None = F(
        "Release date of this version (YYYY-MM-DD, or YYYY-MM / YYYY as published).",
        "2026-02-01",
    )
    version_notes: str | None = F("What changed in this version.", "Retrained on Q1 2026 claims")
    base_model: str | None = F(
        "The model this one was fine-tuned or adapted from.", "meta-llama/Llama-3.1-8B"
    )
    family: str | None = F("The model family this model belongs to, as published.", "Llama 3.1")
    parameter_count: int | None = F(
        "Number of parameters, as published (8B → 8000000000).", 8_000_000_000, ge=0
    )
    context_length: int | None = F("Context length in tokens.", 128_000, ge=0)
    knowledge_cutoff: PartialDateField | None = F(
        "The training data's cut-off (YYYY-MM-DD, or YYYY-MM / YYYY as published).", "2023-12"
    )
    variants: list[ModelVariant] = L(
        "The published variants of this model (sizes, base and instruct), each with its own "
        "parameter count, context length, cut-off and release date."
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
        "Training compute and emissions totals, with offsets (Hugging Face card fields)."
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
    environmental_impact: EnvironmentalImpact | None = F(
        "Compute and emissions totals for the whole system (all its models), with offsets."
    )
