"""Generate a governance repository of N realistic, valid aigov records for benchmarking.

    python bench/generate.py 1000 /tmp/portfolio            # 1,000 records, seed 2026
    python bench/generate.py 100 /tmp/p100 --seed 7 --force

Every record is built from the record model's vocabulary (aigov/model.py): harms that point at
real controls, controls citing real NIST AI RMF subcategories, evaluation history, monitoring,
gates, incidents and sign-offs. Sizes vary with the lifecycle stage the way real portfolios do:
ideas are a page, production systems 15-25 KB, most records 10-20 KB.

Record *i* depends only on (seed, i), never on N, so `systems/<id>.yaml` for the first records
is byte-identical in a 10-system and a 1,000-system portfolio. That is what lets the benchmark
compare one system's page across portfolio sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 2026
TODAY = dt.date(2026, 10, 1)  # fixed, so the output never depends on the day it runs
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/aigov-record.schema.json\n"

# --- vocabulary ------------------------------------------------------------------------------

FIRST = [
    "Priya",
    "Amara",
    "Jonas",
    "Marco",
    "Dana",
    "Lena",
    "Tomasz",
    "Aisha",
    "Kenji",
    "Sofia",
    "Mateo",
    "Ingrid",
    "Yusuf",
    "Chloe",
    "Ravi",
    "Elena",
    "Noah",
    "Fatima",
    "Lukas",
    "Mei",
    "Oskar",
    "Zanele",
    "Hugo",
    "Nadia",
    "Arjun",
    "Clara",
    "Emeka",
    "Sven",
    "Leila",
    "Diego",
]
LAST = [
    "Raman",
    "Okafor",
    "Becker",
    "Bellini",
    "Whitfield",
    "Novak",
    "Kowalski",
    "Haddad",
    "Tanaka",
    "Rossi",
    "Alvarez",
    "Lindqvist",
    "Demir",
    "Martin",
    "Iyer",
    "Petrova",
    "Fischer",
    "Nakamura",
    "Mensah",
    "Moreau",
    "Brennan",
    "Costa",
    "Sato",
    "Wojcik",
    "Dubois",
    "Khan",
    "Hansen",
    "Osei",
    "Ferreira",
    "Jansen",
]
REGIONS = ["EU", "UK", "US", "DE", "FR", "PL", "NL", "ES", "IT", "SE", "CA", "JP", "IN", "BR"]
LANGS = ["en", "de", "fr", "pl", "nl", "es", "it", "sv", "ja", "pt"]
CLOUDS = [
    "AWS eu-central-1, Kubernetes",
    "GCP europe-west4, Cloud Run",
    "Azure West Europe, AKS",
    "On-premises GPU cluster, Frankfurt",
    "AWS us-east-1, SageMaker endpoints",
]
VENDORS = [
    ("api", "Anthropic", "claude-sonnet-4-5", "proprietary"),
    ("api", "OpenAI", "gpt-4.1-2025-04-14", "proprietary"),
    ("api", "Google", "gemini-2.5-pro", "proprietary"),
    ("open_weights", "Meta", "Llama-3.1-8B-Instruct", "llama3.1"),
    ("open_weights", "Mistral AI", "Mistral-7B-Instruct-v0.3", "apache-2.0"),
    ("fine_tuned", "in-house ML platform", "3.2.0", "proprietary"),
    ("in_house", "in-house ML platform", "2026.09", "proprietary"),
    ("vendor_product", "Acme Analytics", "11.4", "proprietary"),
]


@dataclass(frozen=True)
class Archetype:
    """One kind of AI system a large company runs, with the words its record would use."""

    slug: str
    name: str
    domain: str
    team: str
    users: tuple[str, ...]
    affected: tuple[str, ...]
    help: tuple[str, ...]
    autonomy: str
    patterns: tuple[str, ...]
    kinds: tuple[str, ...]
    decision: str
    before: str
    after: str
    data: tuple[tuple[str, str, tuple[str, ...], bool, tuple[str, ...]], ...]
    harms: tuple[tuple[str, str, str, str], ...]
    business: tuple[tuple[str, str, str], ...]
    quality: tuple[tuple[str, str, str], ...]
    guardrails: tuple[tuple[str, str, str], ...]
    annex: str
    people: bool
    tier: str
    eu_tier: str


def _a(**kw: Any) -> Archetype:
    return Archetype(**kw)


ARCHETYPES: tuple[Archetype, ...] = (
    _a(
        slug="support-copilot",
        name="Support reply copilot",
        domain="customer support",
        team="Customer Support Engineering",
        users=("Tier-1 support agents", "Support team leads"),
        affected=("Customers writing in", "Agents whose handle time is reported"),
        help=("augment", "generate"),
        autonomy="copilot",
        patterns=("api_model", "retrieval_augmented"),
        kinds=("llm", "embedding"),
        decision="how an agent answers a support ticket",
        before="Agents read the whole thread, search the help centre and write each reply by hand",
        after="A copilot drafts a reply with citations to help-centre articles; the agent edits and sends it",
        data=(
            ("help-centre", "Help-centre articles", ("retrieval",), False, ()),
            ("ticket-history", "Resolved support tickets", ("evaluation", "feedback"), True, ()),
            ("live-tickets", "Incoming ticket text", ("runtime_input",), True, ()),
        ),
        harms=(
            (
                "wrong-refund-promise",
                "financial",
                "Customers",
                "promises a refund the policy does not allow",
            ),
            (
                "pii-leak",
                "privacy",
                "Customers",
                "quotes another customer's details from retrieved tickets",
            ),
            ("rude-tone", "trust", "Customers", "mirrors the tone of an abusive message"),
            (
                "outdated-policy",
                "compliance",
                "Customers",
                "cites a policy article that has been withdrawn",
            ),
        ),
        business=(
            ("handle-time", "Average handle time", "minutes"),
            ("csat", "Customer satisfaction", "%"),
        ),
        quality=(
            ("groundedness", "Grounded answers", "%"),
            ("policy-accuracy", "Policy accuracy", "%"),
        ),
        guardrails=(("hallucination-rate", "Unsupported claims per 100 drafts", "per 100"),),
        annex="none",
        people=False,
        tier="medium",
        eu_tier="limited",
    ),
    _a(
        slug="claims-triage",
        name="Insurance claims triage",
        domain="claims handling",
        team="Claims ML",
        users=("Claims adjusters", "Fraud investigators"),
        affected=("Policyholders filing a claim",),
        help=("predict", "automate"),
        autonomy="copilot",
        patterns=("custom_trained", "model_plus_human_review"),
        kinds=("classifier",),
        decision="which queue a new claim goes to and how fast it is paid",
        before="Every claim waits in one queue until an adjuster reads it, about four days",
        after="Claims are scored on arrival; simple ones go to fast track, high-impact ones to a senior adjuster",
        data=(
            (
                "claims-history",
                "Closed claims 2019-2025",
                ("training", "validation"),
                True,
                ("finance",),
            ),
            ("holdout-2025q4", "Holdout claims, Q4 2025", ("evaluation",), True, ("finance",)),
            (
                "claim-forms",
                "Claim form fields and adjuster notes",
                ("runtime_input",),
                True,
                ("health",),
            ),
        ),
        harms=(
            ("false-fast-track", "financial", "Insurer", "fast-tracks a fraudulent claim"),
            (
                "delayed-valid-claim",
                "financial",
                "Policyholders",
                "sends a valid urgent claim to the slow queue",
            ),
            (
                "regional-bias",
                "fairness",
                "Policyholders in rural regions",
                "scores claims from rural postcodes as riskier",
            ),
            (
                "health-data-exposure",
                "privacy",
                "Policyholders",
                "exposes health details in the triage notes",
            ),
        ),
        business=(
            ("time-to-payout", "Median time to payout", "days"),
            ("adjuster-hours", "Adjuster hours per claim", "hours"),
        ),
        quality=(("recall-urgent", "Recall on urgent claims", "%"), ("auc", "ROC AUC", "")),
        guardrails=(("fnr-gap", "False-negative gap between regions", "pp"),),
        annex="essential_services",
        people=True,
        tier="high",
        eu_tier="high",
    ),
    _a(
        slug="fraud-scoring",
        name="Card payment fraud scoring",
        domain="payments",
        team="Payments Risk",
        users=("Fraud operations analysts",),
        affected=("Cardholders", "Merchants"),
        help=("predict", "automate"),
        autonomy="autopilot",
        patterns=("custom_trained", "rules_plus_model"),
        kinds=("classifier", "anomaly_detector"),
        decision="whether a card payment is approved, challenged or declined",
        before="Static rules decline payments over fixed limits and flag a fixed list of merchants",
        after="A model scores each payment in 40 ms; rules handle hard limits; analysts review the grey zone",
        data=(
            (
                "transactions",
                "Card transactions, 24 months",
                ("training", "validation"),
                True,
                ("finance",),
            ),
            ("chargebacks", "Chargeback labels", ("training", "feedback"), True, ("finance",)),
            (
                "live-payments",
                "Authorisation requests",
                ("runtime_input",),
                True,
                ("finance", "precise_location"),
            ),
        ),
        harms=(
            (
                "false-decline",
                "financial",
                "Cardholders",
                "declines a legitimate payment while the customer is travelling",
            ),
            (
                "missed-fraud",
                "financial",
                "Cardholders",
                "lets an account-takeover payment through",
            ),
            (
                "merchant-bias",
                "fairness",
                "Small merchants",
                "challenges payments at small merchants far more often",
            ),
        ),
        business=(
            ("fraud-loss", "Fraud loss rate", "bps"),
            ("approval-rate", "Approval rate", "%"),
        ),
        quality=(
            ("precision-at-1", "Precision at 1% alert rate", "%"),
            ("recall", "Fraud recall", "%"),
        ),
        guardrails=(("false-decline-rate", "False decline rate", "%"),),
        annex="essential_services",
        people=True,
        tier="high",
        eu_tier="high",
    ),
    _a(
        slug="churn-prediction",
        name="Subscriber churn prediction",
        domain="retention marketing",
        team="Growth Analytics",
        users=("Retention marketers", "Account managers"),
        affected=("Subscribers",),
        help=("predict", "personalize"),
        autonomy="copilot",
        patterns=("custom_trained",),
        kinds=("classifier",),
        decision="which subscribers get a retention offer this month",
        before="Everyone whose contract ends within 60 days gets the same discount email",
        after="A weekly score ranks subscribers by churn risk; marketers choose offers for the top decile",
        data=(
            ("usage-events", "Product usage events", ("training",), True, ()),
            ("billing", "Billing history", ("training", "runtime_input"), True, ("finance",)),
            (
                "campaign-outcomes",
                "Past retention campaign outcomes",
                ("evaluation", "feedback"),
                True,
                (),
            ),
        ),
        harms=(
            (
                "offer-unfairness",
                "fairness",
                "Long-time subscribers",
                "gives discounts only to people likely to complain",
            ),
            (
                "profiling-complaint",
                "privacy",
                "Subscribers",
                "uses usage data in a way subscribers did not expect",
            ),
        ),
        business=(
            ("churn-rate", "Monthly churn", "%"),
            ("offer-cost", "Retention cost per saved subscriber", "EUR"),
        ),
        quality=(
            ("lift-top-decile", "Lift in the top decile", "x"),
            ("calibration", "Calibration error", ""),
        ),
        guardrails=(("opt-out-respected", "Opted-out subscribers contacted", "count"),),
        annex="none",
        people=True,
        tier="medium",
        eu_tier="minimal",
    ),
    _a(
        slug="cv-screening",
        name="Applicant CV screening assistant",
        domain="recruiting",
        team="People Technology",
        users=("Recruiters",),
        affected=("Job applicants",),
        help=("augment", "predict"),
        autonomy="copilot",
        patterns=("api_model", "model_plus_human_review"),
        kinds=("llm", "ranker"),
        decision="which applications a recruiter reads first",
        before="Recruiters read applications in arrival order; strong late applicants are often missed",
        after="Applications are summarised against the job's criteria and ordered; a recruiter reads every one",
        data=(
            ("applications", "Applications and CVs", ("runtime_input",), True, ("employment",)),
            ("hiring-outcomes", "Past hiring outcomes", ("evaluation",), True, ("employment",)),
        ),
        harms=(
            (
                "gender-bias",
                "fairness",
                "Applicants",
                "ranks CVs with career gaps lower, which hits women harder",
            ),
            (
                "disability-bias",
                "fairness",
                "Applicants with disabilities",
                "penalises non-standard CV layouts from screen readers",
            ),
            (
                "opaque-rejection",
                "trust",
                "Applicants",
                "leaves applicants unable to learn why they were not invited",
            ),
        ),
        business=(("time-to-hire", "Time to hire", "days"),),
        quality=(("criteria-agreement", "Agreement with recruiter criteria", "%"),),
        guardrails=(("selection-rate-ratio", "Selection rate ratio (four-fifths rule)", "ratio"),),
        annex="employment",
        people=True,
        tier="critical",
        eu_tier="high",
    ),
    _a(
        slug="demand-forecast",
        name="Store demand forecasting",
        domain="supply chain",
        team="Supply Chain Data Science",
        users=("Replenishment planners",),
        affected=("Store staff", "Suppliers"),
        help=("predict", "automate"),
        autonomy="autopilot",
        patterns=("custom_trained", "rules_plus_model"),
        kinds=("forecaster",),
        decision="how much of each product is ordered for each store",
        before="Planners copy last year's orders and adjust by hand for promotions",
        after="Daily forecasts per store and product drive orders; planners review exceptions only",
        data=(
            ("sales-history", "Point-of-sale history", ("training", "validation"), False, ()),
            ("promo-calendar", "Promotion calendar", ("runtime_input",), False, ()),
            ("weather", "Weather forecasts (licensed)", ("runtime_input",), False, ()),
        ),
        harms=(
            ("stockout", "financial", "Stores", "under-forecasts a promotion and empties shelves"),
            (
                "food-waste",
                "environmental",
                "Stores",
                "over-orders perishables that are then thrown away",
            ),
        ),
        business=(
            ("availability", "On-shelf availability", "%"),
            ("waste", "Perishable waste", "%"),
        ),
        quality=(("wmape", "Weighted MAPE", "%"), ("bias", "Forecast bias", "%")),
        guardrails=(("order-cap-hits", "Orders capped by safety rules", "count"),),
        annex="none",
        people=False,
        tier="low",
        eu_tier="minimal",
    ),
    _a(
        slug="product-search",
        name="Semantic product search",
        domain="e-commerce",
        team="Search and Discovery",
        users=("Shoppers",),
        affected=("Shoppers", "Marketplace sellers"),
        help=("personalize",),
        autonomy="autopilot",
        patterns=("open_model", "retrieval_augmented"),
        kinds=("embedding", "ranker"),
        decision="which products a shopper sees for a query",
        before="Keyword search misses synonyms and returns nothing for a quarter of long queries",
        after="Embeddings match intent; a learned ranker orders results with business rules on top",
        data=(
            ("catalogue", "Product catalogue", ("retrieval", "training"), False, ()),
            ("click-logs", "Search click logs", ("training", "feedback"), True, ()),
        ),
        harms=(
            (
                "seller-exposure-bias",
                "fairness",
                "Small sellers",
                "hides small sellers behind large brands",
            ),
            (
                "unsafe-product",
                "physical_safety",
                "Shoppers",
                "surfaces a recalled product for a child-safety query",
            ),
        ),
        business=(
            ("search-conversion", "Search conversion", "%"),
            ("zero-results", "Zero-result queries", "%"),
        ),
        quality=(("ndcg-10", "nDCG@10", ""),),
        guardrails=(("recalled-shown", "Recalled products shown", "count"),),
        annex="none",
        people=False,
        tier="low",
        eu_tier="minimal",
    ),
    _a(
        slug="credit-limit",
        name="Credit limit recommendation",
        domain="consumer lending",
        team="Credit Risk Analytics",
        users=("Credit officers",),
        affected=("Loan applicants", "Existing card customers"),
        help=("predict",),
        autonomy="copilot",
        patterns=("custom_trained", "model_plus_human_review"),
        kinds=("classifier", "regressor"),
        decision="the credit limit offered to an applicant",
        before="A scorecard from 2017 sets limits in five bands; officers override one case in four",
        after="A gradient-boosted model recommends a limit with reasons; an officer approves every offer",
        data=(
            (
                "bureau-data",
                "Credit bureau attributes",
                ("training", "runtime_input"),
                True,
                ("finance",),
            ),
            (
                "repayment-history",
                "Repayment history",
                ("training", "validation"),
                True,
                ("finance",),
            ),
            ("outcome-2025", "Loan outcomes 2025", ("evaluation",), True, ("finance",)),
        ),
        harms=(
            (
                "disparate-limits",
                "fairness",
                "Applicants from protected groups",
                "offers lower limits through proxies such as postcode",
            ),
            (
                "over-lending",
                "financial",
                "Applicants",
                "offers a limit the applicant cannot repay",
            ),
            (
                "no-explanation",
                "compliance",
                "Applicants",
                "declines without the reasons the law requires",
            ),
        ),
        business=(
            ("default-rate", "12-month default rate", "%"),
            ("approval", "Approval rate", "%"),
        ),
        quality=(("gini", "Gini coefficient", ""), ("ks", "KS statistic", "")),
        guardrails=(("air", "Adverse impact ratio", "ratio"),),
        annex="essential_services",
        people=True,
        tier="critical",
        eu_tier="high",
    ),
    _a(
        slug="meeting-summaries",
        name="Sales call summaries",
        domain="sales",
        team="Sales Productivity",
        users=("Account executives", "Sales managers"),
        affected=("Prospects on recorded calls",),
        help=("augment", "generate"),
        autonomy="copilot",
        patterns=("api_model",),
        kinds=("speech", "llm"),
        decision="what is written into the CRM after a sales call",
        before="Executives type notes after each call, often a day late and incomplete",
        after="The recording is transcribed and summarised into CRM fields the executive confirms",
        data=(
            ("call-recordings", "Recorded sales calls", ("runtime_input",), True, ()),
            ("crm-notes", "Existing CRM notes", ("evaluation",), True, ()),
        ),
        harms=(
            (
                "consent-missing",
                "privacy",
                "Prospects",
                "records and processes a call without valid consent",
            ),
            (
                "wrong-commitment",
                "reputation",
                "Prospects",
                "writes a price commitment that was never made",
            ),
        ),
        business=(("crm-completeness", "CRM fields completed", "%"),),
        quality=(("faithfulness", "Summary faithfulness", "%"),),
        guardrails=(("invented-facts", "Invented facts per summary", "count"),),
        annex="none",
        people=False,
        tier="medium",
        eu_tier="limited",
    ),
    _a(
        slug="content-moderation",
        name="Marketplace listing moderation",
        domain="trust and safety",
        team="Trust and Safety",
        users=("Moderators",),
        affected=("Sellers", "Buyers"),
        help=("automate", "predict"),
        autonomy="autopilot",
        patterns=("fine_tuned", "rules_plus_model", "model_plus_human_review"),
        kinds=("classifier", "vision"),
        decision="whether a new listing is published, held for review or removed",
        before="Listings go live unchecked; moderators react to user reports within 48 hours",
        after="Every listing is scored before publication; clear violations are blocked, borderline ones queued",
        data=(
            ("moderation-labels", "Moderator decisions", ("training", "evaluation"), True, ()),
            ("listing-images", "Listing photos", ("runtime_input",), False, ()),
        ),
        harms=(
            (
                "wrongful-takedown",
                "financial",
                "Sellers",
                "removes a legitimate listing and freezes the seller's income",
            ),
            (
                "missed-illegal-item",
                "physical_safety",
                "Buyers",
                "publishes a listing for a banned weapon",
            ),
            (
                "dialect-bias",
                "fairness",
                "Sellers writing in dialect",
                "flags listings written in regional dialects",
            ),
        ),
        business=(("report-rate", "User reports per 1,000 listings", "per 1,000"),),
        quality=(
            ("precision-block", "Precision of automatic blocks", "%"),
            ("recall-illegal", "Recall on illegal items", "%"),
        ),
        guardrails=(("appeal-overturn", "Appeals overturned", "%"),),
        annex="none",
        people=True,
        tier="high",
        eu_tier="limited",
    ),
    _a(
        slug="code-assistant",
        name="Internal code review assistant",
        domain="software engineering",
        team="Developer Productivity",
        users=("Software engineers",),
        affected=("Engineers whose code is reviewed",),
        help=("augment", "generate"),
        autonomy="copilot",
        patterns=("api_model", "retrieval_augmented"),
        kinds=("llm",),
        decision="which review comments an engineer sees on a pull request",
        before="Reviewers spend the first pass on style and obvious bugs",
        after="The assistant comments on likely bugs and missing tests before a human reviews",
        data=(
            ("repositories", "Internal repositories", ("retrieval",), False, ()),
            ("review-history", "Past review comments", ("evaluation",), True, ("employment",)),
        ),
        harms=(
            (
                "secret-leak",
                "security",
                "Company",
                "sends code containing secrets to an external API",
            ),
            (
                "performance-surveillance",
                "psychological",
                "Engineers",
                "is used to rate engineers' performance",
            ),
        ),
        business=(("review-latency", "Time to first review", "hours"),),
        quality=(("useful-comments", "Comments marked useful", "%"),),
        guardrails=(("secrets-sent", "Requests containing secrets", "count"),),
        annex="none",
        people=False,
        tier="medium",
        eu_tier="minimal",
    ),
    _a(
        slug="triage-nurse",
        name="Symptom checker for telehealth triage",
        domain="telehealth",
        team="Clinical AI",
        users=("Triage nurses", "Patients"),
        affected=("Patients",),
        help=("augment", "predict"),
        autonomy="copilot",
        patterns=("fine_tuned", "model_plus_human_review"),
        kinds=("llm", "classifier"),
        decision="how urgently a patient is seen after describing symptoms",
        before="Nurses run a 15-minute structured interview for every caller",
        after="Patients describe symptoms in the app; the model suggests an urgency level a nurse confirms",
        data=(
            (
                "triage-records",
                "De-identified triage records",
                ("training", "evaluation"),
                True,
                ("health",),
            ),
            (
                "patient-input",
                "Patient symptom descriptions",
                ("runtime_input",),
                True,
                ("health",),
            ),
        ),
        harms=(
            ("under-triage", "physical_safety", "Patients", "rates a heart attack as non-urgent"),
            (
                "language-gap",
                "fairness",
                "Non-native speakers",
                "performs worse for patients writing in a second language",
            ),
            (
                "false-reassurance",
                "psychological",
                "Patients",
                "reassures a patient who should seek care",
            ),
        ),
        business=(("nurse-minutes", "Nurse minutes per case", "minutes"),),
        quality=(
            ("under-triage-rate", "Under-triage rate", "%"),
            ("agreement", "Agreement with nurse", "%"),
        ),
        guardrails=(("red-flag-recall", "Recall on red-flag symptoms", "%"),),
        annex="essential_services",
        people=True,
        tier="critical",
        eu_tier="high",
    ),
)

CONTROL_TITLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    # function: (id stem, title, NIST subcategory)
    "govern": (
        ("owner-named", "A named accountable owner approves each release", "GOVERN 2.1"),
        ("policy-review", "Quarterly review against the AI use policy", "GOVERN 1.2"),
        ("stop-ship", "Written stop-ship criteria agreed before launch", "GOVERN 1.4"),
        ("vendor-terms", "Vendor terms reviewed for data use and retention", "GOVERN 6.1"),
        ("training-staff", "Operators trained on limitations and escalation", "GOVERN 2.2"),
        ("incident-process", "Incident response process covers AI failures", "GOVERN 4.3"),
    ),
    "map": (
        ("context-doc", "Intended use and context documented in this record", "MAP 1.1"),
        ("affected-groups", "Affected groups identified with their representatives", "MAP 5.1"),
        ("failure-modes", "Failure modes workshop with support and legal", "MAP 1.5"),
        ("data-provenance", "Data provenance and licences recorded", "MAP 4.1"),
        ("benefit-cost", "Benefits and costs compared with the non-AI baseline", "MAP 3.1"),
    ),
    "measure": (
        (
            "offline-eval",
            "Offline evaluation on a curated test set before each release",
            "MEASURE 2.3",
        ),
        ("bias-eval", "Fairness metrics reported per group", "MEASURE 2.11"),
        ("robustness", "Robustness tests on noisy and adversarial inputs", "MEASURE 2.5"),
        ("privacy-eval", "Privacy leakage tests on outputs", "MEASURE 2.10"),
        ("drift-monitor", "Production drift monitoring with alert thresholds", "MEASURE 2.4"),
        ("user-feedback", "User feedback collected and reviewed monthly", "MEASURE 3.3"),
        ("security-test", "Security testing including prompt injection", "MEASURE 2.7"),
    ),
    "manage": (
        ("human-review", "Human review of high-impact outputs", "MANAGE 2.4"),
        ("rollback", "Feature flag allows rollback within minutes", "MANAGE 2.3"),
        ("output-filter", "Output filter blocks unsafe or personal content", "MANAGE 1.3"),
        ("risk-acceptance", "Residual risks accepted by the risk committee", "MANAGE 1.4"),
        ("decommission-plan", "Decommissioning plan for data and models", "MANAGE 2.4"),
        ("third-party-monitor", "Third-party model changes monitored", "MANAGE 3.1"),
    ),
}

NIST_EXTRA = {
    "govern": ["GOVERN 1.1", "GOVERN 1.3", "GOVERN 3.2", "GOVERN 5.1"],
    "map": ["MAP 2.1", "MAP 2.3", "MAP 3.4", "MAP 5.2"],
    "measure": ["MEASURE 1.1", "MEASURE 2.6", "MEASURE 2.8", "MEASURE 4.2"],
    "manage": ["MANAGE 1.2", "MANAGE 2.2", "MANAGE 4.1", "MANAGE 4.3"],
}

OPENERS = (
    "In practice",
    "During the pilot",
    "According to the last review",
    "As measured in the feasibility sprint",
    "Since the last release",
    "For the riskiest cases",
    "Based on two quarters of data",
)
CLAUSES = (
    "the team reviews a weekly sample of {n} cases with the product owner",
    "results are reported per region and per language, not only overall",
    "exceptions are logged with the reason and reviewed at the monthly governance meeting",
    "the threshold was chosen with legal and the operations lead and is revisited each quarter",
    "the evidence is kept in the governance repository next to this record",
    "the owner can switch the feature off without a deployment",
    "new failure patterns are added to the test set within two weeks",
    "the approach was compared with the existing manual process on {n} historical cases",
    "escalations go to the on-call engineer and the accountable owner",
    "users see a short note explaining what the system cannot do",
    "the check runs in the release pipeline and blocks a deployment that fails it",
    "two reviewers from different teams look at each disputed case",
    "the numbers are broken down by customer segment in the quarterly report",
    "the on-call rota has a runbook entry for this, rehearsed twice a year",
    "a sample of {n} outputs is graded against the rubric every week",
    "the data protection officer was consulted and agreed with the approach",
    "findings are tracked as tickets with a named owner and a due date",
    "vendors must tell us {n} days before a model version changes",
    "the result is compared with the previous release before anything ships",
    "people affected can ask for a human to look at their case again",
)


def _low(text: str) -> str:
    """Lower-case the first letter only, so 'AI' and 'EU' survive inside a sentence."""
    return text[:1].lower() + text[1:]


class Writer:
    """Deterministic text and value helpers around one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def person(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def email(self, name: str) -> str:
        first, last = name.lower().split(" ", 1)
        return f"{first}.{last}@example.com"

    def clause(self, template: str) -> str:
        return template.format(n=self.r.choice((40, 50, 120, 150, 200, 250, 400, 600, 1000)))

    def sentence(self, subject: str) -> str:
        return f"{self.r.choice(OPENERS)}, {subject}; {self.clause(self.r.choice(CLAUSES))}."

    def paragraph(self, subject: str | None, sentences: int) -> str:
        """Distinct sentences (about `subject`, when given); long ones come out as folded prose."""
        clauses = [self.clause(c) for c in self.r.sample(CLAUSES, max(1, sentences))]
        parts = [f"{self.r.choice(OPENERS)}, {subject}; {clauses.pop(0)}."] if subject else []
        parts += [c[0].upper() + c[1:] + "." for c in clauses]
        text = " ".join(parts)
        return Folded(text) if len(text) > 110 and self.r.random() < 0.5 else text

    def date(self, start: dt.date, end: dt.date) -> dt.date:
        span = max(0, (end - start).days)
        return start + dt.timedelta(days=self.r.randint(0, span))


TIERS = ("low", "medium", "high", "critical")
SEVERITIES = ("low", "medium", "high", "critical")
LIKELIHOODS = ("rare", "unlikely", "possible", "likely", "almost_certain")
RATINGS = [(s, lk) for s in SEVERITIES[1:] for lk in LIKELIHOODS[1:4]]
# the documented severity x likelihood matrix (aigov/checks/tier.py): a record declares a tier at
# least as high as its harms give, as `aigov check` asks
_MATRIX = {
    "low": ("low", "low", "low", "low", "medium"),
    "medium": ("low", "low", "medium", "medium", "high"),
    "high": ("medium", "medium", "medium", "high", "critical"),
    "critical": ("high", "high", "high", "critical", "critical"),
}


def harm_tier(severity: str, likelihood: str) -> str:
    return _MATRIX[severity][LIKELIHOODS.index(likelihood)]


# who must sign at which tier and stage: aigov's default policy (aigov/checks/policy.py)
REQUIRED_SIGNOFFS: dict[str, dict[str, tuple[str, ...]]] = {
    "low": {"production": ("product",)},
    "medium": {"pilot": ("privacy",), "production": ("legal", "privacy")},
    "high": {"pilot": ("legal", "privacy", "risk"), "production": ("legal", "privacy", "risk")},
    "critical": {
        "mvp": ("risk",),
        "pilot": ("legal", "privacy", "risk", "security"),
        "production": ("legal", "privacy", "risk", "security"),
    },
}

STAGES = ("idea", "feasibility", "mvp", "pilot", "production", "retired")
STAGE_WEIGHTS = (4, 8, 10, 20, 52, 6)
RICHNESS = {
    "idea": 0.1,
    "feasibility": 0.25,
    "mvp": 0.4,
    "pilot": 0.55,
    "production": 0.7,
    "retired": 0.6,
}


def record(index: int, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Record number `index` of the portfolio: depends only on (seed, index)."""
    data = _content(index, random.Random(f"{seed}:{index}"))
    _gaps(data, random.Random(f"{seed}:{index}:gaps"))
    return stylise(data, random.Random(f"{seed}:{index}:style"))


GAP_SHARE = 0.2  # share of pilot and production records with a gap `aigov check` should find


def _gaps(rec: dict[str, Any], r: random.Random) -> None:
    """Leave the gaps real portfolios have: an overdue review, a stale evaluation, a missing
    sign-off, an unmonitored cost, an unrehearsed rollback. One or two each, in a fifth of the
    records that are far enough along for the rules to ask."""
    if rec["lifecycle"]["stage"] not in ("pilot", "production") or r.random() >= GAP_SHARE:
        return
    lifecycle = rec["lifecycle"]

    def overdue_review() -> None:
        lifecycle["last_review"] = TODAY - dt.timedelta(
            days=lifecycle["review_cadence_days"] + r.randint(10, 120)
        )

    def stale_evaluation() -> None:
        for res in rec.get("evaluations", {}).get("results", []):
            res["date"] -= dt.timedelta(days=400)

    def missing_signoff() -> None:
        if rec.get("signoffs"):
            rec["signoffs"].pop()

    def unmonitored_cost() -> None:
        ops = rec.get("operations", {})
        ops["monitoring"] = [m for m in ops.get("monitoring", []) if m["kind"] != "cost"]

    def unrehearsed_rollback() -> None:
        rollback = rec.get("operations", {}).get("rollback")
        if rollback:
            rollback["last_tested"] = TODAY - dt.timedelta(days=r.randint(400, 700))

    options = [
        overdue_review,
        stale_evaluation,
        missing_signoff,
        unmonitored_cost,
        unrehearsed_rollback,
    ]
    for gap in r.sample(options, r.choice((1, 1, 2))):
        gap()


def stylise(value: Any, r: random.Random, compact: float | None = None) -> Any:
    """Write some short lists and small list items in flow style, as people do by hand.
    `compact` is the record's habit: how often it folds things onto one line."""
    if compact is None:
        compact = r.choice((0.0, 0.3, 0.7, 0.9))
    if isinstance(value, dict):
        return {k: stylise(v, r, compact) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        items = [stylise(v, r, compact) for v in value]
        if items and all(isinstance(v, str | int | float) for v in items):
            short = sum(len(str(v)) for v in items) < 70
            return Flow(items) if short and r.random() < compact + 0.1 else items
        return [
            FlowMap(v) if isinstance(v, dict) and _flat(v) and r.random() < compact else v
            for v in items
        ]
    return value


def _flat(item: dict[str, Any]) -> bool:
    return len(str(item)) < 260 and all(
        not isinstance(v, dict | Folded) and not (isinstance(v, list) and len(v) > 4)
        for v in item.values()
    )


def _content(index: int, r: random.Random) -> dict[str, Any]:
    w = Writer(r)
    arch = ARCHETYPES[index % len(ARCHETYPES)]
    stage = r.choices(STAGES, STAGE_WEIGHTS)[0]
    rich = RICHNESS[stage] * r.uniform(0.75, 1.3)

    def maybe(value: Any, p: float = 0.55) -> Any:
        """Optional detail: real records fill some optional fields and not others."""
        return value if r.random() < p else None

    def count(low: int, high: int) -> int:
        """A list length that grows with the record's richness."""
        return max(low if rich > 0.35 else min(low, 1), round(r.uniform(low, high) * rich))

    sid = f"{arch.slug}-{index:04d}"
    market = r.choice(REGIONS)
    pm, lead, owner = w.person(), w.person(), w.person()
    started = dt.date(2023, 1, 1) + dt.timedelta(days=r.randint(0, 700))
    rec: dict[str, Any] = {
        "schema_version": 1,
        "id": sid,
        "name": f"{arch.name} ({market})" if index >= len(ARCHETYPES) else arch.name,
        "summary": f"{arch.after.split(';')[0]}, for {_low(arch.users[0])} in {market}; "
        f"about {r.randint(40, 40_000):,} cases a week.",
        "version": f"{r.randint(0, 4)}.{r.randint(0, 12)}",
        "tags": sorted(
            {
                arch.domain.replace(" ", "-"),
                *r.sample(
                    (
                        "genai",
                        "tabular",
                        "nlp",
                        "vision",
                        "realtime",
                        "batch",
                        "customer-facing",
                        "internal",
                    ),
                    2,
                ),
            }
        ),
        "owner": {
            "team": arch.team,
            "accountable": owner,
            "contact": f"{arch.slug}@example.com",
            "product_manager": pm,
            "technical_lead": lead,
        },
    }
    # lifecycle with its history
    history = []
    when = started
    for st in STAGES[: STAGES.index(stage)]:
        history.append(
            {
                "stage": st,
                "date": when,
                "note": f"{st.capitalize()} entered on the decision of the AI review board",
            }
        )
        when += dt.timedelta(days=r.randint(30, 160))
    stage_since = min(when, TODAY - dt.timedelta(days=10))
    cadence = r.choice((90, 90, 180, 365))
    rec["lifecycle"] = {
        "stage": stage,
        "stage_since": stage_since,
        "review_cadence_days": cadence,
        "last_review": max(stage_since, TODAY - dt.timedelta(days=r.randint(3, cadence - 10))),
        "history": history,
    }
    rec["use_case"] = {
        "problem": f"Deciding {arch.decision} is slow and inconsistent in {arch.domain}; it costs time and trust.",
        "before": arch.before + ".",
        "after": arch.after + ".",
        "beneficiaries": [f"{u}: less manual work and clearer decisions" for u in arch.users],
        "users": list(arch.users),
        "affected_people": list(arch.affected),
        "ai_help": list(arch.help),
        "autonomy": "copilot" if STAGES.index(stage) <= STAGES.index("pilot") else arch.autonomy,
        "decisions_about_people": arch.people,
        "knowledge_task": "retrieval_augmented" in arch.patterns,
        "intended_uses": [f"Support {_low(u)} in deciding {arch.decision}" for u in arch.users]
        + [f"Prioritise work in {arch.domain} for {market}"],
        "out_of_scope_uses": [
            "Decisions without a person able to review them",
            "Use outside " + market,
        ],
        "foreseeable_misuse": [
            "Accepting outputs unread under time pressure",
            "Using scores to rate staff performance",
        ],
        "geographies": sorted({market, *r.sample(REGIONS, r.randint(0, 3))}),
        "languages": sorted(set(r.sample(LANGS, r.randint(1, 4)))),
    }
    if stage == "idea":  # an idea: a page, not a dossier
        rec["links"] = [{"title": "Idea brief", "url": f"https://wiki.example.com/ai/{sid}"}]
        return rec

    # approach and components
    comps = []
    for k, kind in enumerate(arch.kinds[: max(1, count(1, 3))]):
        source, provider, version, licence = r.choice(
            VENDORS[:5] if kind in ("llm", "embedding") else VENDORS[5:]
        )
        cid = f"{kind.replace('_', '-')}-{k + 1}"
        comp: dict[str, Any] = {
            "id": cid,
            "name": f"{arch.name} {kind.replace('_', ' ')} model",
            "kind": kind,
            "role": maybe(
                f"Produces the {kind.replace('_', ' ')} output used to decide {arch.decision}"
            ),
            "source": source,
            "provider": provider,
            "version": version,
            "license": licence,
            "intended_use": maybe(f"Help {_low(arch.users[0])} decide {arch.decision}"),
            "limitations": [f"Less accurate for {_low(g)}" for g in arch.affected][: count(1, 3)],
            "languages": rec["use_case"]["languages"],
        }
        if rich > 0.6:
            comp["training_procedure"] = w.paragraph(
                "the model was trained with early stopping on a time-based split", 2
            )
            comp["factors"] = ["region", "language", "channel"][: r.randint(1, 3)]
            comp["owners"] = [{"name": lead, "contact": w.email(lead), "role": "Technical lead"}]
            comp["ethical_considerations"] = [
                {
                    "risk": f"Outputs may disadvantage {_low(g)}",
                    "mitigation": "Per-group evaluation before each release",
                }
                for g in arch.affected
            ]
        comps.append(comp)
    rec["approach"] = {
        "strategy": "blend"
        if len(arch.patterns) > 1
        else ("buy" if arch.patterns[0] == "api_model" else "build"),
        "patterns": list(arch.patterns),
        "rationale": w.paragraph("the approach balances time-to-value, cost and control", 2),
        "alternatives_considered": [
            "Rules only: could not reach the quality bar",
            "Training from scratch: no labelled data yet",
        ],
        "components": comps,
    }
    # data
    sources = []
    for src_id, src_name, roles, personal, sensitive in arch.data:
        sources.append(
            {
                "id": src_id,
                "name": src_name,
                "description": f"{src_name} from the {arch.domain} systems in {market}.",
                "roles": list(roles),
                "owner": arch.team,
                "personal_data": personal,
                "sensitive_categories": list(sensitive),
                "legal_basis": "legitimate_interests" if personal else "not_personal_data",
                "representativeness": maybe(
                    w.sentence(
                        "coverage is good for the main market but thinner for small regions"
                    ),
                    0.4,
                ),
                "retention": maybe(
                    r.choice(("12 months", "24 months", "36 months", "until the contract ends"))
                ),
                "size": maybe(f"{r.randint(2, 900) * 1000:,} rows"),
                "link": maybe(f"https://data.example.com/catalog/{src_id}"),
            }
        )
    personal_any = any(s["personal_data"] for s in sources)
    rec["data"] = {
        "sources": sources,
        "personal_data": personal_any,
        "sensitive_categories": sorted({c for s in sources for c in s["sensitive_categories"]}),
        "legal_basis": "Legitimate interests (GDPR Art. 6(1)(f)), balancing test on file"
        if personal_any
        else "No personal data processed",
        "data_protection_note": f"DPIA-{started.year}-{r.randint(1, 99):03d} approved; inputs stay in the EU."
        if personal_any
        else None,
        "retention": "Inputs and outputs kept 30 days for quality review, then deleted.",
        "representativeness": w.sentence(
            "the data covers all products but under-represents new customers"
        ),
    }
    rec["data"] = {k: v for k, v in rec["data"].items() if v is not None}
    rec["feasibility"] = {
        "completed": history[min(2, len(history) - 1)]["date"] if history else stage_since,
        "data_readiness": w.paragraph("the data is accessible and legal to use", 2),
        "baseline": {
            "description": arch.before,
            "metric": arch.business[0][1],
            "value": f"{r.uniform(2, 60):.1f} {arch.business[0][2]}",
        },
        "good_enough": f"{arch.quality[0][1]} at least {r.randint(70, 95)}% on the curated test set",
        "offline_evaluation": f"{arch.quality[0][1]} and {_low(arch.guardrails[0][1])} on {r.choice((200, 400, 1000))} curated cases",
        "risk_summary": w.paragraph("a wrong output costs money and trust", 2),
        "decision": "go",
    }
    generative = "generate" in arch.help or "llm" in [c["kind"] for c in comps]

    def classification() -> dict[str, Any]:
        """EU AI Act inputs and the declared tiers, consistent with each other."""
        return {
            "eu_ai_act": {
                "prohibited_practices": [],
                "annex_iii_area": arch.annex,
                "annex_i_product": False,
                "profiling": arch.people,
                "transparency_obligations": ["interacts_with_people", "synthetic_content"]
                if generative
                else [],
                "gpai": False,
                "role": "deployer" if comps and comps[0]["source"] == "api" else "provider",
            },
            "risk_tier": {
                "internal": arch.tier,
                "eu_ai_act": "limited"
                if generative and arch.eu_tier == "minimal"
                else arch.eu_tier,
                "rationale": f"Decides {arch.decision}; "
                + (
                    "affects people's access to services."
                    if arch.people
                    else "no decision about individuals."
                ),
            },
        }

    if stage == "feasibility":
        rec["feasibility"]["decision"] = "pending"
        rec["impact_assessment"] = {
            "date": stage_since,
            "assessor": pm,
            "harms": [
                {
                    "id": stem,
                    "description": f"The system {what}.",
                    "affected_group": group,
                    "category": category,
                    "severity": "medium",
                    "likelihood": "unlikely",
                }
                for stem, category, group, what in arch.harms[:2]
            ],
            **classification(),
        }
        return rec

    # controls: pick per function, keep ids for the harms
    controls: dict[str, list[dict[str, Any]]] = {}
    control_ids: list[str] = []
    in_place: list[str] = []  # implemented or verified, with evidence
    for fn, options in CONTROL_TITLES.items():
        chosen = r.sample(options, min(len(options), count(1, 3)))
        items: list[dict[str, Any]] = []
        for stem, title, nist in chosen:
            cid = f"ctl-{stem}"
            status = (
                r.choice(("implemented", "verified"))
                if not items
                else r.choices(("planned", "in_progress", "implemented", "verified"), (1, 2, 5, 3))[
                    0
                ]
            )
            ctl: dict[str, Any] = {
                "id": cid,
                "title": title,
                "description": maybe(f"{title}. " + w.paragraph(None, count(1, 3)), 0.45),
                "nist": sorted({nist, *r.sample(NIST_EXTRA[fn], r.randint(0, 2))}),
                "owner": r.choice((arch.team, "AI Governance Office", "Legal", "Security")),
                "status": status,
            }
            if status in ("implemented", "verified"):
                ctl["evidence"] = [
                    {
                        "title": f"{title} — evidence {k + 1}",
                        "url": f"https://wiki.example.com/ai/{sid}/{stem}-{k + 1}",
                        "date": w.date(started, TODAY),
                    }
                    for k in range(r.randint(1, 2))
                ]
            else:
                ctl["due"] = w.date(TODAY, TODAY + dt.timedelta(days=200))
            items.append(ctl)
            control_ids.append(cid)
            if status in ("implemented", "verified"):
                in_place.append(cid)
        controls[fn] = items

    harms = []
    severities = ("low", "medium", "high", "critical")
    likelihoods = ("rare", "unlikely", "possible", "likely", "almost_certain")
    for k in range(count(2, 6)):
        stem, category, group, what = arch.harms[k % len(arch.harms)]
        hid = stem if k < len(arch.harms) else f"{stem}-{k // len(arch.harms) + 1}"
        sev, likelihood = r.choice(
            [
                (s, lk)
                for s, lk in RATINGS
                if TIERS.index(harm_tier(s, lk)) <= TIERS.index(arch.tier)
            ]
        )
        mitigations = r.sample(control_ids, min(len(control_ids), r.randint(1, 3)))
        if sev in ("high", "critical") and not set(mitigations) & set(in_place):
            mitigations.append(r.choice(in_place))
        harms.append(
            {
                "id": hid,
                "description": f"The system {what}"
                + (
                    ""
                    if k < len(arch.harms)
                    else f" (variant {k // len(arch.harms) + 1}: {r.choice(('edge case', 'new market', 'seasonal peak', 'new input channel'))})"
                )
                + ".",
                "affected_group": group,
                "category": category,
                "severity": sev,
                "likelihood": likelihood,
                "mitigations": mitigations,
                "residual_severity": severities[max(0, severities.index(sev) - 1)],
                "residual_likelihood": r.choice(likelihoods[:3]),
                "notes": w.sentence(
                    "reviewers should read this harm together with the monitoring plan"
                )
                if r.random() < rich * 0.6
                else None,
            }
        )
        harms[-1] = {k2: v for k2, v in harms[-1].items() if v is not None}
    rec["impact_assessment"] = {
        "date": w.date(started, stage_since),
        "assessor": f"{pm} with Legal",
        "stakeholders": [
            {
                "name": g,
                "kind": "direct" if g in arch.users or g in arch.affected[:1] else "indirect",
                "benefits": ["Faster, more consistent outcomes"],
                "concerns": [f"Being treated unfairly when the system {arch.harms[0][3]}"],
            }
            for g in (*arch.users, *arch.affected)[:3]
        ],
        "harms": harms,
        "contestability": {
            "available": True,
            "process": f"Reply 'review' or use the appeal form; a senior {_low(arch.users[0]).rstrip('s')} decides within 5 days.",
            "response_time_days": 5,
        },
        "disclosures": [
            "People are told when AI assists a decision about them",
            "Limitations are published on the help centre",
        ],
        "human_oversight": {
            "mode": "human_in_the_loop"
            if rec["use_case"]["autonomy"] == "copilot"
            else "human_on_the_loop",
            "description": f"{arch.users[0]} review outputs before they take effect; a lead samples decisions weekly.",
            "can_override": True,
            "can_stop": True,
            "automation_bias_training": "Quarterly calibration session with real cases",
        },
        **classification(),
    }
    if arch.eu_tier == "high":
        rec["impact_assessment"]["fundamental_rights_assessment"] = (
            f"FRIA-{stage_since.year}-{r.randint(1, 40):03d}"
        )
    rec["controls"] = controls
    rec["experience"] = {
        "confidence_cues": "Low-confidence outputs are labelled and collapsed by default.",
        "editable_outputs": "Every output can be edited or rejected before it takes effect.",
        "source_grounding": "Each output links the records it was based on."
        if rec["use_case"]["knowledge_task"]
        else "Top factors behind each score are shown.",
        "fallbacks": "When unsure, the case goes to the manual queue with the reason.",
        "expectation_setting": "An onboarding card lists what the system cannot do.",
        "ai_disclosure": "Outputs carry an 'AI-assisted' label.",
    }

    def metrics(defs: tuple[tuple[str, str, str], ...], higher: bool) -> list[dict[str, Any]]:
        out = []
        for mid, name, unit in defs:
            base = round(r.uniform(0.2, 0.7), 3)
            out.append(
                {
                    "id": mid,
                    "name": name,
                    "description": maybe(f"{name}, computed weekly from production logs.", 0.35),
                    "target": f"{'≥' if higher else '≤'} {round(base * 1.2 if higher else base * 0.8, 2)} {unit}".strip(),
                    "threshold": round(base * 1.1 if higher else base * 0.9, 3),
                    "direction": "higher_is_better" if higher else "lower_is_better",
                    "unit": unit or None,
                    "baseline": base,
                    "current": round(base * r.uniform(0.95, 1.35), 3),
                    "owner": r.choice((arch.team, "Product Analytics")),
                }
            )
            out[-1] = {k: v for k, v in out[-1].items() if v is not None}
        return out

    rec["metrics"] = {
        "business": metrics(arch.business, True),
        "user_experience": metrics(
            (
                ("adoption", "Weekly active users among eligible staff", "%"),
                ("trust-score", "Trust rating", "of 5"),
            )[: count(1, 2)],
            True,
        ),
        "model_quality": metrics(arch.quality, True),
        "guardrail": metrics(arch.guardrails, False),
        "operational": metrics(
            (
                ("p95-latency", "p95 latency", "ms"),
                ("cost-per-request", "Cost per request", "EUR"),
                ("uptime", "Uptime", "%"),
            )[: max(2, count(1, 3))],
            False,
        ),
    }
    test_sets = [
        {
            "id": f"{arch.slug.split('-')[0]}-{size}",
            "name": f"{size} curated {arch.domain} cases",
            "description": maybe(
                w.sentence("cases were sampled by region and reviewed by two experts")
            ),
            "size": size,
            "slices": ["region", "language"][: r.randint(1, 2)],
        }
        for size in sorted(r.sample((200, 400, 800, 1500), r.randint(1, 2)))
    ]
    # evaluation history: runs that measure every quality and guardrail metric, oldest first,
    # the newest within the last weeks (the history grows with the record's age)
    results = []
    guard = {g[0] for g in arch.guardrails}
    quality = [q[0] for q in arch.quality] + [g[0] for g in arch.guardrails]
    runs = [TODAY - dt.timedelta(days=r.randint(3, 25))]
    for _ in range(count(1, 5) - 1):
        runs.insert(0, runs[0] - dt.timedelta(days=r.randint(14, 60)))
    for n_run, day in enumerate(runs):
        dataset = test_sets[0]["id"]
        progress = (n_run + 1) / len(runs)  # results improve over time
        for k, metric in enumerate(quality):
            lower = metric in guard
            value = (
                round(r.uniform(0.09, 0.02 + 0.06 * (1 - progress)) * (1 - 0.5 * progress), 3)
                if lower
                else round(min(0.99, r.uniform(0.62, 0.8) + 0.18 * progress), 3)
            )
            if progress == 1:  # the latest run meets its thresholds
                value = min(value, 0.07) if lower else max(value, 0.78)
            res: dict[str, Any] = {
                "metric": metric,
                "value": value,
                "date": day,
                "dataset": dataset,
                "split": "test",
                "threshold": 0.08 if lower else 0.75,
                "direction": "lower_is_better" if lower else "higher_is_better",
            }
            if k == 0 and r.random() < 0.5:
                res["confidence_interval"] = {
                    "lower": round(value * 0.97, 3),
                    "upper": round(min(1.0, value * 1.03), 3),
                    "level": 0.95,
                }
            if comps:
                res["component"] = comps[0]["id"]
            if k == 0 and r.random() < 0.3:
                res["notes"] = w.sentence("the result was reproduced by a second analyst")
            results.append(res)
            if k == 0 and (arch.people or r.random() < 0.3):  # per-group results next to overall
                for region in sorted(set(rec["use_case"]["geographies"][:3])):
                    results.append(
                        {
                            **{f: res[f] for f in ("metric", "date", "dataset", "threshold")},
                            "value": round(
                                min(0.99, res["value"] + r.uniform(-0.03, 0.03))
                                if progress < 1
                                else max(0.76, res["value"] - r.uniform(0, 0.02)),
                                3,
                            ),
                            "slice": f"region={region}",
                        }
                    )
    rec["evaluations"] = {
        "plan": {
            "method": w.paragraph("two reviewers grade each output against the rubric", 2),
            "rubric": "Correct, grounded, fair across groups, actionable: 0-2 each",
            "test_sets": test_sets,
        },
        "results": results,
    }
    if stage == "mvp":
        rec["launch"] = {
            "mvp": {
                "scope": f"One market ({market}), {r.randint(5, 40)} {_low(arch.users[0])}",
                "exit_criteria": [
                    f"{arch.business[0][1]} improves by 20% with no rise in complaints"
                ],
            },
            "human_review": {
                "description": f"{arch.users[0]} review every output during the MVP.",
                "cases": "All cases",
            },
            "feedback_logging": {
                "mechanism": "Corrections are logged with the output",
                "used_for": "Evaluation of the MVP exit criteria",
            },
        }
    else:
        gates = []
        for k, st in enumerate(("mvp", "pilot", "production")):
            if STAGES.index(st) > STAGES.index(stage):
                break
            gates.append(
                {
                    "id": f"{st}-go",
                    "name": f"Go/no-go for {st}",
                    "stage": st,
                    "criteria": [
                        f"{arch.quality[0][1]} ≥ 75% on the curated set",
                        "No open critical red-team finding",
                        "Owner and reviewers signed off",
                    ][: k + 2],
                    "decision": r.choice(("go", "go", "go_with_conditions")),
                    "date": history[min(len(history) - 1, STAGES.index(st))]["date"]
                    if history
                    else stage_since,
                    "decided_by": "AI review board",
                }
            )
        findings = [
            {
                "id": f"rt-{k + 1}",
                "description": r.choice(
                    (
                        "Prompt injection through user-supplied text",
                        "Extraction of personal data from outputs",
                        "Jailbreak producing policy-violating content",
                        "Adversarial input flips the decision",
                        "Denial of service through very long inputs",
                    )
                )
                + ".",
                "severity": r.choice(severities),
                "status": r.choice(("mitigated", "closed", "accepted")),
                "control": r.choice(control_ids),
            }
            for k in range(count(1, 4))
        ]
        rec["launch"] = {
            "mvp": {
                "scope": f"One market ({market}), a small group of {_low(arch.users[0])}",
                "exit_criteria": [
                    f"{arch.business[0][1]} improves by 20% with no rise in complaints"
                ],
            },
            "stop_ship_criteria": [
                f"{arch.guardrails[0][1]} above threshold for 3 days",
                "Any critical incident without a mitigation",
            ],
            "gates": gates,
            "human_review": {
                "description": f"{arch.users[0]} review high-impact outputs.",
                "cases": "All high-impact cases and a 5% random sample",
                "sla": "Within 1 business day",
            },
            "red_team": {
                "date": w.date(started, stage_since),
                "scope": "Injection, data extraction, adversarial inputs",
                "team": "Security red team",
                "findings": findings,
            },
            "feedback_logging": {
                "mechanism": "Corrections and thumbs up/down are logged with the output",
                "used_for": "Monthly evaluation refresh and retraining labels",
                "retention": "12 months",
            },
        }
        monitors = []
        kinds = ("data", "quality", "safety", "cost")
        for k in range(max(4, count(2, 6))):
            kind = kinds[k % 4]
            monitors.append(
                {
                    "id": f"mon-{kind}-{k + 1}",
                    "kind": kind,
                    "signal": {
                        "data": "Population stability index of the main inputs",
                        "quality": f"{arch.quality[0][1]} on a weekly labelled sample",
                        "safety": arch.guardrails[0][1],
                        "cost": "Cost per 1,000 requests",
                    }[kind],
                    "threshold": r.choice(
                        (
                            "> 0.2 for 3 days",
                            "< 80% over 7 days",
                            "> 2x last month",
                            "any increase over 10%",
                        )
                    ),
                    "owner": f"{arch.team} on-call",
                    "cadence": r.choice(("hourly", "daily", "weekly")),
                    "alert": f"#{arch.slug}-alerts",
                }
            )
        incidents = []
        for k in range(count(0, 4)):
            d = w.date(stage_since, TODAY)
            incidents.append(
                {
                    "id": f"inc-{d.isoformat()}-{k + 1}",
                    "date": d,
                    "severity": r.choice(severities[:3]),
                    "summary": w.sentence(
                        f"the {r.choice(('data', 'quality', 'safety', 'cost'))} monitor fired after an upstream change"
                    ),
                    "status": r.choice(("closed", "mitigated")),
                    "actions": [
                        "Added the failing pattern to the test set",
                        "Tightened the alert threshold",
                    ][: r.randint(1, 2)],
                    "evidence": [
                        {
                            "title": "Post-mortem",
                            "url": f"https://wiki.example.com/incidents/{sid}-{k + 1}",
                        }
                    ],
                }
            )
        rec["operations"] = {
            "deployment": {
                "environment": r.choice(CLOUDS),
                "date": stage_since,
                "regions": rec["use_case"]["geographies"],
            },
            "monitoring": monitors,
            "retraining": {
                "data_collection": "Reviewer corrections become labels after a second check",
                "trigger": r.choice(("scheduled", "drift_threshold", "scheduled_and_drift")),
                "schedule": r.choice(("monthly", "quarterly")),
                "validation": r.sample(
                    ("offline_eval", "shadow", "ab_test", "canary", "staged_rollout"), 2
                ),
                "owner": arch.team,
            },
            "rollback": {
                "mechanisms": r.sample(
                    ("model_versioning", "feature_flag", "traffic_switch", "config_revert"), 2
                ),
                "description": f"Flag `{arch.slug.replace('-', '_')}_enabled` off reverts to the previous version within a minute.",
                "last_tested": TODAY - dt.timedelta(days=r.randint(10, 150)),
                "owner": f"{arch.team} on-call",
            },
            "incidents": incidents,
        }
    rec["documentation"] = {
        "intended_use": f"Helps {_low(arch.users[0])} decide {arch.decision}; a person stays accountable.",
        "limitations": [f"Less reliable for {_low(g)}" for g in arch.affected]
        + ["Not evaluated outside " + market],
        "ethical_considerations": [
            f"The system {h[3]}; see the harms register." for h in arch.harms[: count(1, 3)]
        ],
        "caveats": [
            "Re-validate after any change to the upstream data",
            "Not for decisions without human review",
        ],
        "recommendations": [
            "Read the limitations before use",
            "Report surprising outputs through the feedback button",
        ],
    }
    required = REQUIRED_SIGNOFFS.get(arch.tier, {}).get(
        stage if stage != "retired" else "production", ()
    )
    extra = [x for x in ("product", "compliance", "security") if x not in required]
    roles = ("product", *required, *extra[: count(0, 2)]) if "product" not in required else required
    rec["signoffs"] = [
        {
            "reviewer": w.person(),
            "role": role,
            "decision": r.choice(("approved", "approved", "approved_with_conditions")),
            "date": w.date(stage_since - dt.timedelta(days=30), stage_since),
            "conditions": ["Re-review after the next major version"] if r.random() < 0.3 else [],
        }
        for role in dict.fromkeys(roles)
    ]
    rec["links"] = [
        {"title": "Design document", "url": f"https://wiki.example.com/ai/{sid}/design"},
        {"title": "Runbook", "url": f"https://wiki.example.com/ai/{sid}/runbook"},
    ]
    if arch.people:
        rec["visibility"] = {"internal": ["operations.incidents"], "confidential": []}
    if stage == "retired":
        rec["lifecycle"]["history"].append(
            {
                "stage": "retired",
                "date": stage_since,
                "note": "Switched off after the replacement went live; data deleted per the retention plan",
            }
        )
    return rec


# --- YAML output -------------------------------------------------------------------------------


class Flow(list[Any]):
    """A list written in flow style: `[a, b]`."""


class FlowMap(dict[str, Any]):
    """A mapping written in flow style: `{id: x, name: y}`."""


class Folded(str):
    """Prose written as a folded block scalar (`>-`)."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # hand-written records have no anchors


def _flow_list(d: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    return d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _flow_map(d: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    return d.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _folded(d: yaml.SafeDumper, data: str) -> yaml.Node:
    return d.represent_scalar("tag:yaml.org,2002:str", str(data), style=">")


_Dumper.add_representer(Flow, _flow_list)
_Dumper.add_representer(FlowMap, _flow_map)
_Dumper.add_representer(Folded, _folded)


def dump(rec: dict[str, Any], header: str = "") -> str:
    """The record as YAML, the way people write it: block structure, short lists and small
    list items in flow style, long prose folded."""
    body = yaml.dump(rec, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return SCHEMA_LINE + header + body


POLICY_PAGE = """\
# AI use policy

Every AI system the company runs has a record in `systems/`, reviewed at least once a year.
Systems that decide about people need legal, privacy and risk sign-offs before a pilot.
"""

MKDOCS_YML = """\
site_name: Benchmark portfolio
docs_dir: docs
theme:
  name: material
"""


def write_repo(
    target: Path,
    n: int,
    seed: int = DEFAULT_SEED,
    *,
    force: bool = False,
    git: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write a governance repository with `n` records into `target`; return the record paths."""
    if target.exists() and any(target.iterdir()):
        if not force:
            raise FileExistsError(f"{target} is not empty (use --force to replace it)")
        shutil.rmtree(target)
    (target / "systems").mkdir(parents=True)
    (target / "schemas").mkdir()
    (target / "docs").mkdir()
    shutil.copy(ROOT / "schemas" / "aigov-record.schema.json", target / "schemas")
    (target / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (target / "docs" / "policy.md").write_text(POLICY_PAGE, encoding="utf-8")
    (target / "aigov.yaml").write_text(
        "# aigov configuration for the generated benchmark portfolio\n", encoding="utf-8"
    )
    paths = []
    records = []
    for i in range(n):
        rec = record(i, seed)
        path = target / "systems" / f"{rec['id']}.yaml"
        path.write_text(dump(rec), encoding="utf-8")
        paths.append(path)
        records.append((path, rec))
        if progress:
            progress(i)
    if git:
        commit_all(target, records)
    return paths


def commit_all(target: Path, records: list[tuple[Path, dict[str, Any]]] | None = None) -> bool:
    """Make the folder a git repository, as a governance repo is: the records without their
    sign-offs in one commit, then one commit per reviewer adding theirs, authored by them (so
    the sign-offs verify as a real repository's do, see aigov/review/verify.py). The files end
    as written; dates are fixed so that provenance on the built pages does not depend on the
    day. False when git is not installed."""
    exe = shutil.which("git")
    if exe is None:
        return False
    when = f"{TODAY.isoformat()}T09:00:00+00:00"

    def git(*args: str, who: str = "aigov bench") -> None:
        email = who.lower().replace(" ", ".") + "@example.com"
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": who,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": "aigov bench",
            "GIT_COMMITTER_EMAIL": "bench@example.com",
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
        subprocess.run([exe, *args], cwd=target, env=env, check=True, capture_output=True)

    (target / ".gitignore").write_text("site/\n.aigov-build/\n", encoding="utf-8")
    records = [(path, rec) for path, rec in records or [] if rec.get("signoffs")]
    for path, rec in records:
        path.write_text(dump({**rec, "signoffs": []}), encoding="utf-8")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "Benchmark portfolio")
    reviewers = list(dict.fromkeys(s["reviewer"] for _, rec in records for s in rec["signoffs"]))
    signed: set[str] = set()
    for reviewer in reviewers:
        signed.add(reviewer)
        changed = []
        for path, rec in records:
            if any(s["reviewer"] == reviewer for s in rec["signoffs"]):
                mine = [s for s in rec["signoffs"] if s["reviewer"] in signed]
                path.write_text(dump({**rec, "signoffs": mine}), encoding="utf-8")
                changed.append(str(path.relative_to(target)))
        git("add", "--", *changed)
        git(
            "-c",
            "commit.gpgsign=false",
            "commit",
            "-q",
            "-m",
            f"Sign-offs of {reviewer}",
            who=reviewer,
        )
    return True


def size_summary(paths: list[Path]) -> dict[str, float]:
    sizes = sorted(p.stat().st_size for p in paths)
    n = len(sizes)
    return {
        "records": n,
        "total_bytes": sum(sizes),
        "min": sizes[0],
        "p10": sizes[n // 10],
        "median": sizes[n // 2],
        "p90": sizes[min(n - 1, n * 9 // 10)],
        "max": sizes[-1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of records")
    parser.add_argument("target", type=Path, help="folder for the governance repository")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--force", action="store_true", help="replace the target folder")
    parser.add_argument("--git", action="store_true", help="make it a git repository (one commit)")
    args = parser.parse_args(argv)
    try:
        paths = write_repo(args.target, args.n, args.seed, force=args.force, git=args.git)
    except FileExistsError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(size_summary(paths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
