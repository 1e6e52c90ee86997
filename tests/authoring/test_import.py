"""aigov import on real public cards: every field kept or reported, never silently dropped."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aigov.answers import split_answers
from aigov.authoring.importers import CardError, Imported
from aigov.authoring.importers.hf import import_hf, import_hf_text, split_front_matter
from aigov.authoring.importers.mct import import_mct
from aigov.authoring.scaffold import init_repository
from aigov.cli import cli
from aigov.model import DataSource, EvalResult, ModelComponent
from aigov.project import process_file
from aigov.yamlload import load_text
from tests.conftest import run_aigov

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 26)
HF = [
    "hf-trainer-ner-conll2003.md",
    "hf-autotrain-risk-ranker.md",
    "hf-bart-offensive-base-model.md",
]
MCT = ["mct-cats-vs-dogs-v0.0.2.json", "mct-full-v0.0.2.json", "mct-model-card-v0.0.1.json"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    init_repository(tmp_path)
    return tmp_path


def leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in leaves(v)]
    return [value]


def spellings(value: Any) -> set[str]:
    """The ways a card value may appear after import (numbers parsed, text split into items)."""
    out = {str(value)}
    if isinstance(value, float | int) and not isinstance(value, bool):
        out |= {repr(float(value)), str(float(value))}
    if isinstance(value, str):
        out.add(value.strip())
        with contextlib.suppress(ValueError):
            out |= {repr(float(value)), str(float(value))}
    return out


def produced(imported: Imported) -> set[str]:
    """Every scalar the import produced, as text, plus the parts of combined texts."""
    found: set[str] = set()
    for leaf in leaves([imported.component, imported.results, imported.sources, imported.record]):
        found |= spellings(leaf)
        if isinstance(leaf, str):
            for part in leaf.replace(";", "\n").split("\n"):
                found.add(part.strip())
                found.add(part.split(": ", 1)[-1].strip())
        if isinstance(leaf, dt.date):
            found |= {leaf.strftime("%m/%d/%Y"), leaf.strftime("%Y/%m/%d")}
    for attachment in imported.attachments:
        found.add(base64.b64encode(attachment.content).decode())
    return found


def numbers(imported: Imported) -> list[float]:
    values = leaves([imported.component, imported.results, imported.sources, imported.record])
    return [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]


def found_number(value: Any, known: list[float]) -> bool:
    """Numbers may be converted (grams of CO2 → kg): look for the value or a thousandth of it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return any(
        math.isclose(float(value), k, rel_tol=1e-9)
        or math.isclose(float(value), k * 1000, rel_tol=1e-9)
        for k in known
    )


def assert_nothing_silently_dropped(card_values: list[Any], imported: Imported) -> None:
    have = produced(imported)
    known = numbers(imported)
    missing = [
        v
        for v in card_values
        if v not in (None, "") and not spellings(v) & have and not found_number(v, known)
    ]
    assert not missing, f"not found in the import: {missing[:5]}"


# --- Hugging Face ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", HF)
def test_hf_cards_keep_every_metadata_value(name: str) -> None:
    path = FIXTURES / name
    imported = import_hf(path, today=TODAY)
    ModelComponent.model_validate(imported.component)
    for result in imported.results:
        EvalResult.model_validate(split_answers(result)[0])
    meta_text, _, _ = split_front_matter(path.read_text("utf-8"))
    meta = load_text(meta_text or "{}", name).data
    assert_nothing_silently_dropped(leaves(meta), imported)
    assert imported.report.mapped


def test_hf_trainer_card_maps_model_index_to_results() -> None:
    imported = import_hf(FIXTURES / "hf-trainer-ner-conll2003.md", today=TODAY)
    c = imported.component
    assert c["id"] == "this-is-my-model" and c["name"] == "this_is_my_model"
    assert c["license"] == "apache-2.0" and c["datasets"] == ["conll2003"]
    # the Hub's metric ids are the metrics; their names, the dataset's config and the task's
    # name are kept apart for the round trip
    assert [(r["metric"], r["metric_name"], r["value"]) for r in imported.results] == [
        ("precision", "Precision", 0.8673816819884236),
        ("recall", "Recall", 0.9020892351274787),
        ("f1", "F1", 0.884395070300295),
        ("accuracy", "Accuracy", 0.9761756784752434),
    ]
    first = imported.results[0]
    assert first["dataset"] == "conll2003" and first["split"] == "train"
    assert first["task"] == "token-classification"
    assert first["dataset_config"] == "conll2003"
    assert first["task_name"] == "Token Classification"
    assert first["date"] == "unknown"  # model-index has no dates
    assert first["component"] == "this-is-my-model"
    assert "learning_rate: 2e-05" in c["training_procedure"]
    assert c["metadata"]["metrics"] == ["precision", "recall", "f1", "accuracy"]
    empty = {line.source for line in imported.report.empty}
    assert {
        "## Model description",
        "## Intended uses & limitations",
        "## Training and evaluation data",
    } <= empty
    assert any("dated `unknown`, never the day of the import" in n for n in imported.report.notes)


def test_hf_autotrain_card_keeps_co2_and_widget() -> None:
    imported = import_hf(FIXTURES / "hf-autotrain-risk-ranker.md", today=TODAY)
    c = imported.component
    assert c["environmental_impact"]["co2_eq_kg"] == pytest.approx(0.02016784254717722 / 1000)
    assert c["metadata"]["widget"] == [{"text": "I love AutoTrain 🤗"}]
    assert c["languages"] == ["unk"]
    sections = c["metadata"]["card_sections"]
    assert "- Accuracy: 0.511" in sections["Validation Metrics"]
    assert "Usage" in sections


def test_hf_base_model_card() -> None:
    imported = import_hf(FIXTURES / "hf-bart-offensive-base-model.md", today=TODAY)
    c = imported.component
    assert c["base_model"] == "facebook/bart-large-mnli" and c["library"] == "transformers"
    assert c["languages"] == ["en"] and c["license"] == "mit"
    assert imported.results == []
    assert any(line.source == "model-index[0]" for line in imported.report.empty)


TEMPLATE_CARD = """---
license: other
license_name: acme-research
license_link: https://example.com/licence
pipeline_tag: text-generation
base_model: [org/base-a, org/base-b]
co2_eq_emissions: {emissions: 1500, hardware_used: 8xA100, source: estimate}
---
# Model Card for Acme Writer

Acme Writer drafts product descriptions. It is small.

## Uses

### Direct Use

Drafting product descriptions for review.

### Out-of-Scope Use

- Medical or legal text
- Anything published without review

## Bias, Risks, and Limitations

- English only
- Overly positive tone

### Recommendations

Review every draft.

## How to Get Started with the Model

```python
# Download from the Hub
model = load("acme/writer")
```

## Environmental Impact

- **Hardware Type:** 8xA100
- **Hours used:** 12
- **Cloud Provider:** AWS
- **Compute Region:** eu-west-1
- **Carbon Emitted:** 1.5 kg

## Citation

```bibtex
@misc{acme2026, title={Acme Writer}}
```
"""


def test_hf_template_sections_are_mapped_and_fenced_code_is_not_a_heading() -> None:
    imported = import_hf_text(TEMPLATE_CARD, today=TODAY, display="README.md")
    c = imported.component
    ModelComponent.model_validate(c)
    assert c["name"] == "Acme Writer" and c["kind"] == "llm"
    assert c["license"] == "acme-research"
    assert c["metadata"]["license_link"] == "https://example.com/licence"
    assert c["base_model"] == "org/base-a"
    assert c["metadata"]["base_model"] == ["org/base-a", "org/base-b"]
    assert c["intended_use"] == "Drafting product descriptions for review."
    assert c["out_of_scope_uses"] == ["Medical or legal text", "Anything published without review"]
    assert c["limitations"] == ["English only", "Overly positive tone"]
    assert c["caveats"] == ["Review every draft."]
    assert c["environmental_impact"] == {
        "co2_eq_kg": 1.5,
        "hardware": "8xA100",
        "hours": 12.0,
        "cloud_provider": "AWS",
        "region": "eu-west-1",
    }
    assert c["metadata"]["co2_eq_emissions"] == {"source": "estimate"}
    assert c["citations"] == [{"text": "@misc{acme2026, title={Acme Writer}}", "style": "bibtex"}]
    sections = c["metadata"]["card_sections"]
    assert "# Download from the Hub" in sections["How to Get Started with the Model"]
    assert imported.record["summary"] == "Acme Writer drafts product descriptions."


def test_hf_card_errors_point_at_the_metadata() -> None:
    with pytest.raises(CardError) as exc:
        import_hf_text("---\nlicense: [unclosed\n---\n# X\n", today=TODAY, display="README.md")
    assert exc.value.line >= 2 and "metadata" in exc.value.message
    with pytest.raises(CardError, match="no closing"):
        import_hf_text("---\nlicense: mit\n# X\n", today=TODAY, display="README.md")


# --- Model Card Toolkit --------------------------------------------------------------------------


@pytest.mark.parametrize("name", MCT)
def test_mct_cards_keep_every_value(name: str) -> None:
    path = FIXTURES / name
    imported = import_mct(path, today=TODAY)
    ModelComponent.model_validate(imported.component)
    for result in imported.results:
        assert result["date"] == "unknown"  # the card gives no date: never the import's day
        EvalResult.model_validate(split_answers(result)[0])
    for source in imported.sources:
        DataSource.model_validate(source)
    card = json.loads(path.read_text("utf-8"))
    assert_nothing_silently_dropped(leaves(card), imported)


def test_mct_demo_card() -> None:
    imported = import_mct(FIXTURES / "mct-cats-vs-dogs-v0.0.2.json", today=TODAY)
    c = imported.component
    assert c["version"] == "v1.0" and c["version_date"] == dt.date(2020, 8, 28)
    assert c["license"] == "Apache-2.0"
    assert c["owners"] == [{"name": "Model Cards Team", "contact": "model-cards@google.com"}]
    risk = c["ethical_considerations"][0]
    assert risk["mitigation"] == "Avoid application on non-dog and non-cat images."
    assert "don’t contain cats or dogs" in risk["risk"]
    cat = next(r for r in imported.results if r.get("slice") == "cat")
    # MCT's threshold is the decision threshold the metric was computed at, never a pass bar
    assert cat["decision_threshold"] == 0.5 and "threshold" not in cat
    assert cat["confidence_interval"] == {"lower": 0.9832885766, "upper": 1.0032885766}
    assert [s["roles"] for s in imported.sources] == [["training"], ["evaluation"]]
    assert len(imported.attachments) == 2
    assert all(a.content.startswith(b"\x89PNG") for a in imported.attachments)
    assert imported.record["use_case"]["users"] == ["Fans of dogs and cats."]


def test_not_a_model_card_toolkit_card(tmp_path: Path) -> None:
    other = tmp_path / "x.json"
    other.write_text('{"hello": "world"}')
    with pytest.raises(CardError, match="not a Model Card Toolkit card"):
        import_mct(other, today=TODAY)
    broken = tmp_path / "y.json"
    broken.write_text('{"model_details": ')
    with pytest.raises(CardError) as exc:
        import_mct(broken, today=TODAY)
    assert exc.value.line == 1


# --- the command ---------------------------------------------------------------------------------


def invoke(repo: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["import", *args, "--root", str(repo), "--today", "2026-11-26", "--no-color"]
    )
    return result.exit_code, result.output


def test_import_creates_a_valid_record_with_images_saved(repo: Path) -> None:
    card = str(FIXTURES / "mct-cats-vs-dogs-v0.0.2.json")
    code, out = invoke(repo, "mct", card, "--id", "cats-vs-dogs")
    assert code == 0, out
    path = repo / "systems" / "cats-vs-dogs.yaml"
    loaded = process_file(path)
    assert loaded.record is not None and loaded.valid, loaded.diagnostics
    assert loaded.record.approach
    assert loaded.record.approach.components[0].name.startswith("Fine-tuned MobileNetV2")
    images = sorted(p.name for p in (repo / "evidence" / "cats-vs-dogs").iterdir())
    assert images == [
        "quantitative-analysis-accuracy.png",
        "validation-set-validation-set-size.png",
    ]
    assert "evidence/cats-vs-dogs/quantitative-analysis-accuracy.png" in path.read_text()
    assert "Mapped to record fields" in out
    assert "Kept verbatim in the component's metadata" in out
    assert "Saved 2 embedded image(s)" in out
    code, out = invoke(repo, "mct", card, "--id", "cats-vs-dogs")
    assert code == 2 and "never overwrites" in out


def test_import_into_an_existing_record_keeps_its_comments(repo: Path) -> None:
    made = CliRunner().invoke(
        cli,
        [
            "new",
            "support-copilot",
            "--no-interactive",
            "--root",
            str(repo),
            "--today",
            "2026-11-26",
        ],
    )
    assert made.exit_code == 0, made.output
    path = repo / "systems" / "support-copilot.yaml"
    path.write_text(
        path.read_text().replace(
            "id: support-copilot\n", "id: support-copilot  # chosen by the PM\n"
        )
    )
    before = path.read_text()
    card = str(FIXTURES / "hf-trainer-ner-conll2003.md")
    code, out = invoke(repo, "hf", card, "--into", "support-copilot")
    assert code == 0, out
    after = path.read_text()
    assert "id: support-copilot  # chosen by the PM" in after
    full_line_comments = [
        line.strip() for line in before.splitlines() if line.lstrip().startswith("#")
    ]
    assert full_line_comments
    assert all(line in after for line in full_line_comments)
    loaded = process_file(path)
    assert loaded.record is not None and loaded.valid, loaded.diagnostics
    assert loaded.record.approach and [c.id for c in loaded.record.approach.components] == [
        "this-is-my-model"
    ]
    assert loaded.record.evaluations and len(loaded.record.evaluations.results) == 4
    before_data, after_data = load_text(before, "x").data, load_text(after, "x").data
    assert all(after_data[key] == value for key, value in before_data.items())
    assert "source_document" not in after_data  # the system's source, not the model's card
    assert "source block (source_document) was not written" in " ".join(out.split())
    # the same model again is refused, unless it gets another id
    code, out = invoke(repo, "hf", card, "--into", "support-copilot")
    assert code == 2 and "already has a component 'this-is-my-model'" in out
    code, out = invoke(repo, "hf", card, "--into", "support-copilot", "--component-id", "ner-v2")
    assert code == 0, out
    record = process_file(path).record
    assert record and record.approach and record.evaluations
    assert [c.id for c in record.approach.components] == ["this-is-my-model", "ner-v2"]
    assert {r.component for r in record.evaluations.results} == {"this-is-my-model", "ner-v2"}


def test_dry_run_and_json_report(repo: Path) -> None:
    card = str(FIXTURES / "hf-autotrain-risk-ranker.md")
    code, out = invoke(repo, "hf", card, "--dry-run", "--format", "json")
    assert code == 0, out
    report = json.loads(out)
    assert report["dry_run"] is True
    assert {row["source"] for row in report["kept_in_metadata"]} >= {
        "widget",
        "## Validation Metrics",
        "## Usage",
    }
    assert not list((repo / "systems").glob("*.yaml"))


def test_print_to_stdout_keeps_images_inline(repo: Path) -> None:
    code, out = invoke(repo, "mct", str(FIXTURES / "mct-cats-vs-dogs-v0.0.2.json"), "-o", "-")
    assert code == 0
    text = out[: out.index("Record '")]
    data = load_text(text, "stdout").data
    graphics = data["approach"]["components"][0]["metadata"]["graphics"]
    images = [
        g["image"] for entry in graphics.values() for g in entry["collection"] if "image" in g
    ]
    assert len(images) == 2
    assert all(base64.b64decode(i).startswith(b"\x89PNG") for i in images)
    assert not (repo / "evidence").joinpath("fine-tuned-mobilenetv2-model-for-cat-vs").exists()


def test_the_accounting_notices_a_dropped_value() -> None:
    """The 'nothing silently dropped' check above can fail: drop one value and it does."""
    path = FIXTURES / "hf-autotrain-risk-ranker.md"
    imported = import_hf(path, today=TODAY)
    imported.component["metadata"].pop("widget")
    meta_text, _, _ = split_front_matter(path.read_text("utf-8"))
    with pytest.raises(AssertionError, match="I love AutoTrain"):
        assert_nothing_silently_dropped(leaves(load_text(meta_text or "", "x").data), imported)


def test_a_markdown_file_that_is_not_a_model_card_is_refused(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Acme AI portfolio\n\nThis repository keeps our AI system records.\n\n## Layout\n\nsystems/\n"
    )
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    run = run_aigov("import", "hf", str(readme), cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr  # like every unusable card
    assert "does not look like a Hugging Face model card" in run.stderr
    assert not (tmp_path / "systems").exists()


def test_output_file_name_sets_the_record_id(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    card = next(p for p in (Path(__file__).parent / "fixtures").rglob("*.json"))
    run = run_aigov("import", "mct", str(card), "-o", "systems/cats-vs-dogs.yaml", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run_aigov("validate", cwd=tmp_path).returncode == 0


def test_a_long_model_name_keeps_its_whole_id() -> None:
    """#20: ids are not cut at 40 characters (an id may have 64)."""
    name = "distilbert-base-uncased-finetuned-sst-2-english"  # 47 characters
    text = f"---\nlicense: mit\nmodel-index:\n- name: {name}\n  results: []\n---\n# {name}\n"
    imported = import_hf_text(text, today=TODAY, display="README.md")
    assert imported.component["id"] == name


# --- where the record came from (source_document) ------------------------------------------


def test_an_imported_hub_card_records_its_source_and_the_repo_named_on_the_command_line(
    repo: Path,
) -> None:
    card = str(FIXTURES / "cards" / "hf-distilbert-sst2.md")
    code, out = invoke(repo, "hf", card, "--id", "sst2", "--hf-repo", "distilbert-base-uncased")
    assert code == 0, out
    loaded = process_file(repo / "systems" / "sst2.yaml")
    assert loaded.record is not None and loaded.valid, loaded.diagnostics
    source = loaded.record.source_document
    assert source is not None
    assert source.standard == "Hugging Face model card"
    assert source.title == "DistilBERT base uncased finetuned SST-2"
    assert source.register_name == "Hugging Face Hub"
    assert source.external_id == "distilbert-base-uncased"
    assert source.url == "https://huggingface.co/distilbert-base-uncased"
    # the card states no language of its own, no publication date: none is written
    assert source.language is None and source.published is None and source.revised is None
    assert "source_document (where the record came from): filled" in out
    assert "url https://huggingface.co/distilbert-base-uncased" in out


def test_without_the_repo_the_url_is_not_guessed() -> None:
    card = FIXTURES / "cards" / "hf-distilbert-sst2.md"
    imp = import_hf_text(card.read_text("utf-8"), today=TODAY, display="README.md")
    assert "url" not in imp.record["source_document"]
    assert "external_id" not in imp.record["source_document"]
    assert any("give --hf-repo owner/name" in n for n in imp.report.notes)


def test_a_markdown_card_without_hub_metadata_names_no_standard() -> None:
    card = FIXTURES / "cards" / "md-gpt2-model-card.md"
    imp = import_hf_text(card.read_text("utf-8"), today=TODAY, display="model_card.md")
    source = imp.record["source_document"]
    assert "standard" not in source
    assert source["revised"] == "2019-11" and source["title"] == "GPT-2 model card"


def test_an_mct_card_records_the_toolkit_and_its_schema_version() -> None:
    imp = import_mct(FIXTURES / "mct-full-v0.0.2.json", today=TODAY)
    assert imp.record["source_document"] == {
        "standard": "Model Card Toolkit",
        "standard_version": "0.0.2",
    }
    assert any(m.target == "source_document.standard_version" for m in imp.report.mapped)


def test_a_repo_id_that_is_not_one_is_refused(repo: Path) -> None:
    card = str(FIXTURES / "cards" / "hf-distilbert-sst2.md")
    code, out = invoke(repo, "hf", card, "--hf-repo", "https://example.org/x", "--dry-run")
    assert code == 2 and "is not a Hugging Face repository id" in out
