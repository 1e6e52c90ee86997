"""MAP: the decision or workflow improved, who benefits, and what kind of help the AI gives."""

from __future__ import annotations

import re

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.checks.rules._common import decides_about_people
from aigov.i18n import _


@check("AIG-USE-001")
def before_after(ctx: Context) -> None:
    ctx.require(
        ("use_case", "problem"),
        _("no problem statement: which decision or workflow gets better, and why it matters"),
    )
    ctx.require(("use_case", "before"), _("no 'before': how the work is done today, without AI"))
    ctx.require(("use_case", "after"), _("no 'after': how the work is done with the system"))


@check("AIG-USE-002")
def who_benefits(ctx: Context) -> None:
    ctx.require(("use_case", "beneficiaries"), _("no beneficiaries: who is better off, and how"))
    ctx.require(("use_case", "users"), _("no users: who operates the system or sees its output"))
    if decides_about_people(ctx):
        ctx.require(
            ("use_case", "affected_people"),
            _("the system decides about people but does not say who they are"),
        )


# "We need an AI feature" in its many spellings: the problem names the technology, not a need.
_SOLUTION_FIRST = re.compile(
    r"\b(?:we|i|the (?:team|business|company|board)|leadership|management)\s+"
    r"(?:need|needs|want|wants|should|must|would like)\s+(?:to\s+)?"
    r"(?:an?\s+|some\s+|more\s+)?(?:add\s+|use\s+|build\s+|have\s+|ship\s+|launch\s+|leverage\s+|adopt\s+)?"
    r"(?:an?\s+)?(?:ai|a\.i\.|genai|gen ai|generative ai|llms?|chatbot|machine learning|ml|gpt|copilot)\b"
    r"|\b(?:add|use|leverage|adopt|put)\s+(?:an?\s+|some\s+)?(?:ai|genai|llms?|machine learning|ml|gpt)\b"
    r"(?:\s+(?:feature|capabilit\w*|somewhere|into|to our|in our))"
    r"|\b(?:competitors?|everyone|the market)\s+(?:has|have|is using|are using|uses|use)\s+(?:ai|genai|llms?|chatbots?)\b"
    r"|\bai[- ](?:feature|strategy|initiative)\b",
    re.IGNORECASE,
)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@check("AIG-USE-003", when=lambda ctx: ctx.record.use_case is not None)
def not_solution_first(ctx: Context) -> None:
    uc = ctx.record.use_case
    assert uc is not None
    problem = uc.problem or ""
    match = _SOLUTION_FIRST.search(problem)
    if match:
        ctx.fail(
            ("use_case", "problem"),
            _(
                'the problem starts from the technology ("{words}"), not from a decision or '
                "workflow that needs to get better"
            ).format(words=match.group(0).strip()),
        )
    if uc.before and uc.after and _norm(uc.before) == _norm(uc.after):
        ctx.fail(
            ("use_case", "after"),
            _("'after' says the same as 'before': nothing changes for the people doing the work"),
        )


@check("AIG-USE-004")
def kind_of_help(ctx: Context) -> None:
    ctx.require(
        ("use_case", "ai_help"),
        _("the kind of AI help is not stated (automate, augment, personalize, predict, generate)"),
    )
    ctx.require(
        ("use_case", "autonomy"),
        _("not stated whether the system is a copilot (a person decides) or an autopilot"),
    )
    ctx.require(
        ("use_case", "decisions_about_people"),
        _("not stated whether the output decides or influences something about a person"),
        _("Answer true or false: several rules (contest path, slices, oversight) depend on it."),
    )
    ctx.require(
        ("use_case", "knowledge_task"),
        _("not stated whether the system answers from a body of knowledge"),
        _("Answer true or false: knowledge tasks must show their sources."),
    )


@check("AIG-USE-005")
def intended_uses(ctx: Context) -> None:
    ctx.require(("use_case", "intended_uses"), _("no intended uses listed"))
    ctx.require(
        ("use_case", "out_of_scope_uses"),
        _("no out-of-scope uses listed: what must the system never be used for?"),
    )
