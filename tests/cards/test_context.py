"""The card context: gaps stay visible, numbers and verdicts are right, findings reach the top."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest

from aigov.audience import redact
from aigov.cards import CardError, card_context, render_card, render_json
from aigov.cards.context import CardOptions, rating
from aigov.checks.tier import harm_tier
from aigov.model import Likelihood, Severity
from tests.conftest import REPO

from .conftest import GENERATED_AT, Repo, copy_repo, load_repo


def ctx(repo: Repo, system: str, model: str | None = None, **kw: Any) -> dict[str, Any]:
    return card_context(
        repo.records[system],
        root=repo.root,
        model=model,
        options=repo.options(**kw),
        checks=repo.checks[system],
        generated_at=GENERATED_AT,
    )


def fact(facts: list[Any], key: str) -> Any:
    return next(f.value for f in facts if f.key == key)


def test_unknown_not_applicable_missing_and_none_are_told_apart(fixtures: Repo) -> None:
    card = ctx(fixtures, "sparse-idea")
    s = card["sections"]
    assert card["system"]["summary"].state == "unknown"
    assert card["system"]["accountable"].label == "Unknown (not yet answered)"
    assert s["data"].state.state == "not_applicable"
    assert s["data"].state.label == "Not applicable: Idea stage: no data has been chosen yet"
    assert s["operations"].state.justification == "Not deployed"
    assert fact(s["purpose"].facts, "before").state == "missing"
    assert fact(s["purpose"].facts, "autonomy").state == "unknown"
    # affected_people: [] on purpose is "none", not a gap
    none = fact(s["people"].facts, "affected_people")
    assert none.given and none.text == []
    assert s["impact"].harms_state.given and s["impact"].harms == []
    comp = s["approach"].components[0]
    assert comp["license"].label == "Not applicable: A hosted API; no licence to the weights"
    assert comp["provider"].state == "unknown"


def test_sections_that_are_not_given_render_their_heading_and_the_gap(fixtures: Repo) -> None:
    md = str(
        render_card(fixtures.records["sparse-idea"], "md", root=fixtures.root,
                    generated_at=GENERATED_AT)
    )  # fmt: skip
    block = md.split("## 6. Data", 1)[1].split("## 7.", 1)[0]
    assert "Not applicable: Idea stage: no data has been chosen yet" in block
    assert "## 15. Operations" in md and "Not applicable: Not deployed" in md
    # no empty heading: every "### " heading is followed by content before the next heading
    lines = [ln for ln in md.splitlines() if ln.strip()]
    for here, after in itertools.pairwise(lines):
        if here.startswith("#"):
            assert not after.startswith("#") or after.count("#") > here.split()[0].count("#"), (
                f"empty heading: {here!r}"
            )


def test_a_card_with_open_errors_says_so_at_the_top(fixtures: Repo) -> None:
    card = ctx(fixtures, "property-claims")
    status = card["status"]
    assert status["level"] == "error" and status["errors"] >= 1 and status["checked"]
    assert status["title"] == "Not approved"
    assert status["headline"].startswith("Not approved: ")
    codes = [f["code"] for f in card["findings"]]
    assert "AIG-REF-MISSING" in codes
    assert card["findings"][0]["severity"] == "error"  # errors first
    md = str(render_card(fixtures.records["property-claims"], "md", root=fixtures.root))
    first = md.split("## 1. Decision summary", 1)[0]
    assert "Not approved" in first and status["headline"] in first


def test_harm_ratings_use_the_same_matrix_as_the_tier_checks() -> None:
    for sev in Severity:
        for lik in Likelihood:
            r = rating(sev, lik)
            assert r is not None
            assert r["rating"] == harm_tier(sev, lik).value
            assert r["score"] == sev.score * lik.score
    assert rating(None, Likelihood.RARE) is None


def test_harms_register_mitigations_and_matrix(fixtures: Repo) -> None:
    impact = ctx(fixtures, "property-claims")["sections"]["impact"]
    harms = {h["id"]: h for h in impact.harms}
    wrong = harms["wrong-flag-delay"]
    assert wrong["inherent"] == {"score": 9, "rating": "medium", "label": "Medium"}
    assert wrong["residual"]["score"] == 4  # medium × unlikely
    assert [m["title"] for m in wrong["mitigations"]] == [
        "Adjuster decides every claim",
        "Monthly disparity check by region",
    ]
    dangling = harms["automation-bias"]["mitigations"][1]
    assert dangling == {
        "id": "ctl-missing", "known": False, "title": "", "status": None, "status_label": "",
    }  # fmt: skip
    assert harms["automation-bias"]["residual"] is None
    cells = {
        (row["severity"], c["likelihood"]): c for row in impact.matrix["rows"] for c in row["cells"]
    }
    assert cells[("high", "possible")]["inherent"] == ["wrong-flag-delay"]
    assert cells[("medium", "unlikely")]["residual"] == ["wrong-flag-delay"]


def test_controls_are_grouped_by_nist_function_with_subcategory_text(fixtures: Repo) -> None:
    fns = {f["id"]: f for f in ctx(fixtures, "property-claims")["sections"]["controls"].functions}
    assert list(fns) == ["govern", "map", "measure", "manage"]
    measure = fns["measure"]["controls"][0]
    sub = measure["subcategories"][0]
    assert sub["id"] == "MEASURE 2.11" and sub["known"]
    assert sub["text"].startswith("Fairness and bias")
    assert measure["mitigates"] == ["wrong-flag-delay", "regional-bias"]
    assert (fns["manage"]["implemented"], fns["manage"]["total"]) == (1, 2)


def test_evaluation_results_latest_previous_history_and_verdicts(fixtures: Repo) -> None:
    results = ctx(fixtures, "property-claims")["sections"]["evaluation"].results
    rows = {(r["metric"], r["split"], r["slice"]): r for r in results["latest"]}
    ratio = rows[("flag-ratio", None, None)]
    assert (ratio["value"], ratio["passes"], ratio["threshold_text"]) == (1.18, True, "≤ 1.25")
    assert ratio["previous"] == {
        "value": 1.4, "value_text": "1.4", "date": "2026-03-01",
        "dataset": "holdout-2026q2", "dataset_name": "Hold-out claims Q2 2026",
    }  # fmt: skip
    rural = rows[("precision-top10", "test", "region=rural")]
    assert rural["passes"] is False
    assert rows[("precision-top10", "test", None)]["confidence_interval"] == "0.36–0.4 (95%)"
    # the January and July results on the test split are one series, two points
    assert [h["trend"] for h in results["history"]] == ["0.31 → 0.38", "1.4 → 1.18"]
    assert results["summary"] == {
        "series": 5, "passing": 3, "failing": 1, "no_threshold": 1, "measurements": 7,
    }  # fmt: skip
    group = next(g for g in results["groups"] if g["split"] == "test" and g["metric"] ==
                 "precision-top10")  # fmt: skip
    assert [r["slice"] for r in group["rows"]] == [None, "region=rural"]  # overall first


def test_metric_targets_and_whether_the_current_value_meets_them(fixtures: Repo) -> None:
    layers = {ly["id"]: ly for ly in ctx(fixtures, "property-claims")["sections"]["metrics"].layers}
    fraud = layers["business"]["metrics"][0]
    assert (fraud["current_text"], fraud["threshold_text"], fraud["meets"]) == (
        "63%", "≥ 60%", True,
    )  # fmt: skip
    assert layers["user_experience"]["metrics"][0]["meets"] is True  # 24 ≤ 30
    assert layers["operational"]["state"].state == "not_applicable"


def test_signoffs_bound_to_other_content_are_stale(fixtures: Repo) -> None:
    rows = ctx(fixtures, "property-claims")["sections"]["signoffs"].signoffs
    assert [(r["role"], r["binding"]) for r in rows] == [("legal", "stale"), ("privacy", "unbound")]


def test_model_card_results_and_sections(fixtures: Repo) -> None:
    card = ctx(fixtures, "property-claims", "fraud-scorer")
    assert card["kind"] == "model" and card["title"] == "Model card: Fraud risk scorer"
    assert card["section_order"] == [
        "decision", "details", "intended-use", "factors", "metrics", "evaluation-data",
        "training-data", "quantitative-analyses", "ethical-considerations", "caveats",
        "signature-page",
    ]  # fmt: skip
    q = card["sections"]["quantitative-analyses"]
    assert q.results["summary"]["measurements"] == 7
    assert card["sections"]["training-data"].datasets[0]["legal_basis"] == "Contract"
    other = ctx(fixtures, "property-claims", "Adjuster notes summariser")  # by name
    assert other["component"]["id"] == "notes-summariser"
    assert other["sections"]["quantitative-analyses"].results_state.state == "missing"
    assert other["sections"]["training-data"].data_state.state == "unknown"
    # the system's error is not in this model's part, but the banner still says so
    assert other["status"]["level"] == "error" and other["status"]["errors"] == 0
    errors = ctx(fixtures, "property-claims")["status"]["errors"]
    assert other["status"]["system_errors"] == errors
    assert f"system record has {errors} open error" in other["status"]["headline"]


def test_unknown_model_and_invalid_record_are_card_errors(fixtures: Repo) -> None:
    with pytest.raises(CardError, match="no model component 'nope'"):
        ctx(fixtures, "property-claims", "nope")
    with pytest.raises(CardError, match="per model"):
        render_card(fixtures.records["property-claims"], "hf", root=fixtures.root)


def test_public_edition_withholds_what_visibility_marks_internal(fixtures: Repo) -> None:
    loaded = redact(fixtures.records["property-claims"], "public")
    card = card_context(loaded, root=fixtures.root, generated_at=GENERATED_AT)
    ops = card["sections"]["operations"]
    assert card["audience"] == "public"
    assert ops.incidents_state.state == "withheld" and ops.incidents == []
    assert any("ncidents" in w for w in card["withheld"])
    text = render_json(card)
    assert "Scores missing for 3 hours" not in text
    internal = render_json(ctx(fixtures, "property-claims"))
    assert "Scores missing for 3 hours" in internal


def test_today_decides_whether_the_review_is_overdue(fixtures: Repo) -> None:
    due = ctx(fixtures, "property-claims")["system"]
    assert (due["next_review"], due["review_overdue"]) == ("2026-11-13", False)
    late = card_context(
        fixtures.records["property-claims"],
        root=fixtures.root,
        options=CardOptions(today=dt.date(2027, 1, 1)),
        generated_at=GENERATED_AT,
    )
    assert late["system"]["review_overdue"] is True


def test_glance_names_the_worst_remaining_rating_and_the_sign_offs_that_count(
    examples: Repo,
) -> None:
    card = ctx(examples, "claims-triage")
    facts = card["glance"]
    # residual critical × rare rates high (score 4); medium × possible rates medium (score 6):
    # the rating decides, not the score
    harms = card["sections"]["impact"].parts["harms"]
    residual = {h["id"]: (h["residual"]["rating"], h["residual"]["score"]) for h in harms}
    assert residual["health-data-reuse"] == ("high", 4)
    assert residual["rubber-stamping"] == ("medium", 6)
    assert fact(facts, "harms").text == "5; highest remaining risk: High"
    # one line per role: re-signed roles show their new sign-off, not the superseded ones
    lines = fact(facts, "signoffs").text
    assert [line.split(":")[0] for line in lines] == ["Compliance", "Privacy", "Legal", "Risk"]
    assert lines[0].endswith("(the record changed since)")
    assert not any("2026-08-2" in line for line in lines)
    # the card's sign-off table shows the superseded ones neutrally, not as stale
    rows = {
        (r["role"], r["date"]): r["superseded"]
        for r in card["sections"]["signoffs"].parts["signoffs"]
    }
    assert rows[("legal", "2026-08-28")] == "Superseded by the legal sign-off of 2026-11-23"
    assert rows[("legal", "2026-11-23")] == "Superseded by the legal sign-off of 2026-11-26"
    assert rows[("legal", "2026-11-26")] == (
        "Superseded by the legal sign-off of 2026-12-03 19:38 UTC"
    )
    # the examples were re-signed on 2026-12-04: that legal sign-off is the current one
    assert rows[("legal", "2026-12-03")] == (
        "Superseded by the legal sign-off of 2026-12-04 02:54 UTC"
    )
    assert rows[("legal", "2026-12-04")] == ""


def test_the_gaps_are_where_the_banner_and_the_cli_say(examples: Repo) -> None:
    """The banner sends the reader to the decision summary's gaps; each gap there names its
    entry in the engineer's appendix, which does not send the reader anywhere else."""
    from aigov.cards.decision import APPENDIX_TITLE, GAPS_TITLE

    for fmt, gaps, appendix in (
        ("md", f"\n### {GAPS_TITLE}\n", f"\n## {APPENDIX_TITLE}\n"),
        ("html", f'<h3 id="gaps">{GAPS_TITLE}</h3>', f"<h2>{APPENDIX_TITLE}</h2>"),
    ):
        out = str(
            render_card(examples.records["claims-triage"], fmt, root=examples.root,
                        generated_at=GENERATED_AT)
        )  # fmt: skip
        top, rest = out.split(gaps, 1)
        summary, findings = rest.split(appendix, 1)
        assert f"see “{GAPS_TITLE}” in the decision summary" in top
        assert "A1" in summary and APPENDIX_TITLE in summary
        decision = top.split("Decision summary", 1)[1] + summary.split("\n## 2.")[0].split("<h2")[0]
        assert "AIG-" not in decision and ".yaml:" not in decision  # ids, positions: appendix
        assert "AIG-" in findings and "at the end" not in findings


def test_contacts_the_source_block_and_kept_source_text_are_shown(fixtures: Repo) -> None:
    for fmt in ("md", "html"):
        out = str(
            render_card(fixtures.records["property-claims"], fmt, root=fixtures.root,
                        generated_at=GENERATED_AT)
        )  # fmt: skip
        assert "claims-ai@example.com" in out  # owner.contact, never shown before #20
        assert "Northwind Mutual Insurance SE" in out  # owner.legal_entity
        assert "NW-AI-0042" in out and "Algoritmeregister publicatiestandaard" in out
        assert "2026-04" in out and "ai-register@example.com" in out
        assert "From the source" in out and "8-bit model" in out
        # the value as written, its partial date, where it was reported, its decision threshold
        assert "0.9105504587155964" in out and "Model validation report MV-2026-07" in out
        assert "at decision threshold 0.5" in out


def test_a_result_value_is_shown_as_written() -> None:
    from aigov.model import EvalResult

    def text(value: object) -> str:
        r = EvalResult.model_validate({"metric": "accuracy", "value": value})
        return r.value_text

    assert (text(82.0), text(82), text(0.9105504587155964)) == ("82.0", "82", "0.9105504587155964")


def test_a_model_family_shows_its_variants_and_system_totals(tmp_path: Any) -> None:
    import shutil

    from aigov.project import process_file

    from .conftest import REPO

    src = REPO / "tests" / "fixtures" / "model-family.yaml"
    (tmp_path / "systems").mkdir()
    shutil.copy(src, tmp_path / "systems" / "model-family.yaml")
    loaded = process_file(tmp_path / "systems" / "model-family.yaml")
    model = str(
        render_card(loaded, "md", model="family-llm", root=tmp_path, generated_at=GENERATED_AT)
    )
    assert "### Variants" in model and "#### Example-LLM-3-8B-Instruct" in model
    assert "**Knowledge cut-off:** 2023-12" in model and "**Released:** 2024" in model
    assert "**Parameters:** 70,000,000,000" in model or "70000000000" in model
    assert "Emissions offset (kg CO2 eq.)" in model
    system = str(render_card(loaded, "md", root=tmp_path, generated_at=GENERATED_AT))
    assert "### Compute and emissions, whole system" in system
    assert "Market-based emissions (kg CO2 eq.):** 0" in system


def test_organisation_wide_controls_show_under_govern_with_their_texts_in_the_appendix(
    tmp_path: Path,
) -> None:
    from aigov.cards.appendix import print_appendix

    extra = ("evidence", "aigov.yaml", "organisation.yaml")
    repo = load_repo(copy_repo(REPO / "systems", tmp_path / "repo", extra))
    card = ctx(repo, "claims-triage")
    org = card["sections"]["controls"].parts["organisation"]
    assert [c["id"] for c in org] == [
        "ctl-group-ai-policy",
        "ctl-ai-inventory",
        "ctl-ai-risk-training",
    ]
    assert org[0]["status"] == "Verified"
    md = str(
        render_card(repo.records["claims-triage"], "md", root=repo.root, generated_at=GENERATED_AT)
    )
    govern = md.split("### GOVERN", 1)[1].split("### MAP", 1)[0]
    assert "Organisation-wide, in `organisation.yaml`" in govern
    assert "`ctl-ai-inventory` (implemented; GOVERN 1.6)" in govern
    # GOVERN 1.6 is cited by the organisation's inventory control only: its text is printed
    assert "GOVERN 1.6" in [s.id for s in print_appendix(card).subcategories]
    # a public edition leaves the organisation record out, as the public site does
    public = card_context(
        redact(repo.records["claims-triage"], "public"), root=repo.root, generated_at=GENERATED_AT
    )
    assert public["sections"]["controls"].parts["organisation"] == []


def test_controls_and_harms_show_their_iso_42001_and_600_1_references(examples: Repo) -> None:
    s = ctx(examples, "support-copilot")["sections"]
    controls = {c["id"]: c for fn in s["controls"].functions for c in fn["controls"]}
    weekly = controls["ctl-weekly-eval"]
    assert weekly["iso_42001"] == [
        {"id": "A.6.2.4", "title": "AI system verification and validation"},
        {"id": "A.6.2.6", "title": "AI system operation and monitoring"},
    ]
    assert weekly["nist_600_1"] == ["MS-2.5-001", "MS-2.5-003", "MS-4.2-002"]
    harm = next(h for h in s["impact"].harms if h["id"] == "wrong-policy-statement")
    assert harm["gai_risks"] == [
        {"id": "confabulation", "title": "Confabulation"},
        {"id": "information-integrity", "title": "Information Integrity"},
    ]
    md = str(render_card(examples.records["support-copilot"], "md", root=examples.root))
    assert "ISO/IEC 42001 Annex A controls: **A.6.2.4** AI system verification and" in md
    assert "NIST AI 600-1 GAI risks: Confabulation; Information Integrity" in md
    # a control that names neither framework gets no empty line for them
    plain = str(render_card(examples.records["fraud-scoring"], "md", root=examples.root))
    assert "ISO/IEC 42001 Annex A controls:" not in plain
