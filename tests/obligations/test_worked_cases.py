"""Worked cases of the amended EU AI Act: role × Annex III area or Annex I × derogation × date
before and after each application date × GPAI, each with the tier and obligations expected and
the article it rests on.

Each case is written to a real record file on disk and goes through load → validate → check,
the way `aigov check` runs it; the assertions read the obligations the check left on the record
and the findings it reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from aigov.checks import CheckOptions, Policy
from aigov.checks.engine import check_loaded
from aigov.checks.summary import CheckSummary
from aigov.obligations.engine import ObligationReport
from tests.checks.conftest import load

D = dt.date

BEFORE_ART_50 = D(2026, 8, 1)
AFTER_ART_50 = D(2026, 8, 3)
BEFORE_GRACE_END = D(2026, 12, 1)
AFTER_GRACE_END = D(2026, 12, 3)
BEFORE_ANNEX_III = D(2027, 12, 1)
AFTER_ANNEX_III = D(2027, 12, 2)
BEFORE_ANNEX_I = D(2028, 8, 1)
AFTER_ANNEX_I = D(2028, 8, 2)

EVIDENCED_HIGH_RISK_PROVIDER: dict[str, Any] = {
    "data": {
        "sources": [{"id": "claims", "name": "Claims history"}],
        "representativeness": "All regions, 2019-2026",
    },
    "documentation": {"intended_use": "Triage of claims", "limitations": ["No fraud verdicts"]},
    "approach": {"components": [{"id": "ranker", "name": "Ranker"}]},
    "evaluations": {"results": [{"metric": "recall", "value": 0.9, "date": "2026-10-01"}]},
    "launch": {"red_team": {"date": "2026-09-01"}},
    "operations": {
        "monitoring": [{"id": "mon-q", "kind": "quality", "signal": "overrides per week"}],
        "incidents": {"not_applicable": "no incident so far"},
    },
    "controls": {"govern": [{"id": "ctl-qms", "title": "Quality management procedure"}]},
}


@dataclass(frozen=True)
class Case:
    id: str
    cites: str  # the article the case rests on
    eu: dict[str, Any]
    today: dt.date
    tier: str | None
    expect: dict[str, str]  # obligation id → status
    record: dict[str, Any] = field(default_factory=dict)
    impact: dict[str, Any] = field(default_factory=dict)
    findings: tuple[str, ...] = ()  # rule ids the check must report
    stage: str = "production"


CASES = [
    # --- an undetermined tier: only `profiling: true` is answered (#20) ----------------------
    Case(
        "profiling-only-tier-undetermined",
        "Art. 6(2), Art. 6(3): the Annex III area decides",
        {"role": "deployer", "profiling": True},
        AFTER_ANNEX_III,
        None,
        # the high-risk duties may apply: never reported as not applicable, nor as missing
        {"art-26-2": "tier_undetermined", "art-50-1": "not_applicable"},
    ),
    # --- Art. 50: transparency, 2026-08-02 -------------------------------------------------
    Case(
        "chatbot-provider-before-art-50",
        "Art. 50(1), Art. 113",
        {
            "role": "provider",
            "annex_iii_area": "none",
            "transparency_obligations": ["interacts_with_people"],
        },
        BEFORE_ART_50,
        "limited",
        {"art-50-1": "not_yet_applicable"},
    ),
    Case(
        "chatbot-provider-after-art-50-undisclosed",
        "Art. 50(1), Art. 113",
        {
            "role": "provider",
            "annex_iii_area": "none",
            "transparency_obligations": ["interacts_with_people"],
        },
        AFTER_ART_50,
        "limited",
        {"art-50-1": "missing"},
        findings=("AIG-EU-OBL-001",),
    ),
    Case(
        "chatbot-provider-after-art-50-disclosed",
        "Art. 50(1)",
        {
            "role": "provider",
            "annex_iii_area": "none",
            "transparency_obligations": ["interacts_with_people"],
        },
        AFTER_ART_50,
        "limited",
        {"art-50-1": "given"},
        record={"experience": {"ai_disclosure": "Says it is an AI assistant"}},
        impact={"disclosures": ["The chat says it is an AI system"]},
    ),
    Case(
        "chatbot-deployer-art-50-1-is-the-providers",
        "Art. 50(1) addresses providers",
        {
            "role": "deployer",
            "annex_iii_area": "none",
            "transparency_obligations": ["interacts_with_people"],
        },
        AFTER_ART_50,
        "limited",
        {"art-50-1": "not_applicable"},
    ),
    Case(
        "image-generator-on-market-before-2026-08-02-in-grace",
        "Art. 50(2), Art. 111(4)",
        {
            "role": "provider",
            "annex_iii_area": "none",
            "transparency_obligations": ["synthetic_content"],
            "placed_on_market": "2026-03-01",
        },
        BEFORE_GRACE_END,
        "limited",
        {"art-50-2": "not_yet_applicable"},  # within the 180-day horizon of 2026-12-02
        findings=("AIG-EU-OBL-002",),
    ),
    Case(
        "image-generator-on-market-before-2026-08-02-after-grace",
        "Art. 50(2), Art. 111(4)",
        {
            "role": "provider",
            "annex_iii_area": "none",
            "transparency_obligations": ["synthetic_content"],
            "placed_on_market": "2026-03-01",
        },
        AFTER_GRACE_END,
        "limited",
        {"art-50-2": "missing"},
        findings=("AIG-EU-OBL-001",),
    ),
    Case(
        "image-generator-placed-after-2026-08-02-no-grace",
        "Art. 50(2)",
        {
            "role": "provider",
            "annex_iii_area": "none",
            "transparency_obligations": ["synthetic_content"],
            "placed_on_market": "2026-09-01",
            "marking": "C2PA manifest on every image",
        },
        AFTER_ART_50,
        "limited",
        {"art-50-2": "given"},
    ),
    Case(
        "deep-fake-deployer",
        "Art. 50(4)",
        {"role": "deployer", "annex_iii_area": "none", "transparency_obligations": ["deep_fake"]},
        AFTER_ART_50,
        "limited",
        {"art-50-4": "missing", "art-50-2": "not_applicable"},
    ),
    Case(
        "emotion-recognition-deployer",
        "Art. 50(3)",
        {
            "role": "deployer",
            "annex_iii_area": "none",
            "transparency_obligations": ["emotion_or_biometric_categorisation"],
        },
        AFTER_ART_50,
        "limited",
        {"art-50-3": "given"},
        impact={"disclosures": ["A notice at the entrance says emotion recognition is used"]},
    ),
    # --- Art. 5: prohibitions ----------------------------------------------------------------
    Case(
        "social-scoring-provider",
        "Art. 5",
        {"role": "provider", "prohibited_practices": ["social_scoring"]},
        AFTER_ART_50,
        "prohibited",
        {"art-5": "prohibited"},
        findings=("AIG-EU-OBL-001",),
    ),
    Case(
        "nudifier-during-transitional-period",
        "Art. 5(1)(ba), Art. 113 as amended",
        {"role": "provider", "prohibited_practices": ["non_consensual_intimate_or_csam"]},
        BEFORE_GRACE_END,
        "prohibited",
        {"art-5-1-ba": "not_yet_applicable", "art-5": "not_applicable"},
        findings=("AIG-EU-OBL-002",),
    ),
    Case(
        "nudifier-after-2026-12-02",
        "Art. 5(1)(ba)",
        {"role": "deployer", "prohibited_practices": ["non_consensual_intimate_or_csam"]},
        AFTER_GRACE_END,
        "prohibited",
        {"art-5-1-ba": "prohibited"},
        findings=("AIG-EU-OBL-001",),
    ),
    # --- Annex III high-risk: 2027-12-02 -----------------------------------------------------
    Case(
        "recruitment-deployer-before-annex-iii-date",
        "Art. 26, Annex III 4(a), Art. 113",
        {
            "role": "deployer",
            "annex_iii_area": "employment",
            "annex_iii_point": "4(a)",
            "profiling": True,
        },
        BEFORE_ANNEX_III,
        "high",
        {
            "art-26-2": "not_yet_applicable",
            "art-26-7": "not_yet_applicable",
            "art-9": "not_applicable",
        },
        findings=("AIG-EU-OBL-002",),
    ),
    Case(
        "recruitment-deployer-far-before-annex-iii-date",
        "Art. 26, Art. 113",
        {"role": "deployer", "annex_iii_area": "employment", "profiling": True},
        AFTER_ART_50,
        "high",
        {"art-26-2": "not_yet_applicable", "art-26-6": "not_yet_applicable"},
    ),
    Case(
        "recruitment-deployer-after-annex-iii-date",
        "Art. 26(2), Art. 26(6)",
        {"role": "deployer", "annex_iii_area": "employment", "profiling": True},
        AFTER_ANNEX_III,
        "high",
        {"art-26-2": "given", "art-26-6": "missing", "art-27": "not_applicable"},
        impact={"human_oversight": {"mode": "human_in_the_loop"}},
        findings=("AIG-EU-OBL-001",),
    ),
    Case(
        "credit-scoring-provider-after-annex-iii-date-evidenced",
        "Art. 9-17, Art. 43, Art. 49(1), Art. 72, Art. 73",
        {
            "role": "provider",
            "annex_iii_area": "essential_services",
            "annex_iii_point": "5(b)",
            "profiling": True,
            "logging": "Every decision logged 24 months",
            "conformity_assessment": "DoC-2027-11",
            "registration": "EU-DB-1",
        },
        AFTER_ANNEX_III,
        "high",
        {
            "art-9": "given",
            "art-10": "given",
            "art-11": "given",
            "art-12": "given",
            "art-13": "given",
            "art-14": "given",
            "art-15": "given",
            "art-17": "given",
            "art-43": "given",
            "art-49-1": "given",
            "art-72": "given",
            "art-73": "given",
        },
        record=EVIDENCED_HIGH_RISK_PROVIDER,
        impact={
            "harms": [{"id": "h1", "description": "Wrong refusal"}],
            "human_oversight": {"mode": "human_in_the_loop"},
        },
    ),
    Case(
        "credit-scoring-deployer-needs-fria",
        "Art. 27(1), Annex III 5(b)",
        {
            "role": "deployer",
            "annex_iii_area": "essential_services",
            "annex_iii_point": "5(b)",
            "profiling": True,
        },
        AFTER_ANNEX_III,
        "high",
        {"art-27": "missing"},
        findings=("AIG-EU-OBL-001",),
    ),
    Case(
        "health-insurance-deployer-fria-given",
        "Art. 27(1), Annex III 5(c)",
        {
            "role": "deployer",
            "annex_iii_area": "essential_services",
            "annex_iii_point": "5(c)",
            "profiling": True,
        },
        AFTER_ANNEX_III,
        "high",
        {"art-27": "given"},
        impact={"fundamental_rights_assessment": "FRIA-2027-01"},
    ),
    Case(
        "public-benefits-public-body-fria-and-registration",
        "Art. 27(1), Art. 49(3), Annex III 5(a)",
        {
            "role": "deployer",
            "annex_iii_area": "essential_services",
            "annex_iii_point": "5(a)",
            "profiling": True,
            "public_body": True,
        },
        AFTER_ANNEX_III,
        "high",
        {"art-27": "missing", "art-49-3": "missing"},
    ),
    Case(
        "education-private-deployer-no-fria",
        "Art. 27(1) (private, not 5(b)/(c))",
        {
            "role": "deployer",
            "annex_iii_area": "education",
            "profiling": True,
            "public_body": False,
        },
        AFTER_ANNEX_III,
        "high",
        {"art-27": "not_applicable", "art-26-11": "missing"},
    ),
    Case(
        "critical-infrastructure-public-deployer-no-fria",
        "Art. 27(1) excludes Annex III 2",
        {
            "role": "deployer",
            "annex_iii_area": "critical_infrastructure",
            "profiling": False,
            "public_body": True,
        },
        AFTER_ANNEX_III,
        "high",
        {"art-27": "not_applicable", "art-26-2": "missing"},
    ),
    Case(
        "importer-of-annex-iii-system",
        "Art. 23",
        {"role": "importer", "annex_iii_area": "biometrics", "profiling": True},
        AFTER_ANNEX_III,
        "high",
        {"art-23": "missing", "art-9": "not_applicable"},
    ),
    Case(
        "distributor-of-annex-iii-system-verified",
        "Art. 24",
        {
            "role": "distributor",
            "annex_iii_area": "migration",
            "profiling": True,
            "conformity_assessment": "CE and DoC checked 2027-12-01",
        },
        AFTER_ANNEX_III,
        "high",
        {"art-24": "given"},
    ),
    Case(
        "authorised-representative",
        "Art. 22",
        {
            "role": "authorised_representative",
            "annex_iii_area": "law_enforcement",
            "profiling": True,
        },
        AFTER_ANNEX_III,
        "high",
        {"art-22": "missing"},
    ),
    # --- Art. 6(3) derogation ----------------------------------------------------------------
    Case(
        "derogation-provider-before-annex-iii-date",
        "Art. 6(3), Art. 6(4), Art. 49(2)",
        {
            "role": "provider",
            "annex_iii_area": "employment",
            "profiling": False,
            "derogation": {
                "applies": True,
                "reason": "preparatory_task",
                "reasoning": "Only sorts CVs by date",
            },
        },
        AFTER_ART_50,
        "minimal",
        {
            "art-6-4": "not_yet_applicable",
            "art-49-2": "not_yet_applicable",
            "art-9": "not_applicable",
        },
    ),
    Case(
        "derogation-provider-after-annex-iii-date-unregistered",
        "Art. 49(2) (kept by the 2026 amendment)",
        {
            "role": "provider",
            "annex_iii_area": "employment",
            "profiling": False,
            "derogation": {
                "applies": True,
                "reason": "narrow_procedural_task",
                "reasoning": "Deduplicates CVs",
            },
        },
        AFTER_ANNEX_III,
        "minimal",
        {"art-6-4": "given", "art-49-2": "missing"},
        findings=("AIG-EU-OBL-001",),
    ),
    Case(
        "derogation-claimed-for-profiling-stays-high-risk",
        "Art. 6(3) last subparagraph",
        {
            "role": "provider",
            "annex_iii_area": "employment",
            "profiling": True,
            "derogation": {
                "applies": True,
                "reason": "preparatory_task",
                "reasoning": "Only ranks",
            },
        },
        AFTER_ANNEX_III,
        "high",
        {"art-9": "missing", "art-49-1": "missing"},
    ),
    # --- Annex I: 2028-08-02 -----------------------------------------------------------------
    Case(
        "annex-i-provider-after-annex-iii-before-annex-i-date",
        "Art. 6(1), Art. 113 as amended",
        {"role": "provider", "annex_iii_area": "none", "annex_i_product": True},
        AFTER_ANNEX_III,
        "high",
        {"art-9": "not_yet_applicable", "art-49-1": "not_applicable"},
    ),
    Case(
        "annex-i-provider-day-before-annex-i-date",
        "Art. 6(1)",
        {"role": "provider", "annex_iii_area": "none", "annex_i_product": True},
        BEFORE_ANNEX_I,
        "high",
        {"art-9": "not_yet_applicable", "art-12": "not_yet_applicable"},
        findings=("AIG-EU-OBL-002",),
    ),
    Case(
        "annex-i-provider-on-annex-i-date",
        "Art. 6(1), Art. 9",
        {"role": "provider", "annex_iii_area": "none", "annex_i_product": True},
        AFTER_ANNEX_I,
        "high",
        {"art-9": "missing", "art-43": "missing"},
        findings=("AIG-EU-OBL-001",),
    ),
    Case(
        "product-manufacturer-is-the-provider",
        "Art. 25(3)",
        {"role": "product_manufacturer", "annex_iii_area": "none", "annex_i_product": True},
        AFTER_ANNEX_I,
        "high",
        {"art-9": "missing"},
        findings=("AIG-EU-OBL-003", "AIG-EU-OBL-001"),
    ),
    # --- Art. 25: becoming the provider ------------------------------------------------------
    Case(
        "deployer-substantially-modifies",
        "Art. 25(1)(b)",
        {
            "role": "deployer",
            "annex_iii_area": "essential_services",
            "profiling": True,
            "substantial_modification": True,
        },
        AFTER_ANNEX_III,
        "high",
        {"art-9": "missing", "art-26-2": "missing"},
        findings=("AIG-EU-OBL-003",),
    ),
    Case(
        "distributor-puts-own-name",
        "Art. 25(1)(a)",
        {
            "role": "distributor",
            "annex_iii_area": "education",
            "profiling": True,
            "art_25": ["own_name_or_trademark"],
        },
        AFTER_ANNEX_III,
        "high",
        {"art-11": "missing", "art-24": "missing"},
    ),
    # --- GPAI models (Chapter V) -------------------------------------------------------------
    Case(
        "gpai-model-provider",
        "Art. 53(1)",
        {
            "role": "gpai_model_provider",
            "annex_iii_area": "none",
            "gpai": True,
            "gpai_documentation": "MDF-2026-01",
            "copyright_policy": "POL-3",
        },
        AFTER_ART_50,
        "minimal",
        {
            "art-53-1-a": "given",
            "art-53-1-c": "given",
            "art-53-1-d": "missing",
            "art-55-1-a": "not_applicable",
        },
        findings=("AIG-EU-OBL-001",),
    ),
    Case(
        "gpai-model-placed-before-2025-08-02-in-transition",
        "Art. 53, Art. 111(3)",
        {
            "role": "gpai_model_provider",
            "annex_iii_area": "none",
            "gpai": True,
            "placed_on_market": "2025-03-01",
        },
        AFTER_ART_50,
        "minimal",
        {"art-53-1-a": "not_yet_applicable"},
    ),
    Case(
        "gpai-model-with-systemic-risk",
        "Art. 55(1)",
        {"role": "gpai_model_provider_systemic_risk", "annex_iii_area": "none", "gpai": True},
        AFTER_ART_50,
        "minimal",
        {"art-55-1-a": "missing", "art-55-1-c": "missing", "art-53-1-b": "missing"},
    ),
    Case(
        "provider-and-gpai-provider-chatbot",
        "Art. 50(1), Art. 53(1)",
        {
            "role": "provider",
            "further_roles": ["gpai_model_provider"],
            "annex_iii_area": "none",
            "gpai": True,
            "transparency_obligations": ["interacts_with_people"],
        },
        AFTER_ART_50,
        "limited",
        {"art-50-1": "missing", "art-53-1-a": "missing"},
    ),
    # --- roles not known ---------------------------------------------------------------------
    Case(
        "role-unknown-waits",
        "Art. 3 (who is the operator)",
        {"role": "unknown", "annex_iii_area": "employment", "profiling": True},
        AFTER_ANNEX_III,
        "high",
        {"art-9": "role_unknown", "art-26-2": "role_unknown"},
    ),
    Case(
        "idea-stage-is-not-reported-yet",
        "Art. 26 (applies once in use)",
        {"role": "deployer", "annex_iii_area": "employment", "profiling": True},
        AFTER_ANNEX_III,
        "high",
        {"art-26-2": "missing"},
        stage="idea",
    ),
]


def write_case(case: Case, folder: Path) -> Path:
    record: dict[str, Any] = {
        "schema_version": 1,
        "id": case.id,
        "name": case.id.replace("-", " "),
        "lifecycle": {"stage": case.stage},
        **case.record,
        "impact_assessment": {**case.impact, "eu_ai_act": case.eu},
    }
    path = folder / f"{case.id}.yaml"
    path.write_text(
        f"# worked case: {case.cites}\n" + yaml.safe_dump(record, sort_keys=False), "utf-8"
    )
    return path


def run(case: Case, folder: Path) -> tuple[ObligationReport, list[str]]:
    loaded = load(write_case(case, folder))
    diags = check_loaded(loaded, CheckOptions(today=case.today, policy=Policy()))
    summary = loaded.check_summary
    assert isinstance(summary, CheckSummary) and summary.obligations is not None
    return summary.obligations, [d.code for d in diags]


def test_there_are_at_least_thirty_cases_each_citing_its_article() -> None:
    assert len(CASES) >= 30
    assert all(c.cites.strip() for c in CASES)
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_worked_case(case: Case, tmp_path: Path) -> None:
    report, codes = run(case, tmp_path)
    assert (report.tier.value if report.tier else None) == case.tier, case.cites
    statuses = {i.obligation.id: i.status for i in report.items}
    assert {k: statuses[k] for k in case.expect} == case.expect, case.cites
    for rule in case.findings:
        assert rule in codes, (case.cites, codes)
    if case.stage == "idea":
        assert "AIG-EU-OBL-001" not in codes
    assert report.text_id == "2024-1689-2026-07-27"
    assert report.tier_undetermined == (case.id == "profiling-only-tier-undetermined")


def test_the_tier_reason_names_the_article_and_the_text_version(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "nudifier-during-transitional-period")
    loaded = load(write_case(case, tmp_path))
    check_loaded(loaded, CheckOptions(today=case.today))
    summary = loaded.check_summary
    assert isinstance(summary, CheckSummary)
    (reason,) = summary.tier.eu_reasons
    assert "Art. 5(1)(ba)" in reason and "2026-12-02" in reason
    assert "consolidated 2026-07-27" in reason


def test_a_finding_names_the_article_and_its_date(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "recruitment-deployer-after-annex-iii-date")
    loaded = load(write_case(case, tmp_path))
    diags = check_loaded(loaded, CheckOptions(today=case.today))
    (d,) = [
        d
        for d in diags
        if d.code == "AIG-EU-OBL-001" and d.field == "impact_assessment.eu_ai_act.logging"
    ]
    assert "Art. 26(6)" in d.message and "2027-12-02" in d.message and "Art. 113" in d.message
    assert d.line >= 1 and d.column >= 1
