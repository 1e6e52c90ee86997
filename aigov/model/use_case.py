"""The use case: the decision or workflow improved, before and after."""

from __future__ import annotations

from aigov.model.base import Base, F, L
from aigov.model.vocab import AIHelp, Autonomy


class UseCase(Base):
    problem: str | None = F(
        "The user problem or decision being improved, in one or two sentences. Not 'we need an AI feature'.",
        "Agents spend 9 minutes per ticket finding the right policy and writing a reply.",
    )
    before: str | None = F(
        "How the decision or workflow works today, without this system.",
        "Agents read the thread, search the help centre and write the reply by hand.",
    )
    after: str | None = F(
        "How it works with the system in place.",
        "A copilot drafts a reply with citations; the agent edits and sends it in about 20 seconds.",
    )
    beneficiaries: list[str] = L("Who benefits, and how.", "Support agents: less searching")
    users: list[str] = L("Who operates or sees the system's output.", "Tier-1 support agents")
    affected_people: list[str] = L(
        "People affected by the outputs who do not operate the system.", "Customers writing in"
    )
    ai_help: list[AIHelp] = L(
        "Kind of help the AI gives: automate, augment, personalize, predict, generate.",
        "augment",
        title="Kind of AI help",
    )
    autonomy: Autonomy | None = F(
        "copilot: a human stays in charge of each output; autopilot: the system acts on its own.",
        "copilot",
    )
    decisions_about_people: bool | None = F(
        "Does the output decide or materially influence something about a person (money, access, eligibility, treatment)?",
        False,
    )
    knowledge_task: bool | None = F(
        "Does the system answer questions from a body of knowledge (so users should see its sources)?",
        True,
    )
    intended_uses: list[str] = L(
        "What the system is for, each a concrete use.", "Drafting replies to billing questions"
    )
    out_of_scope_uses: list[str] = L(
        "Uses the system must not be put to.",
        "Legal advice to customers",
        title="Out-of-scope uses",
    )
    foreseeable_misuse: list[str] = L(
        "Reasonably foreseeable misuse you plan against.", "Sending drafts unread"
    )
    geographies: list[str] = L("Where the system is used (countries or regions).", "EU")
    period_and_frequency: str | None = F(
        "Over what period and how often the system is used (Art. 27(1)(b)).",
        "Every incoming claim, on business days, for the pilot from 2026-09 to 2027-06",
    )
    languages: list[str] = L("Languages the system handles.", "en")
