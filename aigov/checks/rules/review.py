"""Evidence links and audience rules: cited files exist inside the repository, URLs are well
formed, visibility paths name real fields (a typo there would publish internal content)."""

from __future__ import annotations

from typing import Any

from aigov.checks.context import Context
from aigov.checks.registry import check
from aigov.checks.rules._common import latest_by_role
from aigov.evidence import check_url, path_problem
from aigov.fieldmodel.paths import explain_path, rules_of
from aigov.i18n import _


def _data(ctx: Context) -> Any:
    return ctx.dump()  # one dump per record, shared by the three rules


def _cites_paths(ctx: Context) -> bool:
    return ctx.root is not None and any(r.path for r in ctx.evidence())


def _evidence_entries(ctx: Context) -> list[Any]:
    """Evidence entries only (not record links, model references or data-source links)."""
    return [r for r in ctx.evidence() if r.kind == "evidence"]


@check("AIG-EVIDENCE-001", when=_cites_paths)
def evidence_files(ctx: Context) -> None:
    assert ctx.root is not None
    for ref in ctx.evidence():
        if ref.path is None:
            continue
        broken = path_problem(ctx.root, ref)
        if broken is not None:
            _code, message, hint = broken
            ctx.fail((*ref.where, ref.key), message, hint)


@check("AIG-EVIDENCE-002", when=lambda ctx: bool(_evidence_entries(ctx)))
def evidence_urls(ctx: Context) -> None:
    for ref in _evidence_entries(ctx):
        if ref.url is None and ref.path is None:
            ctx.fail(
                ref.where,
                _("evidence '{title}' cites neither a path nor a url").format(title=ref.title),
                _("Add `path:` (a file in this repository) or `url:` (an http(s) link)."),
            )
        if ref.url is None:
            continue
        problem = check_url(ref.url)
        if problem:
            shown = ref.url if len(ref.url) <= 80 else ref.url[:77] + "..."
            ctx.fail(
                (*ref.where, "url"),
                _("evidence url '{url}' {problem}").format(url=shown, problem=problem),
            )


@check("AIG-VISIBILITY-001", when=lambda ctx: ctx.record.visibility is not None)
def visibility_paths(ctx: Context) -> None:
    data = _data(ctx)
    for rule in rules_of(data):
        problem, hint = explain_path(rule.steps, data)
        if problem:
            ctx.fail(
                ("visibility", rule.level, rule.index),
                _("visibility path '{path}' {problem}").format(path=rule.path, problem=problem),
                hint,
            )


# --- sign-offs verified against git history (aigov.review.verify) -----------------------------


def _verified(ctx: Context) -> bool:
    """The record was checked from a file in a git repository and has sign-offs."""
    return bool(ctx.signoff_verdicts) and any(v.in_repo for v in ctx.signoff_verdicts or [])


def _who(ctx: Context, i: int) -> str:
    s = ctx.record.signoffs[i]
    return _("the {role} sign-off by {reviewer} of {date}").format(
        role=s.role.value, reviewer=s.reviewer, date=s.date
    )


def signoff_problem(ctx: Context, i: int) -> str:
    """Why sign-off `i` does not count ('' when it does, or when it was not verified)."""
    if ctx.signoff_verdicts is None or i >= len(ctx.signoff_verdicts):
        return ""
    verdict = ctx.signoff_verdicts[i]
    if verdict.invalid:
        return _("it is invalid: {why}").format(why=verdict.invalid)
    level = ctx.policy.trust_level(ctx.effective_tier)
    if verdict.counts(level):
        return ""
    if level == "signed" and verdict.trust.value == "committed":
        return _(
            "it is not signed ({why}), and the policy wants signed sign-offs for {tier}-tier "
            "systems"
        ).format(why=verdict.reason, tier=ctx.effective_tier.value)
    return verdict.reason or _("who made it cannot be checked")


def _resign(ctx: Context, i: int) -> str:
    s = ctx.record.signoffs[i]
    return _(
        "Ask {reviewer} to record the sign-off themselves (`aigov approve {system} --role {role} "
        "... --sign`, then commit or push it)."
    ).format(reviewer=s.reviewer, system=ctx.record.id, role=s.role.value)


@check("AIG-SIGNOFF-003", when=_verified)
def signoffs_as_made(ctx: Context) -> None:
    for i, verdict in enumerate(ctx.signoff_verdicts or []):
        if verdict.invalid and i < len(ctx.record.signoffs):
            ctx.fail(
                ("signoffs", i),
                _("{signoff} is invalid: {why}").format(signoff=_who(ctx, i), why=verdict.invalid),
            )


@check("AIG-SIGNOFF-004", when=_verified)
def signoffs_by_reviewer(ctx: Context) -> None:
    # Only the sign-off that counts for a role matters here (older ones are history); an
    # invalid one is AIG-SIGNOFF-003, and a required role is AIG-SIGNOFF-001's to report.
    required = {r.value for r in ctx.policy.required_roles(ctx.effective_tier, ctx.stage)}
    verdicts = ctx.signoff_verdicts or []
    for role, (i, _s) in sorted(
        latest_by_role(ctx.record.signoffs).items(), key=lambda kv: kv[1][0]
    ):
        if role in required or i >= len(verdicts) or verdicts[i].invalid:
            continue
        problem = signoff_problem(ctx, i)
        if problem:
            ctx.fail(
                ("signoffs", i, "reviewer"),
                _("{signoff} does not count: {problem}").format(
                    signoff=_who(ctx, i), problem=problem
                ),
                _resign(ctx, i),
            )


@check("AIG-SIGNOFF-010", when=_verified)
def signoffs_not_backdated(ctx: Context) -> None:
    # the sign-off that counts for each role: an older one is history, and the history page
    # shows its date problem there
    current = {i for i, _ in latest_by_role(ctx.record.signoffs).values()}
    for i, verdict in enumerate(ctx.signoff_verdicts or []):
        if verdict.backdated and i in current:
            ctx.fail(
                ("signoffs", i, "date"),
                _("{signoff} is {why}").format(signoff=_who(ctx, i), why=verdict.backdated),
                _(
                    "A reviewer can only approve content that exists. Ask the reviewer to sign "
                    "again (`aigov approve {system} --role {role} ...`), or explain the date in a "
                    "comment."
                ).format(system=ctx.record.id, role=ctx.record.signoffs[i].role.value),
            )


def _open_conditions(ctx: Context) -> bool:
    return any(c.status.value == "open" for s in ctx.record.signoffs for c in s.condition_items)


@check("AIG-SIGNOFF-011", when=_open_conditions)
def conditions_on_time(ctx: Context) -> None:
    # only the sign-off that counts for its role binds its conditions (older ones carried
    # them forward, or AIG-SIGNOFF-012 says they lapsed)
    for _role, (i, s) in sorted(
        latest_by_role(ctx.record.signoffs).items(), key=lambda kv: kv[1][0]
    ):
        for j, c in enumerate(s.condition_items):
            if c.status.value == "open" and c.due is not None and c.due < ctx.today:
                text = (
                    _(
                        "the condition '{condition}' of {signoff} was due {due} and is still "
                        "open (owner: {owner})"
                    )
                    if c.owner
                    else _(
                        "the condition '{condition}' of {signoff} was due {due} and is still open"
                    )
                )
                ctx.fail(
                    ("signoffs", i, "conditions", j),
                    text.format(condition=c.text, signoff=_who(ctx, i), due=c.due, owner=c.owner),
                    _(
                        "Meet it and record it as met (with a note), or ask the reviewer to waive it "
                        "or set a new due date in a new sign-off."
                    ),
                )


@check("AIG-SIGNOFF-012", when=lambda ctx: len(ctx.record.signoffs) > 1 and _open_conditions(ctx))
def conditions_carried_forward(ctx: Context) -> None:
    latest = latest_by_role(ctx.record.signoffs)
    for role, (i, s) in sorted(latest.items(), key=lambda kv: kv[1][0]):
        older = [
            (k, o)
            for k, o in enumerate(ctx.record.signoffs)
            if o.role.value == role and k != i and o.signed_at <= s.signed_at
        ]
        if not older:
            continue
        k, previous = max(older, key=lambda ko: (ko[1].signed_at, ko[0]))
        named = {_norm(c.text) for c in s.condition_items}
        for c in previous.condition_items:
            if c.status.value == "open" and _norm(c.text) not in named:
                ctx.fail(
                    ("signoffs", i, "conditions"),
                    _(
                        "the open condition '{condition}' of {older} lapsed: {newer}, which "
                        "supersedes it, neither carries it forward nor records it as met or "
                        "waived"
                    ).format(condition=c.text, older=_who(ctx, k), newer=_who(ctx, i)),
                    _(
                        "Record the condition in the new sign-off: open (carried forward), met or "
                        "waived (`aigov approve` carries open conditions forward unless told "
                        "--condition-met or --condition-waived)."
                    ),
                )


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()
