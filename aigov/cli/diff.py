from __future__ import annotations

import json
from pathlib import Path

import click

from aigov.checks import PolicyError
from aigov.cli.common import (
    TEXT_OR_JSON,
    color_option,
    format_option,
    resolve_root,
    root_option,
    use_color,
    workspace,
)
from aigov.formats import ReportContext, render
from aigov.formats.contract import versioned
from aigov.locate import locate
from aigov.review.compare import CompareError, Comparison, compare_files, compare_revisions
from aigov.review.derived import DerivedChange, derived_changes, derived_text
from aigov.review.render import comparison_text
from aigov.terminal import escape


@click.command(short_help="Show what changed in a record, field by field.")
@click.argument("target", required=False)
@click.argument("revisions", nargs=-1)
@click.option(
    "--files",
    nargs=2,
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="OLD NEW",
    help="Compare two record files instead of git revisions.",
)
@format_option(choices=TEXT_OR_JSON)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit with 1 when the content differs (like `git diff --exit-code`).",
)
@color_option
@root_option
def command(
    target: str | None,
    revisions: tuple[str, ...],
    files: tuple[Path, Path] | None,
    fmt: str,
    exit_code: bool,
    color: bool | None,
    root: Path | None,
) -> None:
    """Show what changed in a record between two versions, field by field.

    TARGET is a system id or a record file. With no revision, compares the last commit (HEAD)
    with the working copy; with one, that revision with the working copy; with two, the first
    with the second. Fields are named as in the card ("Impact assessment › Harms › Wrong
    refund promise › Severity"); list items are matched by id, not position. Comments,
    quoting, layout and key order never count as changes. What the change did to the facts
    aigov derives (risk tiers, readiness for the stage and the next gate, the findings) comes
    first, each with the reason in words.

    \b
    Examples:
      aigov diff support-copilot
      aigov diff support-copilot v1.2
      aigov diff systems/claims-triage.yaml HEAD~3 HEAD --format json
      aigov diff --files old.yaml new.yaml
    """
    if files:
        if target or revisions:
            raise click.UsageError(
                "give either --files OLD NEW or a system and revisions, not both"
            )
        cmp = compare_files(*files)
    else:
        if not target:
            raise click.UsageError("name a system (or a record file), or use --files OLD NEW")
        if len(revisions) > 2:
            raise click.UsageError("give at most two revisions")
        base = resolve_root(root)
        path = locate(target, base)  # NotFound: the CLI says "aigov diff: no system ..."
        try:
            cmp = compare_revisions(path, *revisions)
        except CompareError as exc:
            click.echo(f"aigov diff: {escape(str(exc), one_line=True)}", err=True)
            raise SystemExit(2) from None
    colour = use_color(color)
    if cmp.diagnostics:
        click.echo(
            render("text", cmp.diagnostics, ReportContext("diff", [], colour)),
            err=True,
            color=colour,
        )
    loaded = (cmp.old.data is not None or not cmp.old.exists) and (
        cmp.new.data is not None or not cmp.new.exists
    )
    derived = _derived(cmp, root) if loaded else []
    if fmt == "json":
        data = versioned("diff", {**cmp.to_dict(), "derived": [c.to_dict() for c in derived]})
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    elif loaded:
        text = comparison_text(cmp, colour)
        if derived:
            head, _, rest = text.partition("\n\n")
            block = "What follows from it (derived by aigov):\n" + "\n".join(
                f"  {escape(line, one_line=True)}" for line in derived_text(derived)
            )
            text = f"{head}\n\n{block}\n\n{rest}"
        click.echo(text, color=colour)
    if not loaded:
        raise SystemExit(1)
    raise SystemExit(1 if exit_code and cmp.changes else 0)


def _derived(cmp: Comparison, root: Path | None) -> list[DerivedChange]:
    """What the change did to the tiers, readiness and findings (none when the repository's
    policy cannot be read: `aigov check` reports that)."""
    if not cmp.changes:
        return []
    try:
        options = workspace(root).options
    except PolicyError:
        return []
    return derived_changes(
        cmp.old.data if cmp.old.exists else None,
        cmp.new.data if cmp.new.exists else None,
        options,
        display=cmp.new.path,
    )
