"""The questionnaire, end to end with scripted answers: it follows the playbook, writes a record
that validates, and complete answers pass the gate the record was aimed at."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from aigov.authoring.fields import field_doc
from aigov.authoring.fmt import format_text
from aigov.authoring.new import assemble, checklist, create
from aigov.authoring.questionnaire import (
    UNKNOWN,
    Progress,
    Prompt,
    Section,
    Session,
    all_sections,
    kinds,
    next_gate,
    parse_reply,
    sections_for,
    short_id,
    slug,
)
from aigov.authoring.scaffold import init_repository
from aigov.fieldmodel.titles import OWNERS
from aigov.model import Stage, is_slug
from aigov.yamlload import load_text

TODAY = dt.date(2026, 11, 26)


class ScriptedAsker:
    """Answers from a dict: field path → reply; list-of-mapping fields → one dict per item."""

    def __init__(self, script: dict[str, Any]) -> None:
        self.script = script
        self.asked: list[str] = []
        self.sections: list[str] = []
        self.helped: list[str] = []
        self.errors: list[str] = []
        self.retries: dict[str, list[Any]] = {}
        self.prompts: list[Prompt] = []

    def section(self, section: Section, index: int, total: int) -> None:
        self.sections.append(section.id)

    def ask(self, prompt: Prompt) -> str | list[str]:
        path = prompt.question.path
        self.prompts.append(prompt)
        self.asked.append(path)
        if self.asked.count(path) > 12:
            raise AssertionError(f"{path} asked again and again: {self.errors[-3:]}")
        if self.retries.get(path):
            return self.retries[path].pop(0)
        if prompt.item_label:
            group, sub = path.rsplit(".", 1)
            index = int(re.search(r"(\d+)$", prompt.item_label).group(1)) - 1  # type: ignore[union-attr]
            items = self.script.get(group, [])
            if index >= len(items):
                return ""
            return _reply(items[index].get(sub, ""))
        return _reply(self.script.get(path, ""))

    def help(self, prompt: Prompt) -> None:
        self.helped.append(prompt.question.path)

    def invalid(self, prompt: Prompt, message: str) -> None:
        self.errors.append(f"{prompt.question.path}: {message}")


def _reply(value: Any) -> str | list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "y" if value else "n"
    return str(value)


# A generative support assistant, answered completely (no kind defaults relied on).
COMPLETE: dict[str, Any] = {
    "summary": "Drafts grounded replies to billing tickets for support agents to edit and send.",
    "owner.team": "Support Engineering",
    "owner.accountable": "Dana Whitfield",
    "owner.contact": "support-ai@example.com",
    "owner.product_manager": "Priya Raman",
    "lifecycle.stage_since": "2026-11-02",
    "use_case.problem": "Agents spend nine minutes per billing ticket finding the policy and writing a reply.",
    "use_case.before": "Agents read the thread, search the help centre and type the reply by hand.",
    "use_case.after": "A copilot drafts a reply citing the policy; the agent edits it and sends it.",
    "use_case.beneficiaries": ["Agents: less searching", "Customers: faster answers"],
    "use_case.users": ["Tier-1 support agents"],
    "use_case.affected_people": ["Customers writing in"],
    "use_case.ai_help": "generate, augment",
    "use_case.decisions_about_people": False,
    "use_case.knowledge_task": True,
    "use_case.intended_uses": ["Drafting replies to billing questions"],
    "use_case.out_of_scope_uses": ["Legal advice", "Refund decisions"],
    "feasibility.data_readiness": "Two years of resolved tickets; legal confirmed the use.",
    "data.sources": [
        {
            "name": "Help-centre articles",
            "roles": "retrieval",
            "owner": "Support Content",
            "personal_data": False,
        },
        {
            "name": "Resolved tickets 2024-2026",
            "roles": "evaluation, feedback",
            "owner": "Support Ops",
            "personal_data": True,
            "legal_basis": "legitimate_interests",
        },
    ],
    "data.personal_data": True,
    "data.retention": "Prompts and drafts 30 days",
    "feasibility.baseline.description": "Agents answer by hand",
    "feasibility.baseline.metric": "Average handle time",
    "feasibility.baseline.value": "9.2 minutes",
    "feasibility.good_enough": "70% of drafts sent with light edits",
    "feasibility.offline_evaluation": "Groundedness and policy accuracy on 400 curated tickets",
    "feasibility.risk_summary": "A wrong refund promise costs money and trust",
    "feasibility.decision": "go",
    "feasibility.completed": "2026-11-20",
    "approach.strategy": "blend",
    "approach.patterns": "1, 5",
    "approach.rationale": "An API model gives time-to-value; retrieval keeps answers grounded.",
    "approach.components": [
        {
            "name": "Reply drafting LLM",
            "kind": "llm",
            "source": "api",
            "provider": "Anthropic",
            "version": "claude-sonnet-4-5",
            "license": "proprietary",
        },
    ],
    "use_case.autonomy": "copilot",
    "impact_assessment.human_oversight.mode": "1",
    "impact_assessment.human_oversight.description": "The agent reviews and sends every draft.",
    "experience.confidence_cues": "Low-confidence drafts are collapsed and marked",
    "experience.editable_outputs": "Drafts open in the editor; nothing is sent unedited",
    "experience.source_grounding": "Each paragraph links the article it came from",
    "experience.fallbacks": "No draft; the top three articles are suggested instead",
    "experience.expectation_setting": "An onboarding card lists what it cannot do",
    "metrics.business": [{"name": "Average handle time", "target": "-25% against 9.2 minutes"}],
    "metrics.user_experience": [
        {"name": "Draft acceptance rate", "target": "≥ 70% sent with light edits"}
    ],
    "metrics.model_quality": [{"name": "Groundedness", "target": "≥ 90% on policy-400"}],
    "metrics.guardrail": [{"name": "Wrong refund promises", "target": "0 in the weekly sample"}],
    "metrics.operational": [
        {"name": "Latency p95", "target": "< 4 s"},
        {"name": "Cost per draft", "target": "< $0.02"},
    ],
    "impact_assessment.assessor": "Priya Raman with Legal",
    "impact_assessment.harms": [
        {
            "description": "A draft promises a refund the policy does not allow",
            "affected_group": "Customers",
            "category": "financial",
            "severity": "medium",
            "likelihood": "possible",
            "mitigations": "Agent reviews and sends every draft",
        },
        {
            "description": "Customer personal data leaks into a reply",
            "affected_group": "Customers",
            "category": "privacy",
            "severity": "medium",
            "likelihood": "unlikely",
            "mitigations": "PII redaction before the API call",
        },
    ],
    "impact_assessment.date": "2026-11-24",
    "data.sensitive_categories": "finance",
    "data.legal_basis": "Contract (GDPR Art. 6(1)(b)) for answering the customer's own request",
    "data.data_protection_note": "DPIA-2026-019 approved; no training on our data",
    "impact_assessment.contestability.available": True,
    "impact_assessment.contestability.process": "Customers reply 'human' to reach a senior agent",
    "impact_assessment.disclosures": ["Agents see an 'AI draft' label"],
    "experience.ai_disclosure": "Agents see an 'AI draft' label on every draft",
    "impact_assessment.eu_ai_act.annex_iii_area": "none",
    "impact_assessment.eu_ai_act.annex_i_product": False,
    "impact_assessment.eu_ai_act.profiling": False,
    "impact_assessment.eu_ai_act.role": "deployer",
    "impact_assessment.eu_ai_act.prohibited_practices": "none",
    "impact_assessment.eu_ai_act.transparency_obligations": "interacts_with_people",
    "impact_assessment.risk_tier.internal": "medium",
    "impact_assessment.risk_tier.eu_ai_act": "limited",
    "impact_assessment.risk_tier.rationale": "Drafts reach customers only through an agent; money is at stake.",
    "evaluations.plan.method": "Two reviewers grade each draft against the rubric",
    "evaluations.plan.rubric": "Correct policy, grounded, polite, actionable: 0-2 each",
    "evaluations.plan.test_sets": [
        {"name": "Policy 400", "size": "400", "description": "Curated billing tickets"}
    ],
    "launch.feedback_logging.mechanism": "Edit distance between draft and sent reply; thumbs up/down",
    "launch.feedback_logging.used_for": "Monthly evaluation refresh",
    "lifecycle.review_cadence_days": "90",
    "launch.mvp.scope": "Refund-policy questions only, English, 20 agents",
    "launch.mvp.exit_criteria": ["Handle time -25% with no rise in reopen rate"],
    "launch.stop_ship_criteria": ["Groundedness below 80% on the weekly sample"],
    "documentation.intended_use": "Drafts replies for support agents to edit and send",
    "documentation.limitations": ["Does not read attachments"],
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    init_repository(tmp_path)
    return tmp_path


def run_questionnaire(
    script: dict[str, Any],
    *,
    stage: Stage,
    kind: str | None = None,
    record_id: str = "support-copilot",
    everyone: bool = True,
) -> tuple[dict[str, Any], ScriptedAsker]:
    gate = next_gate(stage)
    k = kinds()[kind] if kind else None
    data = assemble(record_id, stage=stage, today=TODAY, kind=k, with_kind_record=False)
    data["name"] = "Support copilot"
    asker = ScriptedAsker(script)
    Session(sections_for(kind, gate, everyone=everyone), k, data, today=TODAY).run(asker)
    return data, asker


def open_items(items: list[Any]) -> list[str]:
    return [f"{i.rule.id} {i.status}: {'; '.join(i.messages)}" for i in items if not i.done]


def test_the_questions_follow_the_playbook_order() -> None:
    order = [s.id for s in all_sections()]
    assert order == [
        "system",
        "decision",
        "feasibility",
        "approach",
        "experience",
        "metrics",
        "impact",
        "mvp",
    ]
    asked = [q.path for s in all_sections() for q in s.questions]
    for before, after in [
        ("use_case.before", "use_case.after"),
        ("use_case.after", "use_case.beneficiaries"),
        ("feasibility.data_readiness", "feasibility.baseline.description"),
        ("feasibility.baseline.description", "feasibility.offline_evaluation"),
        ("feasibility.offline_evaluation", "feasibility.risk_summary"),
        ("feasibility.risk_summary", "approach.strategy"),
        ("approach.strategy", "use_case.autonomy"),
        ("use_case.autonomy", "metrics.business"),
        ("metrics.operational", "impact_assessment.harms"),
        ("impact_assessment.harms", "data.sensitive_categories"),
        ("data.sensitive_categories", "impact_assessment.contestability.available"),
        ("impact_assessment.contestability.available", "impact_assessment.disclosures"),
    ]:
        assert asked.index(before) < asked.index(after), (before, after)


def test_help_and_examples_come_from_the_model() -> None:
    q = next(q for s in all_sections() for q in s.questions if q.path == "use_case.before")
    assert q.doc is field_doc("use_case.before") or q.doc == field_doc("use_case.before")
    assert (
        q.doc.example
        == "Agents read the thread, search the help centre and write the reply by hand."
    )
    autonomy = next(q for s in all_sections() for q in s.questions if q.path == "use_case.autonomy")
    assert autonomy.doc.choices == ("copilot", "autopilot")


@pytest.mark.parametrize(
    ("stage", "gate"), [(Stage.IDEA, Stage.FEASIBILITY), (Stage.FEASIBILITY, Stage.MVP)]
)
def test_complete_answers_pass_the_gate_they_were_aimed_at(
    repo: Path, stage: Stage, gate: Stage
) -> None:
    data, asker = run_questionnaire(COMPLETE, stage=stage, record_id=f"copilot-{stage.value}")
    assert not asker.errors, asker.errors
    result = create(repo, data, today=TODAY)
    assert result.gate == gate
    assert result.loaded.record is not None and result.loaded.valid, result.loaded.diagnostics
    items, why = checklist(result.loaded, gate, repo, TODAY)
    assert items is not None, why
    blocking = [i for i in items if i.blocking]
    assert not blocking, open_items(items)
    # not only errors: the playbook questions cover every rule of the gate but the review date
    assert [i.rule.id for i in items if not i.done] in ([], ["AIG-LIFE-002"]), open_items(items)
    # the controls named as mitigations became planned controls, linked by id
    record = result.loaded.record
    assert record.controls is not None and record.impact_assessment is not None
    control_ids = {c.id for c in record.controls.manage}
    for harm in record.impact_assessment.harms:
        assert harm.mitigations and set(harm.mitigations) <= control_ids
    # the written record is already in canonical layout
    assert format_text(result.text) == result.text


def test_only_the_gate_questions_are_asked_for_an_early_gate() -> None:
    _, asker = run_questionnaire(COMPLETE, stage=Stage.IDEA)
    assert "launch.mvp.scope" not in asker.asked and "evaluations.plan.method" not in asker.asked
    assert "use_case.before" in asker.asked and "impact_assessment.harms.description" in asker.asked


def test_skipped_and_unknown_answers(repo: Path) -> None:
    script = {
        "use_case.problem": "u",
        "use_case.beneficiaries": ["unknown"],
        "use_case.autonomy": "unknown yet",
        "feasibility.baseline.description": "u",  # required inside baseline: the section becomes unknown
        "impact_assessment.harms": [{"description": "u"}],
    }
    data, asker = run_questionnaire(script, stage=Stage.IDEA)
    assert data["use_case"]["problem"] == UNKNOWN
    assert data["use_case"]["beneficiaries"] == UNKNOWN
    assert data["use_case"]["autonomy"] == UNKNOWN
    assert data["feasibility"]["baseline"] == UNKNOWN
    assert "feasibility.baseline.metric" not in asker.asked  # needs a baseline description
    assert data["impact_assessment"]["harms"] == UNKNOWN
    assert "before" not in data["use_case"]  # skipped: left as a placeholder
    result = create(repo, data, today=TODAY)
    assert result.loaded.valid
    assert result.loaded.answers["use_case.problem"].kind == "unknown"
    assert "  # before:  # How the decision or workflow works today" in result.text
    items, _ = checklist(result.loaded, result.gate, repo, TODAY)
    statuses = {i.rule.id: i.status for i in items or []}
    assert statuses["AIG-IMPACT-001"] == "unknown"  # a known gap, not a forgotten one


def test_invalid_replies_are_asked_again_and_help_is_shown() -> None:
    asker = ScriptedAsker({"use_case.autonomy": "copilot", "feasibility.completed": "2026-11-20"})
    asker.retries = {
        "use_case.autonomy": ["?", "sometimes"],
        "feasibility.completed": ["next week"],
    }
    data = assemble("x", stage=Stage.FEASIBILITY, today=TODAY)
    data["name"] = "X"
    Session(sections_for(None, Stage.MVP), None, data).run(asker)
    assert data["use_case"]["autonomy"] == "copilot"
    assert data["feasibility"]["completed"] == dt.date(2026, 11, 20)
    assert asker.helped == ["use_case.autonomy"]
    assert any("'sometimes' is not one of: copilot, autopilot" in e for e in asker.errors)
    assert any("not a date" in e for e in asker.errors)


def test_kind_defaults_are_offered_and_accepted_with_enter() -> None:
    data, asker = run_questionnaire({}, stage=Stage.IDEA, kind="generative-assistant")
    assert data["use_case"]["autonomy"] == "copilot"
    assert data["use_case"]["ai_help"] == ["generate", "augment"]
    assert data["approach"]["patterns"] == ["api_model", "retrieval_augmented"]
    assert data["tags"] == ["generative-ai"]  # not a question: written from the kind
    assert "experience.source_grounding" in asker.asked  # a generative-assistant question
    _, forecaster = run_questionnaire({}, stage=Stage.IDEA, kind="forecaster")
    assert "experience.source_grounding" not in forecaster.asked
    _, unknown_kind = run_questionnaire({}, stage=Stage.IDEA)
    assert "experience.source_grounding" in unknown_kind.asked  # without --like, ask everything


@pytest.mark.parametrize(
    ("path", "reply", "value"),
    [
        ("use_case.ai_help", "2,5", ["augment", "generate"]),
        ("use_case.ai_help", "predict automate", ["predict", "automate"]),
        ("use_case.autonomy", "Auto", "autopilot"),
        ("use_case.decisions_about_people", "Yes", True),
        ("lifecycle.review_cadence_days", "90", 90),
        ("feasibility.completed", "2026-03-31", dt.date(2026, 3, 31)),
        ("impact_assessment.harms.severity", "4", "critical"),
        ("use_case.beneficiaries", ["a", "", "b"], ["a", "b"]),
    ],
)
def test_replies_are_parsed(path: str, reply: Any, value: Any) -> None:
    doc = field_doc(path)
    assert doc is not None
    assert parse_reply(doc, reply) == value


def test_ids_are_slugs() -> None:
    assert slug("Wrong refund promise — Über!") == "wrong-refund-promise-uber"
    assert slug("x", {"x"}) == "x-2"
    assert slug("Agent reviews every draft", prefix="ctl-") == "ctl-agent-reviews-every-draft"


@pytest.mark.parametrize(
    ("text", "prefix", "expected"),
    [
        ("A draft promises a refund the policy does not allow", "", "draft-promises-refund-policy"),
        ("An agent reviews, edits and sends every draft", "ctl-", "ctl-agent-reviews-edits-sends"),
        ("Wrong refund promise — Über!", "", "wrong-refund-promise-uber"),
        ("The", "", "the"),  # nothing but stop words: keep them rather than invent
        (
            "Überdurchschnittlichkeitsbescheinigungsverfahren",
            "",
            "uberdurchschnittlichkeitsbeschei",
        ),
        ("Customer personal data leaks into a reply", "", "customer-personal-data-leaks"),
    ],
)
def test_short_ids_are_cut_between_words(text: str, prefix: str, expected: str) -> None:
    made = short_id(text, prefix=prefix)
    assert made == expected
    assert len(made) <= 32 and is_slug(made)
    words = set(
        re.split(
            r"[^a-z0-9]+",
            unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower(),
        )
    )
    if len(made) < 32:  # cut between words: every word of the id is a word of the text
        assert set(made.removeprefix(prefix).split("-")) <= words


def test_short_ids_are_unique_and_stay_short() -> None:
    taken = {"draft-promises-refund-policy"}
    made = short_id("A draft promises a refund the policy does not allow", taken)
    assert made == "draft-promises-refund-policy-2"
    full = "abcdefghij-klmnopqrst-uvwxyzabcd"  # 32 characters: a suffix drops a whole word
    assert short_id("abcdefghij klmnopqrst uvwxyzabcd") == full
    assert short_id("abcdefghij klmnopqrst uvwxyzabcd", {full}) == "abcdefghij-klmnopqrst-2"


def test_the_counter_never_exceeds_its_total_and_ends_on_it() -> None:
    _, asker = run_questionnaire(COMPLETE, stage=Stage.FEASIBILITY)
    numbered = [p for p in asker.prompts if not p.confirm]
    numbers = [p.number for p in numbered]
    assert numbers == sorted(numbers) and numbers[0] == 1
    # one number per question asked (a retry or an id confirmation keeps its number)
    assert len(set(numbers)) == numbers[-1]
    assert all(p.number <= p.total for p in asker.prompts)
    assert numbered[-1].number == numbered[-1].total
    # the follow-ups opened by answers (a second data source, personal data's legal basis)
    # raised the total on the way
    totals = [p.total for p in numbered]
    assert any(b > a for a, b in itertools.pairwise(totals))


def test_an_empty_run_asks_what_it_announced_minus_the_lists_left_empty() -> None:
    _, asker = run_questionnaire({}, stage=Stage.IDEA, everyone=False)
    first, last = asker.prompts[0], asker.prompts[-1]
    assert last.number == last.total  # no "[73/70]"
    assert first.total >= last.total  # only closed branches (empty lists) made it shorter


def test_legal_questions_are_asked_only_with_all_and_each_owner_in_turn() -> None:
    legal = {
        "impact_assessment.eu_ai_act.annex_iii_area",
        "impact_assessment.eu_ai_act.role",
        "impact_assessment.risk_tier.internal",
        "impact_assessment.risk_tier.eu_ai_act",
        "impact_assessment.eu_ai_act.annex_i_product",
    }
    _, asker = run_questionnaire(COMPLETE, stage=Stage.IDEA, everyone=False)
    assert not legal & set(asker.asked)
    _, everyone = run_questionnaire(COMPLETE, stage=Stage.IDEA, everyone=True)
    assert legal <= set(everyone.asked)
    owners = [s.owner for s in sections_for(None, Stage.MVP, everyone=True)]
    assert owners == sorted(owners, key=list(OWNERS).index)  # grouped: PM first, then each owner
    assert owners[0] == "pm" and "legal" in owners
    assert "legal" not in {s.owner for s in sections_for(None, Stage.MVP)}
    ml = next(s for s in sections_for(None, Stage.MVP) if s.owner == "ml_lead")
    assert ml.title.endswith("— for the ML lead") and "Enter leaves a question" in ml.intro


def test_examples_come_from_the_kind_one_per_metric_layer() -> None:
    one_harm = {"impact_assessment.harms": [{"description": "A draft promises a refund"}]}
    _, asker = run_questionnaire(one_harm, stage=Stage.FEASIBILITY, kind="generative-assistant")
    shown = [p for p in asker.prompts if p.example or p.tip]
    text = " ".join(f"{p.example} {p.tip}" for p in shown).lower()
    for other_domain in ("claim", "adjuster", "insurance", "policyholder"):
        assert other_domain not in text, other_domain
    layers = {p.question.path: p for p in asker.prompts if p.question.path.startswith("metrics.")}
    first_of_layer = [
        p for p in asker.prompts if p.question.path.endswith(".name") and p.item_label == "Metric 1"
    ]
    hints = [p.tip or p.example for p in first_of_layer]
    assert len(hints) == 5 and len(set(hints)) == 5, hints  # one per layer, all different
    assert layers
    mitigation = next(p for p in asker.prompts if p.question.path.endswith(".mitigations"))
    assert mitigation.example and not mitigation.example.startswith("ctl-")  # a title, not an id
    # without --like no model example sits under every metric layer
    _, plain = run_questionnaire({}, stage=Stage.IDEA)
    names = [
        p.example
        for p in plain.prompts
        if p.question.path.endswith(".name") and p.question.path.startswith("metrics.")
    ]
    assert len(set(names)) == len(names) == 5


def test_the_progress_continues_where_it_stopped() -> None:
    saved: list[dict[str, Any]] = []

    class Stop(Exception):
        pass

    class Stopping(ScriptedAsker):
        stopped_at: Prompt | None = None

        def ask(self, prompt: Prompt) -> str | list[str]:
            if (
                prompt.question.path == "impact_assessment.harms.severity"
                and prompt.item_label == "Harm 2"
            ):
                self.stopped_at = prompt
                raise Stop
            return super().ask(prompt)

    data = assemble("x", stage=Stage.IDEA, today=TODAY, with_kind_record=False)
    session = Session(
        sections_for(None, Stage.FEASIBILITY),
        None,
        data,
        today=TODAY,
        on_answer=lambda s: saved.append(
            {"data": copy.deepcopy(s.data), "progress": s.progress.to_data()}
        ),
    )
    first = Stopping(COMPLETE)
    with pytest.raises(Stop):
        session.run(first)
    last = saved[-1]
    assert last["progress"]["item"]["answers"]["description"].startswith("Customer personal data")
    resumed = ScriptedAsker(COMPLETE)
    again = Session(
        sections_for(None, Stage.FEASIBILITY),
        None,
        last["data"],
        today=TODAY,
        progress=Progress.from_data(last["progress"]),
    )
    result = again.run(resumed)
    assert resumed.asked[0] == "impact_assessment.harms.severity"  # where it stopped
    assert first.stopped_at is not None
    assert resumed.prompts[0].number == first.stopped_at.number  # the same number again
    answered_before = {
        p for p in first.asked if not p.startswith(("impact_assessment.harms.", "controls."))
    }
    assert answered_before.isdisjoint(resumed.asked)  # nothing answered is asked again
    harms = result["impact_assessment"]["harms"]
    assert [h["severity"] for h in harms] == ["medium", "medium"]
    assert [h["id"] for h in harms] == [
        "draft-promises-refund-policy",
        "customer-personal-data-leaks",
    ]


def test_placeholders_show_the_shape_of_lists_and_mappings(repo: Path) -> None:
    data = assemble("x", stage=Stage.IDEA, today=TODAY)
    data["name"] = "X"
    text = create(repo, data, today=TODAY).text
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if "beneficiaries:  # " in ln)
    item = lines[at + 1]
    assert item.startswith("#     - ")  # under `# use_case:` and `#   beneficiaries:`
    uncommented = (
        "use_case:\n  beneficiaries:\n    " + item.split("- ", 1)[1].join(["- ", ""]) + "\n"
    )
    assert load_text(uncommented, "x").data["use_case"]["beneficiaries"] == [
        "Support agents: less searching"
    ]  # quoted: its ': ' would otherwise make it a mapping
    at = next(i for i, ln in enumerate(lines) if "concerns:  # " in ln)
    assert lines[at + 1].lstrip("# ").startswith("- Claim delayed")  # a list of text
    kind = kinds()["generative-assistant"]
    data = assemble("y", stage=Stage.IDEA, today=TODAY, kind=kind)
    data["name"] = "Y"
    text = create(repo, data, today=TODAY, examples=kind.examples).text
    concerns = next(ln for ln in text.splitlines() if "concerns:  # " in ln)
    assert "A list: one `- item` per line." in concerns  # no example in this domain: the shape
    assert "Claim" not in text and "adjuster" not in text  # no insurance example here
    metadata = next(ln for ln in lines if "metadata:  # " in ln)
    assert metadata.endswith("A mapping: one `name: value` per line below it.")
    owner = lines.index("# owner:  # Who owns the system.")  # a section: its fields below it
    assert lines[owner + 1].startswith("#   team:  # ")
    patterns = next(ln for ln in lines if "patterns:  # " in ln)
    assert "Any of:" in patterns and "A list, e.g. [" in patterns


def test_the_written_record_reads_back_as_the_answers(repo: Path) -> None:
    data, _ = run_questionnaire(COMPLETE, stage=Stage.FEASIBILITY)
    result = create(repo, data, today=TODAY)
    loaded = load_text(result.text, "x").data
    assert loaded["use_case"]["beneficiaries"] == COMPLETE["use_case.beneficiaries"]
    assert loaded["metrics"]["operational"][1] == {
        "id": "cost-per-draft",
        "name": "Cost per draft",
        "target": "< $0.02",
    }
    assert result.text.startswith(
        "# yaml-language-server: $schema=../schemas/aigov-record.schema.json\n"
    )
