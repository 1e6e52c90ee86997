from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from aigov.cli.common import color_option, resolve_root, root_option, use_color
from aigov.formats import ReportContext, render
from aigov.locate import NotFound, locate
from aigov.model import ConditionStatus, ReviewDecision, ReviewRole
from aigov.paths import display_path
from aigov.review.approve import Approval, approve


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None
    if day > dt.date.today():
        raise click.BadParameter(f"{value} is in the future; a sign-off is dated when it is given")
    return day


def _time(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.time | None:
    if value is None:
        return None
    try:
        clock = dt.time.fromisoformat(value.removesuffix("Z"))
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a time; write HH:MM (UTC)") from None
    return clock.replace(second=0, microsecond=0, tzinfo=None)


def _until(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None


@click.command(short_help="Record a sign-off bound to the record's content.")
@click.argument("system")
@click.option(
    "--role",
    required=True,
    type=click.Choice([r.value for r in ReviewRole]),
    help="The reviewer's role.",
)
@click.option("--reviewer", required=True, help="The reviewer's full name.")
@click.option(
    "--decision",
    required=True,
    type=click.Choice([d.value for d in ReviewDecision]),
    help="approved, approved_with_conditions or rejected.",
)
@click.option(
    "--conditions",
    "--condition",
    "conditions",
    multiple=True,
    help="A condition attached to the decision (repeat for several).",
)
@click.option(
    "--date",
    "when",
    default=None,
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Date of the sign-off (default: today).",
)
@click.option(
    "--time",
    "clock",
    default=None,
    callback=_time,
    metavar="HH:MM",
    help="Time of the sign-off in UTC (default: now, when --date is not given).",
)
@click.option(
    "--condition-met",
    "met",
    multiple=True,
    metavar="TEXT",
    help="An open condition of the sign-off this one supersedes that is now met (repeat).",
)
@click.option(
    "--condition-waived",
    "waived",
    multiple=True,
    metavar="TEXT",
    help="An open condition of the sign-off this one supersedes that the reviewer waives.",
)
@click.option("--comment", default=None, help="The reviewer's comment on the decision.")
@click.option(
    "--scope", default=None, help="What the approval covers (e.g. 'Pilot in Germany only')."
)
@click.option(
    "--valid-until",
    "valid_until",
    default=None,
    callback=_until,
    metavar="YYYY-MM-DD",
    help="The approval lapses after this date: the sign-off is then stale.",
)
@click.option(
    "--evidence",
    "evidence",
    multiple=True,
    metavar="PATH|URL",
    help="The review memo or another document behind the decision: a file in this repository "
    "(evidence/…) or an http(s) link (repeat for several).",
)
@click.option(
    "--sign",
    is_flag=True,
    help="Commit the record with its new sign-off as a signed commit (`git commit -S`, your "
    "git signing key): the proof that the sign-off is yours. Needs git commit signing set up.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be recorded; write nothing.")
@color_option
@root_option
def command(
    system: str,
    role: str,
    reviewer: str,
    decision: str,
    conditions: tuple[str, ...],
    evidence: tuple[str, ...],
    when: dt.date | None,
    clock: dt.time | None,
    met: tuple[str, ...],
    waived: tuple[str, ...],
    comment: str | None,
    scope: str | None,
    valid_until: dt.date | None,
    sign: bool,
    dry_run: bool,
    color: bool | None,
    root: Path | None,
) -> None:
    """Record a sign-off for the record's current content.

    SYSTEM is a system id or a record file. The sign-off is appended to `signoffs:` with the
    record's content hash (and the git revision, when the content is committed), its time
    (UTC), and the SHA-256 of every evidence file it rests on (its own and the controls'),
    keeping the file's comments and layout. Open conditions of the sign-off it supersedes are
    carried forward unless --condition-met or --condition-waived closes them. When the record's content changes later, the sign-off goes
    stale and `aigov check` reports it.

    A sign-off counts when git history shows it is the reviewer's: the commit that adds it is
    made by the reviewer, or signed with their key. With --sign, approve makes that commit
    itself (`git commit -S` of this file only); the reviewer's key must be listed for their name
    in .aigov/allowed_signers (SSH) or be valid in the keyring (GPG).

    \b
    Examples:
      aigov approve support-copilot --role legal --reviewer "Jonas Becker" --decision approved
      aigov approve claims-triage --role privacy --reviewer "Aoife Brennan" \\
          --decision approved_with_conditions --conditions "Delete extracts after 24 months"
      aigov approve fraud-scoring --role legal --reviewer "Jonas Becker" --decision approved \\
          --evidence evidence/fraud-scoring/classification-note.md
      aigov approve support-copilot --role legal --reviewer "Jonas Becker" --decision approved --sign
    """
    clean = _conditions(decision, conditions, reviewer)
    now = dt.datetime.now(dt.UTC)
    if when is None:
        when = now.date()
        clock = clock or now.time().replace(second=0, microsecond=0, tzinfo=None)
    if valid_until is not None and valid_until < when:
        raise click.BadParameter("is before the sign-off's date", param_hint="--valid-until")
    closed = {t.strip(): ConditionStatus.MET for t in met if t.strip()}
    closed.update({t.strip(): ConditionStatus.WAIVED for t in waived if t.strip()})
    base = resolve_root(root)
    try:
        path = locate(system, base)
    except NotFound as exc:
        click.echo(f"aigov approve: {exc}", err=True)
        raise SystemExit(2) from None
    shown = display_path(path)
    colour = use_color(color)
    result = approve(
        path,
        display=shown,
        role=ReviewRole(role),
        reviewer=reviewer,
        decision=ReviewDecision(decision),
        date=when,
        time=clock,
        conditions=clean,
        comment=comment,
        scope=scope,
        valid_until=valid_until,
        closed=closed,
        evidence=list(evidence),
        root=base,
        dry_run=dry_run,
        sign=sign,
    )
    _report(result, path, shown, colour, dry_run)


def _conditions(decision: str, conditions: tuple[str, ...], reviewer: str) -> list[str]:
    """The conditions given, checked against the decision (a usage error when they clash)."""
    clean = [c for c in (c.strip() for c in conditions) if c]
    if decision == ReviewDecision.APPROVED and clean:
        raise click.UsageError(
            "conditions were given with --decision approved; use approved_with_conditions"
        )
    if not reviewer.strip():
        raise click.UsageError("--reviewer cannot be empty")
    return clean


def _report(result: Approval, path: Path, shown: str, colour: bool, dry_run: bool) -> None:
    """What was recorded (or why not), and the exit code."""
    if result.diagnostics:
        click.echo(
            render("text", result.diagnostics, ReportContext("approve", [shown], colour)),
            err=True,
            color=colour,
        )
    if not result.ok:
        raise SystemExit(1)
    assert result.signoff is not None
    s = result.signoff
    what = (
        f"{s.role.value} sign-off ({s.decision.value.replace('_', ' ')}) by {s.reviewer}, {s.when}"
    )
    if result.already:
        click.echo(f"{shown}: already recorded: {what}, for this exact content. Nothing written.")
        raise SystemExit(0)
    verb = "Would record" if dry_run else "Recorded"
    click.echo(f"{verb} {what} in {shown}")
    click.echo(f"  content hash: {result.record_hash}")
    if result.revision:
        click.echo(f"  revision:     {result.revision}")
    for c in s.condition_items:
        extra = "".join(
            f", {part}" for part in (c.owner, f"due {c.due}" if c.due else None) if part
        )
        click.echo(f"  condition:    {c.text} ({c.status.value}{extra})")
    for label, text in (("scope", s.scope), ("comment", s.comment)):
        if text:
            click.echo(f"  {label}:{' ' * (12 - len(label))}{text}")
    if s.valid_until:
        click.echo(f"  valid until:  {s.valid_until}")
    for cited, digest in s.evidence_hashes.items():
        click.echo(f"  evidence:     {cited} ({digest[:19]}…)")
    if result.uncommitted:
        note = (
            "  note: the approved content is not committed yet. Commit it, so `aigov diff` and "
            "the history page can show what changes after this approval."
        )
        click.echo(click.style(note, fg="yellow") if colour else note)
    if result.commit:
        click.echo(f"  signed commit: {result.commit[:12]}")
    elif not dry_run:
        _warn_other_committer(path, s.reviewer, colour)
        click.echo(
            f"Commit the record to keep the sign-off (the reviewer commits it, or signs it: "
            f'git commit -S): git commit {shown} -m "{what}"'
        )


def _warn_other_committer(path: Path, reviewer: str, colour: bool) -> None:
    from aigov.review.verify import other_committer

    name = other_committer(path, reviewer)
    if name:
        note = (
            f"  note: git commits here as {name}. Committed by {name}, this sign-off will not "
            f"count: {reviewer} commits it, or signs it (`aigov approve ... --sign` on their "
            "machine)."
        )
        click.echo(click.style(note, fg="yellow") if colour else note)
