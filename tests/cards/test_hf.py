"""The Hugging Face export round-trips through huggingface_hub's own ModelCard parser."""

from __future__ import annotations

import copy

import pytest
import yaml
from huggingface_hub import ModelCard

from aigov.cards import hf_metadata, model_index, render_card
from aigov.cards.hf import component_results, front_matter

from .conftest import GENERATED_AT, Repo


def export(repo: Repo, system: str, model: str) -> str:
    return str(
        render_card(repo.records[system], "hf", root=repo.root, model=model,
                    generated_at=GENERATED_AT)
    )  # fmt: skip


def expected_results(repo: Repo, system: str, model: str) -> set[tuple[object, ...]]:
    """Latest value per metric × dataset × split × slice, from the record itself."""
    record = repo.records[system].record
    assert record is not None and record.approach is not None
    comp = next(c for c in record.approach.components if c.id == model)
    latest: dict[tuple[object, ...], tuple[object, float]] = {}
    for r in component_results(record, comp):
        if not r.dataset or not (r.task or comp.pipeline_tag):
            continue
        key = (r.metric, r.dataset, r.split, r.slice)
        if key not in latest or latest[key][0] <= r.date:  # type: ignore[operator]
            latest[key] = (r.date, r.value)
    return {(*k, v) for k, (_, v) in latest.items()}


def parsed_results(card: ModelCard) -> set[tuple[object, ...]]:
    return {
        (
            e.metric_type,
            e.dataset_type,
            e.dataset_split,
            (e.metric_args or {}).get("slice"),
            e.metric_value,
        )
        for e in card.data.eval_results or []
    }


def test_fixture_export_round_trips_with_every_latest_result(fixtures: Repo) -> None:
    text = export(fixtures, "property-claims", "fraud-scorer")
    card = ModelCard(text, ignore_metadata_errors=False)
    data = card.data.to_dict()
    assert data["license"] == "other" and data["license_name"] == "proprietary"
    assert data["library_name"] == "xgboost"
    assert data["pipeline_tag"] == "tabular-classification"
    assert data["tags"][-1] == "aigov" and "insurance" in data["tags"]
    assert card.data.model_name == "Fraud risk scorer"
    want = expected_results(fixtures, "property-claims", "fraud-scorer")
    assert len(want) == 5
    assert parsed_results(card) == want
    assert {e.task_type for e in card.data.eval_results} == {"tabular-classification"}
    verified = [e for e in card.data.eval_results if e.metric_type == "auc"]
    assert verified[0].verified is True
    # the body is the model card
    assert "# Model card: Fraud risk scorer" in card.text
    assert "## 7. Quantitative analyses" in card.text
    # and saving it again with huggingface_hub keeps the results
    again = ModelCard(str(card))
    assert parsed_results(again) == want


@pytest.mark.parametrize(
    ("system", "model"),
    [("support-copilot", "reply-drafter"), ("product-recommendations", "rail-ranker"),
     ("fraud-scoring", "order-risk-model"), ("claims-triage", "route-model")],
)  # fmt: skip
def test_example_exports_round_trip(examples: Repo, system: str, model: str) -> None:
    card = ModelCard(export(examples, system, model))
    assert card.data.to_dict()["aigov"]["model"] == model
    assert parsed_results(card) == expected_results(examples, system, model)


def test_results_that_cannot_go_into_model_index_are_listed_not_dropped(fixtures: Repo) -> None:
    record = copy.deepcopy(fixtures.records["property-claims"].record)
    assert record is not None and record.approach is not None
    comp = record.approach.components[0]
    comp.pipeline_tag = None
    assert record.evaluations is not None
    record.evaluations.results[4].task = None  # flag-ratio 2026-03-01 had no task anyway
    record.evaluations.results[1].dataset = None
    index, skipped = model_index(record, comp)
    reasons = {(s["metric"], s["reason"].split(" (")[0]) for s in skipped}
    assert ("flag-ratio", "no task type") in reasons
    assert ("precision-top10", "no dataset") in reasons
    assert index  # the rest is still there


def test_licence_ids_the_hub_knows_pass_through(fixtures: Repo) -> None:
    loaded = fixtures.records["property-claims"]
    comp = copy.deepcopy(loaded.record.approach.components[0])  # type: ignore[union-attr]
    comp.license = "Apache-2.0"
    meta = hf_metadata(loaded, comp)
    assert meta["license"] == "apache-2.0" and "license_name" not in meta


def test_front_matter_cannot_be_broken_by_record_text() -> None:
    meta = {"tags": ["ok", "x\n---\nlicense: mit", "- dash"], "model-index": []}
    text = front_matter(meta) + "\nbody\n"
    card = ModelCard(text)
    assert card.data.to_dict()["tags"] == ["ok", "x\n---\nlicense: mit", "- dash"]
    assert card.text.strip() == "body"
    assert yaml.safe_load(text.split("---\n")[1])["tags"][1].startswith("x\n")
