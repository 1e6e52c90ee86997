"""The Hugging Face export round-trips through huggingface_hub's own ModelCard parser."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from huggingface_hub import ModelCard, ModelCardData, metadata_load
from huggingface_hub.repocard_data import model_index_to_eval_results

from aigov.cards import hf_metadata, model_index, render_card
from aigov.cards.hf import HF_LIBRARIES, component_results, front_matter, hub_library
from tests.conftest import run_aigov

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
        if r.component != model or not r.dataset or not (r.task or comp.pipeline_tag):
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
    assert "library_name" not in data  # xgboost has no library key on the Hub
    assert data["pipeline_tag"] == "tabular-classification"
    assert data["tags"][-1] == "aigov" and "insurance" in data["tags"]
    assert card.data.model_name == "Fraud risk scorer"
    want = expected_results(fixtures, "property-claims", "fraud-scorer")
    assert len(want) == 5
    assert parsed_results(card) == want
    assert {e.task_type for e in card.data.eval_results} == {"tabular-classification"}
    # `verified` is the Hub's to set; the record's own validation is under aigov
    assert all(e.verified is None for e in card.data.eval_results)
    assert data["aigov"]["independently_validated"] == [
        {"metric": "auc", "date": "2026-07-25", "dataset": "holdout-2026q2", "split": "test",
         "value": 0.84}
    ]  # fmt: skip
    notes = card.text.split("## Export notes", 1)[1]
    assert "`auc` (2026-07-25, `holdout-2026q2`, split `test`)" in notes
    assert "`xgboost`, is not one of the Hub’s `library_name` keys" in notes
    # the body is the model card
    assert "# Model card: Fraud risk scorer" in card.text
    assert "## 8. Quantitative analyses" in card.text
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


EXAMPLES = Path(__file__).resolve().parents[2] / "systems"


def example_models() -> list[tuple[str, str]]:
    """Every model component of every example record (systems/), as (system, model)."""
    pairs = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for comp in (data.get("approach") or {}).get("components") or []:
            pairs.append((data["id"], comp["id"]))
    return pairs


def _walk(value: Any) -> list[str]:
    """Every mapping key anywhere in value."""
    if isinstance(value, dict):
        return [str(k) for k in value] + [k for v in value.values() for k in _walk(v)]
    if isinstance(value, list):
        return [k for v in value for k in _walk(v)]
    return []


@pytest.mark.parametrize(("system", "model"), example_models())
def test_every_example_model_exports_what_the_hub_parsers_accept(
    examples: Repo, system: str, model: str, tmp_path: Path
) -> None:
    record = examples.records[system].record
    assert record is not None and record.approach is not None
    text = export(examples, system, model)
    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    meta = metadata_load(readme)
    assert meta is not None and meta["aigov"]["model"] == model
    # strict parsing, through both of huggingface_hub's entry points
    card = ModelCard(text, ignore_metadata_errors=False)
    data = ModelCardData(**meta, ignore_metadata_errors=False)
    assert data.to_dict()["aigov"] == meta["aigov"]
    # nothing the Hub computes
    assert "verified" not in _walk(meta.get("model-index")) and "verifyToken" not in _walk(meta)
    # library_name only with a key the Hub knows
    assert meta.get("library_name") in HF_LIBRARIES | {None}
    want = expected_results(examples, system, model)
    notes = card.text.split("## Export notes", 1)[1].split("\n## ", 1)[0]
    if want:
        name, results = model_index_to_eval_results(meta["model-index"])
        assert name == card.data.model_name
        assert all(r.task_type and r.dataset_type for r in results)
        assert parsed_results(card) == want
        assert "`model-index` holds the latest value" in notes
    else:
        assert "model-index" not in meta
        assert "The metadata has no `model-index`" in notes
    comp = next(c for c in record.approach.components if c.id == model)
    if comp.library and "library_name" not in meta:
        assert f"`{comp.library}`, is not one of the Hub’s `library_name` keys" in notes


def test_unattributed_results_stay_out_of_model_index(fixtures: Repo) -> None:
    record = copy.deepcopy(fixtures.records["property-claims"].record)
    assert record is not None and record.approach is not None and record.evaluations
    comp = record.approach.components[0]
    record.approach.components = [comp]
    for r in record.evaluations.results:
        r.component = None  # the only model: the body shows them, model-index does not
    assert component_results(record, comp)
    index, skipped = model_index(record, comp)
    assert index == []
    assert {s["reason"] for s in skipped} == {
        "not attributed to this model (set component on the result)"
    }


def test_cli_hf_export_of_a_model_without_attributed_results_says_so(
    tmp_path: Path, fixtures: Repo
) -> None:
    shutil.copytree(fixtures.root, tmp_path / "repo")
    path = tmp_path / "repo" / "systems" / "property-claims.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["approach"]["components"] = data["approach"]["components"][:1]  # the only model
    data["approach"]["components"][0]["library"] = "Scikit-Learn"
    for r in data["evaluations"]["results"]:
        r.pop("component", None)  # system-level results, not this model's
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    run = run_aigov("card", "property-claims", "--format", "hf", cwd=tmp_path / "repo")
    assert run.returncode == 0, run.stderr
    card = ModelCard(run.stdout, ignore_metadata_errors=False)
    meta = card.data.to_dict()
    assert "model-index" not in meta and card.data.eval_results is None
    assert meta["library_name"] == "sklearn"
    assert "The metadata has no `model-index`" in card.text
    assert "holds the latest value" not in card.text


@pytest.mark.parametrize(
    ("library", "key"),
    [("transformers", "transformers"), ("scikit-learn", "sklearn"), ("PEFT", "peft"),
     ("Sentence Transformers", "sentence-transformers"), ("pytorch", None), ("xgboost", None),
     ("lightgbm", None), ("", None), (None, None)],
)  # fmt: skip
def test_hub_library_keys(library: str | None, key: str | None) -> None:
    assert hub_library(library) == key
