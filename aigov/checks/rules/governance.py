"""GOVERN: ownership, lifecycle and review, controls, sign-offs, and the organisation's policy."""

from __future__ import annotations

from dataclasses import replace

from aigov.binding import lapses
from aigov.checks.context import Context
from aigov.checks.coverage import in_place
from aigov.checks.facts import review_cadence as cadence_days
from aigov.checks.facts import review_due
from aigov.checks.fieldpaths import expand
from aigov.checks.registry import Rule, all_rules, check
from aigov.checks.rules._common import days, latest_by_role
from aigov.checks.rules.review import _resign, signoff_problem
from aigov.i18n import _
from aigov.model import ControlStatus, ReviewDecision, SignOff, Stage


@check("AIG-OWN-001")
def accountable_owner(ctx: Context) -> None:
    ctx.require(("owner", "team"), _("no owning team: who runs and answers for this system?"))
    ctx.require(
        ("owner", "accountable"),
        _("no accountable person named (a name, not a team)"),
    )
    ctx.require(("owner", "contact"), _("no contact for questions about the system"))


@check("AIG-LIFE-001")
def stage_recorded(ctx: Context) -> None:
    ctx.require(
        ("lifecycle", "stage"),
        _(
            "no lifecycle stage: aigov treats the system as an idea until `lifecycle.stage` says otherwise"
        ),
    )


@check("AIG-LIFE-002")
def review_cadence(ctx: Context) -> None:
    ctx.require(
        ("lifecycle", "review_cadence_days"),
        _("no review cadence; the policy default of {days} applies").format(
            days=days(ctx.policy.review_cadence_days)
        ),
    )
    ctx.require(("lifecycle", "last_review"), _("no date of the last governance review"))


@check(
    "AIG-LIFE-003", when=lambda ctx: bool(ctx.record.lifecycle and ctx.record.lifecycle.last_review)
)
def review_not_overdue(ctx: Context) -> None:
    lc = ctx.record.lifecycle
    due = review_due(ctx.record, ctx.policy)
    assert lc is not None and lc.last_review is not None and due is not None
    every = cadence_days(ctx.record, ctx.policy)
    if ctx.today > due:
        late = (ctx.today - due).days
        ctx.fail(
            ("lifecycle", "last_review"),
            _(
                "review overdue by {late}: last review {last_review}, cadence {cadence}, so it "
                "was due {due}"
            ).format(late=days(late), last_review=lc.last_review, cadence=days(every), due=due),
        )
    elif lc.last_review > ctx.today:
        ctx.fail(
            ("lifecycle", "last_review"),
            _("last review {last_review} is in the future (today is {today})").format(
                last_review=lc.last_review, today=ctx.today
            ),
            _("Write the date the review actually took place."),
        )


@check("AIG-LIFE-004")
def retirement_recorded(ctx: Context) -> None:
    lc = ctx.record.lifecycle
    ctx.require(("lifecycle", "stage_since"), _("no retirement date (`lifecycle.stage_since`)"))
    entry = next((h for h in (lc.history if lc else []) if h.stage == Stage.RETIRED), None)
    ctx.expect(
        ("lifecycle", "history"),
        entry is not None and bool(entry.note and entry.note.strip()),
        _(
            "the history has no `retired` entry with a note saying why and how the system was "
            "switched off"
        ),
    )


# --- controls ---------------------------------------------------------------------------


@check("AIG-CTRL-001")
def controls_cover_functions(ctx: Context) -> None:
    controls = ctx.record.controls
    # the organisation record's controls are GOVERN controls that hold for every system
    portfolio = list(ctx.organisation_controls())
    for fn in ("govern", "map", "measure", "manage"):
        own = list(getattr(controls, fn)) if controls is not None else []
        listed = own + (portfolio if fn == "govern" else [])
        if not listed:
            ctx.require(
                ("controls", fn),
                _(
                    "no {function} control: the NIST AI RMF expects controls in all four functions"
                ).format(function=fn.upper()),
            )
            continue
        ctx.expect(
            ("controls", fn),
            any(in_place(c) for c in listed),
            (
                _(
                    "the {function} controls are only planned ({controls}, organisation-wide "
                    "ones included): a control covers its function once it is implemented or "
                    "verified"
                )
                if len(listed) > len(own)
                else _(
                    "the {function} controls are only planned ({controls}): a control covers its "
                    "function once it is implemented or verified"
                )
            ).format(function=fn.upper(), controls=", ".join(c.id for c in listed)),
            _("Put one of them in place and set its status, or add one that is."),
        )


@check("AIG-CTRL-002", when=lambda ctx: ctx.record.controls is not None)
def controls_not_overdue(ctx: Context) -> None:
    assert ctx.record.controls is not None
    for fn in ("govern", "map", "measure", "manage"):
        for i, control in enumerate(getattr(ctx.record.controls, fn)):
            done = control.status in (ControlStatus.IMPLEMENTED, ControlStatus.VERIFIED)
            if not done and control.due is not None and control.due < ctx.today:
                ctx.fail(
                    ("controls", fn, i, "due"),
                    _("control '{control}' is {status} and was due {due} ({days} ago)").format(
                        control=control.id,
                        status=control.status.value if control.status else _("not started"),
                        due=control.due,
                        days=days((ctx.today - control.due).days),
                    ),
                )


@check(
    "AIG-CTRL-003",
    when=lambda ctx: bool(
        ctx.record.controls and any(in_place(c) for _, c in ctx.record.controls.all())
    ),
)
def controls_in_place_have_evidence(ctx: Context) -> None:
    assert ctx.record.controls is not None
    for fn in ("govern", "map", "measure", "manage"):
        for i, control in enumerate(getattr(ctx.record.controls, fn)):
            if not in_place(control):
                continue
            assert control.status is not None
            ctx.expect(
                ("controls", fn, i, "evidence"),
                bool(control.evidence),
                _("control '{control}' is claimed {status} but cites no evidence").format(
                    control=control.id, status=control.status.value
                ),
            )


# --- sign-offs --------------------------------------------------------------------------


def _stale(ctx: Context, s: SignOff, content: str) -> str:
    """Why the sign-off no longer binds what it approved ('' when it does): the record
    changed (worded as `content`), an evidence file it binds changed, or it expired
    (`aigov.binding.lapses`)."""
    if not s.record_hash:
        return ""
    found = lapses(s, ctx.content_hash, today=ctx.today, root=ctx.root)
    return "; ".join(content if lapse.kind == "content" else lapse.text for lapse in found)


@check(
    "AIG-SIGNOFF-001",
    when=lambda ctx: bool(ctx.policy.required_roles(ctx.effective_tier, ctx.stage)),
)
def required_signoffs(ctx: Context) -> None:
    roles = ctx.policy.required_roles(ctx.effective_tier, ctx.stage)
    latest = latest_by_role(ctx.record.signoffs)
    where = _("a {tier}-tier system at {stage}").format(
        tier=ctx.effective_tier.value, stage=ctx.stage.value
    )
    for role in roles:
        found = latest.get(role.value)
        if found is None:
            ctx.expect(
                ("signoffs",),
                False,
                _("no {role} sign-off, which {where} needs").format(role=role.value, where=where),
                item=f"signoffs.{role.value}",
            )
            continue
        i, s = found
        problem = signoff_problem(ctx, i)
        if problem:
            ctx.expect(
                ("signoffs", i),
                False,
                _(
                    "the latest {role} sign-off ({reviewer}, {date}) does not count: {problem}"
                ).format(role=role.value, reviewer=s.reviewer, date=s.date, problem=problem),
                _resign(ctx, i),
                item=f"signoffs.{role.value}",
            )
        elif s.decision == ReviewDecision.REJECTED:
            ctx.expect(
                ("signoffs", i, "decision"),
                False,
                _("the latest {role} sign-off ({reviewer}, {date}) is a rejection").format(
                    role=role.value, reviewer=s.reviewer, date=s.date
                ),
                _(
                    "Address the reviewer's reasons and ask for a new review; a rejection is never "
                    "overwritten, a later approval supersedes it."
                ),
                item=f"signoffs.{role.value}",
            )
        elif why := _stale(ctx, s, _("it approved an earlier version of the record")):
            ctx.expect(
                ("signoffs", i, "record_hash"),
                False,
                _("the {role} sign-off ({reviewer}, {when}) no longer counts: {why}").format(
                    role=role.value, reviewer=s.reviewer, when=s.when, why=why
                ),
                _resign_hint(ctx, s),
                item=f"signoffs.{role.value}",
            )
        elif ctx.content_hash and not s.record_hash:
            ctx.expect(
                ("signoffs", i),
                False,
                _(
                    "the {role} sign-off ({reviewer}, {date}) is not bound to the record's "
                    "content (no record_hash), so nobody can tell which version it approved"
                ).format(role=role.value, reviewer=s.reviewer, date=s.date),
                _(
                    "Ask {reviewer} to review the record as it is and sign with `aigov approve "
                    "{system} --role {role} ...` (which records the hash)."
                ).format(reviewer=s.reviewer, system=ctx.record.id, role=role.value),
                item=f"signoffs.{role.value}",
            )
        else:
            ctx.expect(("signoffs", i), True, "", item=f"signoffs.{role.value}")


def _resign_hint(ctx: Context, s: SignOff) -> str:
    text = (
        _(
            "See what changed since the approved version (`aigov diff {system} {revision}`), "
            "then ask {reviewer} to sign again (`aigov approve {system} --role {role} ...`)."
        )
        if s.revision
        else _(
            "See what changed since the approved version (`aigov diff {system}` with the "
            "approved revision), then ask {reviewer} to sign again (`aigov approve {system} "
            "--role {role} ...`)."
        )
    )
    return text.format(
        system=ctx.record.id, revision=s.revision, reviewer=s.reviewer, role=s.role.value
    )


@check("AIG-SIGNOFF-002", when=lambda ctx: any(s.record_hash for s in ctx.record.signoffs))
def signoffs_current(ctx: Context) -> None:
    # Only the sign-off that counts for a role can be stale (older ones are history), and a
    # stale sign-off of a required role is already an AIG-SIGNOFF-001 error. Each other role's
    # bound sign-off is one completeness item: it counts only when it approves this content and
    # git history confirms it (an invalid or unconfirmed one is AIG-SIGNOFF-003/004's finding).
    required = {r.value for r in ctx.policy.required_roles(ctx.effective_tier, ctx.stage)}
    for role, (i, s) in sorted(
        latest_by_role(ctx.record.signoffs).items(), key=lambda kv: kv[1][0]
    ):
        if role in required or not s.record_hash:
            continue
        item = f"signoffs.{role}"
        if why := _stale(ctx, s, _("the record changed after it was given")):
            ctx.expect(
                ("signoffs", i, "record_hash"),
                False,
                _("{role} sign-off by {reviewer} on {when} is stale: {why}").format(
                    role=s.role.value, reviewer=s.reviewer, when=s.when, why=why
                ),
                _resign_hint(ctx, s),
                item=item,
            )
        else:
            ctx.tally(item, not signoff_problem(ctx, i))


# --- the organisation's policy ----------------------------------------------------------


@check(
    "AIG-POLICY-001",
    when=lambda ctx: any(
        ctx.effective_tier in r.tiers and ctx.stage in r.stages for r in ctx.policy.require
    ),
)
def policy_fields(ctx: Context) -> None:
    for req in ctx.policy.require:
        if ctx.effective_tier not in req.tiers or ctx.stage not in req.stages:
            continue
        why = req.message or _("your policy requires it for {tier}-tier systems at {stage}").format(
            tier=ctx.effective_tier.value, stage=ctx.stage.value
        )
        for pattern in req.fields:
            for path in expand(ctx.record, pattern):
                ctx.require(
                    path,
                    _("'{field}' is missing: {why}").format(
                        field=".".join(str(p) for p in path), why=why
                    ),
                )


def documented_after_deployment(ctx: Context) -> bool:
    lc = ctx.record.lifecycle
    return bool(lc and lc.documented_after_deployment)


@check("AIG-LIFE-005", when=documented_after_deployment)
def not_recorded_after_deployment(ctx: Context) -> None:
    """The rules a retrospective record skips (`before_deployment` in rules.yaml), reported
    once: those that would have found something, each by its title."""
    missing = [r for r in all_rules() if r.before_deployment and _would_find(r, ctx)]
    if not missing:
        return
    titles = "; ".join(f"{_(r.title).rstrip('.')} ({r.id})" for r in missing)
    ctx.fail(
        ("lifecycle", "documented_after_deployment"),
        _("not recorded for a system documented after deployment: {titles}").format(titles=titles),
    )


def _would_find(rule: Rule, ctx: Context) -> bool:
    """Whether `rule` applies to the record and finds something, run on a context of its own."""
    if ctx.stage not in rule.stages or ctx.tier.effective not in rule.tiers:
        return False
    if rule.when is not None and not rule.when(ctx):
        return False
    own = replace(ctx, findings=[], items=[])
    assert rule.check is not None
    rule.check(own)
    return bool(own.findings) or any(not i.satisfied for i in own.items)
