"""Real published cards imported as they are (#20): per card, the share of its content placed in
fields, nothing invented (every placed text and number is the card's own), and the round trip
of a Hugging Face README keeps its metric ids and datasets.

The cards are vendored under tests/authoring/fixtures (SOURCE.md names each one's repository,
commit and licence). The share counts the card's parts as the import report lists them: a part
placed in a field (`mapped`) against one kept verbatim for the "From the source" section
(`kept`); parts that said nothing (`empty`) count for neither.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from aigov.authoring.importers import Imported
from aigov.authoring.importers.hf import import_hf_text, split_front_matter
from aigov.authoring.importers.markdown import strip_markdown
from aigov.authoring.importers.mct import import_mct
from aigov.authoring.scaffold import init_repository
from aigov.cli import cli
from aigov.project import process_file

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 26)

# card → (how it is imported, the least share of its parts placed in fields)
CARDS: dict[str, tuple[str, float]] = {
    "cards/hf-distilbert-sst2.md": ("hf", 0.9),  # 31 placed / 3 kept (before #20: 24 / 5)
    "cards/md-gpt2-model-card.md": ("hf", 0.65),  # 11 / 5 (before: 1 / 8)
    "cards/md-llama3-model-card.md": ("hf", 0.65),  # 13 / 6 (before: 1 / 7)
    "cards/hf-orbformer-environmental-impact.md": ("hf", 0.7),  # 6 / 2
    "hf-trainer-ner-conll2003.md": ("hf", 0.7),  # 11 / 4: sections split, not merged
    "hf-autotrain-risk-ranker.md": ("hf", 0.55),  # 6 / 4
    "hf-bart-offensive-base-model.md": ("hf", 0.75),  # 8 / 2
    "mct-cats-vs-dogs-v0.0.2.json": ("mct", 0.85),  # 20 / 3
    "mct-full-v0.0.2.json": ("mct", 0.65),  # 15 / 7
    "mct-model-card-v0.0.1.json": ("mct", 0.8),  # 17 / 3
}
# a card without a name of its own is imported under the name a person would give it
NAMES = {"cards/md-llama3-model-card.md": "Llama 3"}


def imported(name: str) -> Imported:
    how, _ = CARDS[name]
    path = FIXTURES / name
    if how == "mct":
        return import_mct(path, today=TODAY)
    return import_hf_text(
        path.read_text("utf-8"),
        today=TODAY,
        display=name,
        fallback_name=NAMES.get(name, path.stem),
    )


def share(imp: Imported) -> float:
    placed, kept = len(imp.report.mapped), len(imp.report.kept)
    return placed / (placed + kept) if placed + kept else 0.0


@pytest.mark.parametrize("name", sorted(CARDS))
def test_a_share_of_each_real_card_is_placed_in_fields(name: str) -> None:
    imp = imported(name)
    assert share(imp) >= CARDS[name][1], [(k.source, k.target) for k in imp.report.kept]


def _normal(text: str) -> str:
    return " ".join(strip_markdown(text).lower().split())


# keys whose values aigov derives (ids, kinds, roles, the answer `unknown`) or the card's
# own structure names (a data source's name says whose data it is)
DERIVED = {"id", "component", "kind", "roles", "date", "source", "name", "variant", "notes"}
DERIVED |= {"training_data", "evaluation_data", "co2_eq_kg"}  # ids; grams read as kg
# tonnes read as kg, "7.7M" as 7,700,000, "100% offset" as kg: tested where parsed, below
DERIVED |= {"gpu_hours", "co2_eq_offset_kg"}
DERIVED |= {"standard"}  # the name of the format read ("Hugging Face model card"), by aigov
DERIVED_TEXT = re.compile(r"^(training|evaluation) data of |^the card's table under ")


def _leaves(value: Any, key: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, str(k))]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v, key)]
    return [(key, value)]


@pytest.mark.parametrize("name", sorted(n for n, (how, _) in CARDS.items() if how == "hf"))
def test_nothing_is_invented(name: str) -> None:
    """Every text and number the import placed in a field is written in the card."""
    source = (FIXTURES / name).read_text("utf-8")
    card = _normal(source)
    imp = imported(name)
    placed = [imp.component, *imp.results, *imp.sources, imp.record]
    invented = []
    for key, value in _leaves([{k: v for k, v in p.items() if k != "metadata"} for p in placed]):
        if key in DERIVED or value is None or isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            if repr(value) not in source and str(value) not in source:
                invented.append((key, value))
            continue
        if isinstance(value, dt.date):
            continue  # read from the card's words ("April 18, 2024"); tested where parsed
        text = _normal(str(value))
        if DERIVED_TEXT.match(text) or re.fullmatch(r"[0-9]{4}(-[0-9]{2})?", text):
            continue
        parts = [p for p in re.split(r"[\n]|(?<=[.;:])\s", text) if len(p) > 3]
        missing = [p for p in parts if p.rstrip(".…") not in card]
        if missing:
            invented.append((key, missing[0][:80]))
    assert invented == []


def test_no_result_is_dated_the_day_of_the_import() -> None:
    for name in CARDS:
        for r in imported(name).results:
            assert r["date"] == "unknown", (name, r)


def test_distilbert_values_and_the_round_trip_keep_the_metric_ids_and_datasets(
    tmp_path: Path,
) -> None:
    init_repository(tmp_path)
    card = FIXTURES / "cards" / "hf-distilbert-sst2.md"
    out = CliRunner().invoke(
        cli, ["import", "hf", str(card), "--root", str(tmp_path), "--today", "2026-11-26"]
    )
    assert out.exit_code == 0, out.output
    path = tmp_path / "systems" / "distilbert-base-uncased-finetuned-sst-2-english.yaml"
    text = path.read_text("utf-8")
    assert "value: 0.9105504587155964" in text and "2026-11-26" not in text.split("\n", 2)[2]
    loaded = process_file(path)
    assert loaded.record is not None and loaded.record.evaluations is not None
    first = loaded.record.evaluations.results[0]
    assert (first.metric, first.metric_name, first.dataset_config) == (
        "accuracy",
        "Accuracy",
        "sst2",
    )
    assert first.date is None and first.value_text == "0.9105504587155964"
    component = loaded.record.approach.components[0]  # type: ignore[union-attr]
    assert component.base_model == "distilbert-base-uncased"
    # back to a Hugging Face README
    hf = CliRunner().invoke(
        cli,
        ["card", str(path), "--format", "hf", "--root", str(tmp_path), "--today", "2026-11-26"],
    )
    assert hf.exit_code == 0, hf.output
    meta_out, _, _ = split_front_matter(hf.output[hf.output.index("---") :])
    meta_in, _, _ = split_front_matter(card.read_text("utf-8"))

    def measured(meta: str | None) -> set[tuple[str, str, str, str, str]]:
        data = yaml.safe_load(meta or "{}")
        return {
            (res["task"]["type"], res["dataset"]["type"], str(res["dataset"].get("config")),
             res["dataset"].get("split", ""), m["type"])
            for model in data["model-index"]
            for res in model["results"]
            for m in res["metrics"]
        }  # fmt: skip

    assert measured(meta_out) == measured(meta_in)
    names_out = yaml.safe_load(meta_out or "{}")["model-index"][0]["results"][0]
    assert names_out["task"]["name"] == "Text Classification"
    assert names_out["dataset"]["name"] == "glue"


def test_llama3_benchmarks_are_read_per_variant_and_as_written() -> None:
    imp = imported("cards/md-llama3-model-card.md")
    by = {(r["metric"], r.get("variant")): r["value"] for r in imp.results}
    variants = {v["name"]: v["id"] for v in imp.component["variants"]}
    assert {"Llama 3 8B", "Llama 3 70B"} <= set(variants)
    cutoffs = {v["name"]: v.get("knowledge_cutoff") for v in imp.component["variants"]}
    assert cutoffs["Llama 3 8B"] == "2023-03" and cutoffs["Llama 3 70B"] == "2023-12"
    assert all("parameter_count" not in v for v in imp.component["variants"])  # "8B" ≠ 8e9
    assert by[("MMLU (5-shot)", variants["Llama 3 70B"])] == 82.0  # the instruct table's 82.0
    assert repr(by[("MMLU (5-shot)", variants["Llama 3 70B"])]) == "82.0"
    # other models' columns (Llama 2) are not this model's results
    assert not [
        r for r in imp.results if "Llama 2" in r["reported_in"] or "Llama2" in r["reported_in"]
    ]
    assert imp.component["version_date"] == dt.date(2024, 4, 18)
    assert any("named 'Llama 3' after the card's folder or file" in n for n in imp.report.notes)


def test_gpt2_mitchell_card_splits_uses_and_keeps_partial_dates() -> None:
    imp = imported("cards/md-gpt2-model-card.md")
    c = imp.component
    assert c["version_date"] == "2019-02"  # "February 2019": no day invented
    assert imp.record["source_document"]["revised"] == "2019-11"  # "Last updated: November 2019"
    assert c["intended_use"].startswith("The primary intended users")
    assert c["out_of_scope_uses"][0].startswith("Because large-scale language models")
    assert "do not distinguish fact from fiction" not in c["intended_use"]  # split, not merged
    assert "**" not in c["intended_use"] and "*AI" not in c["intended_use"]  # Markdown stripped
    assert imp.sources[0]["roles"] == ["evaluation"] and "WebText" in imp.sources[0]["description"]
    assert "forms.gle" in imp.record["source_document"]["contact"]


def test_an_undecodable_embedded_image_is_reported() -> None:
    text = "# Model card for x\n\n## Results\n\n![chart](data:image/png;base64,bm90IGFuIGltYWdl)\n"
    imp = import_hf_text(text, today=TODAY, display="README.md")
    assert any("could not be decoded" in n for n in imp.report.notes)
    assert imp.attachments == []


def test_llama3_compute_and_emissions_are_read_with_the_units_said() -> None:
    """ "7.7M GPU hours … 2290 tCO2eq, 100% of which were offset": the field is in kg, so the
    tonnes are converted and the report says so; nothing the card does not state is added."""
    imp = imported("cards/md-llama3-model-card.md")
    env = imp.component["environmental_impact"]
    assert env["gpu_hours"] == 7_700_000
    assert env["co2_eq_kg"] == 2_290_000  # 2290 t
    assert env["co2_eq_offset_kg"] == 2_290_000  # 100 % of it
    assert env["hardware"] == "H100-80GB"
    assert "2290 tCO2eq" in env["notes"]  # the figures as the card wrote them
    assert not {"energy_kwh", "compute_flops", "cloud_provider", "region"} & set(env)
    line = next(m for m in imp.report.mapped if m.target == "environmental_impact")
    assert "'2290 tCO2eq' (tonnes) read as 2,290,000 kg" in line.note
    assert "7,700,000 GPU hours" in line.note


def test_hub_template_environmental_impact_bullets_are_read() -> None:
    imp = imported("cards/hf-orbformer-environmental-impact.md")
    env = imp.component["environmental_impact"]
    assert env["hardware"] == "NVIDIA A100 PCIe"
    assert env["hours"] == 4000 and env["notes"] == "Hours used: 4000 pretraining"
    assert env["cloud_provider"] == "Azure"
    assert env["region"] == "various, use francecentral for this calculation"
    assert env["co2_eq_kg"] == 112  # "112kg": already the field's unit
    assert env["co2_eq_offset_kg"] == 112  # "of which 100% were offset"
    assert "gpu_hours" not in env  # "Hours used" does not say GPU hours


@pytest.mark.parametrize(
    "text",
    [
        "- **Parent Model:** see [this card](https://huggingface.co/distilbert-base-uncased).",
        "- **Base model:** distilbert-base-uncased",
        "| Field | Value |\n|---|---|\n| Base model | distilbert-base-uncased |",
    ],
)
def test_a_parent_or_base_model_label_is_the_base_model(text: str) -> None:
    imp = import_hf_text(f"## Model Details\n\n{text}\n", today=TODAY, display="README.md")
    assert imp.component["base_model"] == "distilbert-base-uncased"


def test_a_base_model_label_that_is_a_sentence_is_not_a_name() -> None:
    text = "## Model Details\n\n- **Base model:** we started from a model of our own\n"
    imp = import_hf_text(text, today=TODAY, display="README.md")
    assert "base_model" not in imp.component
