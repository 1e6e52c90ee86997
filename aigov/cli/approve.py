from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from aigov.cli.common import color_option, resolve_root, root_option, use_color
from aigov.formats import ReportContext, render
from aigov.locate import NotFound, locate
from aigov.model import ReviewDecision, ReviewRole
from aigov.paths import display_path
from aigov.review.approve import Approval, approve


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD") from None
    if day > dt.date.today():
        raise click.BadParameter(f"{value} is in the future; a sign-off is dated when it is given")
    return day


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
    when: dt.date,
    sign: bool,
    dry_run: bool,
    color: bool | None,
    root: Path | None,
) -> None:
    """Record a sign-off for the record's current content.

    SYSTEM is a system id or a record file. The sign-off is appended to `signoffs:` with the
    record's content hash (and the git revision, when the content is committed), keeping the
    file's comments and layout. When the record's content changes later, the sign-off goes
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
        conditions=clean,
        evidence=list(evidence),
        root=base,
        dry_run=dry_run,
        sign=sign,
    )
    _report(result, path, shown, colour, dry_run)


def _conditions(decision: str, conditions: tuple[str, ...], reviewer: str) -> list[str]:
    """The conditions given, checked against the decision (a usage error when they clash)."""
    clean = [c for c in (c.strip() for c in conditions) if c]
    if decision == ReviewDecision.APPROVED_WITH_CONDITIONS and not clean:
        raise click.UsageError(
            "--decision approved_with_conditions needs at least one --conditions"
        )
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
        f"{s.role.value} sign-off ({s.decision.value.replace('_', ' ')}) by {s.reviewer}, {s.date}"
    )
    if result.already:
        click.echo(f"{shown}: already recorded: {what}, for this exact content. Nothing written.")
        raise SystemExit(0)
    verb = "Would record" if dry_run else "Recorded"
    click.echo(f"{verb} {what} in {shown}")
    click.echo(f"  content hash: {result.record_hash}")
    if result.revision:
        click.echo(f"  revision:     {result.revision}")
    for c in s.conditions:
        click.echo(f"  condition:    {c}")
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
