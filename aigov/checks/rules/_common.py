"""Small predicates the rules share; each is also a `when=` condition."""

from __future__ import annotations

from aigov.checks.context import Context
from aigov.i18n import ngettext
from aigov.model import AIHelp, Autonomy, ModelKind, RiskTier, SensitiveCategory, SignOff, Stage

HIGH_TIERS = (RiskTier.HIGH, RiskTier.CRITICAL)
STAGE_ORDER = {s: i for i, s in enumerate(Stage)}


def is_generative(ctx: Context) -> bool:
    """The system generates content: `generate` help, or an LLM among its components."""
    rec = ctx.record
    if rec.use_case and AIHelp.GENERATE in rec.use_case.ai_help:
        return True
    return bool(rec.approach and any(c.kind == ModelKind.LLM for c in rec.approach.components))


def decides_about_people(ctx: Context) -> bool:
    return bool(ctx.record.use_case and ctx.record.use_case.decisions_about_people)


def is_knowledge_task(ctx: Context) -> bool:
    return bool(ctx.record.use_case and ctx.record.use_case.knowledge_task)


def is_autopilot(ctx: Context) -> bool:
    return bool(ctx.record.use_case and ctx.record.use_case.autonomy == Autonomy.AUTOPILOT)


def is_high_risk(ctx: Context) -> bool:
    return ctx.effective_tier in HIGH_TIERS


def sensitive_categories(ctx: Context) -> list[SensitiveCategory]:
    data = ctx.record.data
    if data is None:
        return []
    found = list(data.sensitive_categories)
    for source in data.sources:
        found.extend(c for c in source.sensitive_categories if c not in found)
    return found


def has_sensitive_data(ctx: Context) -> bool:
    return bool(sensitive_categories(ctx))


def has_personal_data(ctx: Context) -> bool:
    data = ctx.record.data
    if data is None:
        return False
    return bool(data.personal_data) or any(s.personal_data for s in data.sources)


def days(n: int) -> str:
    """'1 day', '90 days' in the language aigov writes in."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


def latest_by_role(signoffs: list[SignOff]) -> dict[str, tuple[int, SignOff]]:
    """The sign-off that counts for each role: the newest (a later one supersedes)."""
    latest: dict[str, tuple[int, SignOff]] = {}
    for i, s in enumerate(signoffs):
        prior = latest.get(s.role.value)
        if prior is None or s.signed_at >= prior[1].signed_at:
            latest[s.role.value] = (i, s)
    return latest
