from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from aigov import __version__
from aigov.checks import ChecklistItem, derive_tier, gate_checklist, summary_of
from aigov.checks.engine import CheckOptions, CheckSummary
from aigov.cli.common import (
    color_option,
    emit,
    exit_code,
    format_option,
    jobs_option,
    lang_option,
    record_paths,
    root_option,
    today_option,
    use_color,
    workspace,
)
from aigov.diagnostics import Diagnostic, Severity
from aigov.formats import ReportContext
from aigov.formats import markdown as markdown_format
from aigov.formats import text as text_format
from aigov.formats.checklist import checklist_text
from aigov.formats.contract import versioned
from aigov.i18n import _, ngettext
from aigov.model import Stage
from aigov.project import LoadedRecord, Project, fewer_collections
from aigov.terminal import escape
from aigov.workspace import Workspace

STAGES = [s.value for s in Stage]


def _e(text: object) -> str:
    return escape(str(text), one_line=True)


@click.command(short_help="Run the governance rules: completeness, risk tier, lifecycle gates.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option()
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Exit 1 when there is a finding of this severity or worse.",
)
@click.option(
    "--gate",
    type=click.Choice(STAGES),
    default=None,
    help="Show what is still missing before the system can move to this stage, as a checklist.",
)
@today_option(
    "Check as if today were this date (YYYY-MM-DD); staleness and overdue reviews use it."
)
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Policy file (default: aigov.yaml in the governance repository root).",
)
@click.option(
    "--examples",
    is_flag=True,
    help="With --gate: show each open item's fix example inline (the Markdown form always does).",
)
@click.option(
    "--why",
    is_flag=True,
    help="Say in one line per system why each risk tier was derived.",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="Text output: list only the systems with findings."
)
@color_option
@lang_option
@root_option
@jobs_option()
def command(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    gate: str | None,
    today: dt.date | None,
    config: Path | None,
    examples: bool,
    why: bool,
    quiet: bool,
    color: bool | None,
    root: Path | None,
    jobs: int | None,
) -> None:
    """Check records against the governance rules.

    Runs schema validation and every rule that applies to each system's lifecycle stage and
    risk tier. Findings print as `path:line:col: RULE message`, grouped by system, each with a
    hint; `aigov rules RULE` explains a rule. PATHS are record files, folders or system ids
    (default: systems/ in the governance repository). The organisation's policy (aigov.yaml) can switch
    rules off, change severities, require extra fields and set the sign-offs each tier needs.

    \b
    Examples:
      aigov check
      aigov check claims-triage --gate production
      aigov check support-copilot --gate pilot --format markdown > pilot.md
      aigov check --format sarif > aigov.sarif
      aigov check --fail-on warning --today 2027-01-31
      aigov check --lang nl

    --lang nl or de (default: aigov.yaml's `language:`) writes the messages, hints and rule
    titles in Dutch or German; rule ids, file:line:col, field paths and the record's own words
    stay as they are. With --format json (or sarif, junit …) only the `message`, `hint` and
    `title` values change language: codes, rule ids, paths and severities are the same in
    every language, so tools can rely on them.
    """
    ws = workspace(root, today=today, config=config, consequence="nothing was checked")
    options = ws.options
    with fewer_collections():  # the loaded records stay alive to the end: no use rescanning them
        project = ws.load(
            record_paths(paths, ws.root), checked=not gate, jobs=jobs, keep_docs=bool(gate)
        )
        _report(ws, options, project, fmt, fail_on, gate, examples, why, quiet, color)


def _report(
    ws: Workspace,
    options: CheckOptions,
    project: Project,
    fmt: str,
    fail_on: str,
    gate: str | None,
    examples: bool,
    why: bool,
    quiet: bool,
    color: bool | None,
) -> None:
    colour = use_color(color)
    if gate:
        raise SystemExit(_gate(ws, project, Stage(gate), fmt, fail_on, colour, examples, why))
    diags = project.all_diagnostics
    summaries = {r.path: summary_of(r, options) for r in project.records}
    if fmt == "text":
        click.echo(render_grouped(project, diags, summaries, colour, quiet, why), color=colour)
    else:
        context = ws.report_context(
            "check",
            [r.path for r in project.records],
            colour,
            {
                "fail_on": fail_on,
                "today": options.today.isoformat(),
                "systems": _systems(project, diags, summaries),
            },
            links=fmt == "sarif",
        )
        emit(diags, fmt, context)
    raise SystemExit(exit_code(diags, fail_on))


# --- plain checks -----------------------------------------------------------------------


def tier_why(rec: LoadedRecord) -> list[str]:
    """`--why`: one line per tier saying why it was derived (valid records only)."""
    if rec.record is None:
        return []
    tier = derive_tier(rec)
    why = _("why: {reason}")
    return [why.format(reason=_e(tier.why_internal())), why.format(reason=_e(tier.why_eu()))]


def _tier_words(summary: CheckSummary) -> str:
    tier = summary.tier
    words = _("tier {tier}").format(tier=tier.effective.value)
    if tier.eu is not None:
        words += " " + _("(EU AI Act: {tier})").format(tier=tier.eu.value)
    elif tier.eu_undetermined:
        words += " " + _("(EU AI Act: undetermined)")
    return words


def _header(
    rec: LoadedRecord, summary: CheckSummary | None, diags: list[Diagnostic], colour: bool
) -> str:
    errors = sum(d.severity == Severity.ERROR for d in diags)
    warnings = sum(d.severity == Severity.WARNING for d in diags)
    name = click.style(rec.id, bold=True) if colour else rec.id
    if summary is None:
        facts = _("not checked: fix the schema problems first")
    else:
        facts = _("{stage}, {tier}, {percent}% complete").format(
            stage=summary.stage.value,
            tier=_tier_words(summary),
            percent=summary.completeness.percent,
        )
    counts = []
    if errors:
        counts.append(ngettext("{n} error", "{n} errors", errors).format(n=errors))
    if warnings:
        counts.append(ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))
    if not diags:
        status = click.style(_("no findings"), fg="green") if colour else _("no findings")
    else:
        status = ", ".join(counts) or ngettext("{n} note", "{n} notes", len(diags)).format(
            n=len(diags)
        )
        if colour:
            status = click.style(status, fg="red" if errors else "yellow")
    return f"== {name} ({rec.path}): {facts}; {status}"


def render_grouped(
    project: Project,
    diags: list[Diagnostic],
    summaries: dict[str, CheckSummary | None],
    colour: bool,
    quiet: bool = False,
    why: bool = False,
) -> str:
    """Findings grouped by system: a header per system, its findings, a summary line."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diags:
        by_path.setdefault(d.path, []).append(d)
    known = {r.path for r in project.records}
    blocks: list[str] = []
    loose = [d for d in diags if d.path not in known]
    if loose:
        blocks.append("\n".join(text_format.line(d, colour) for d in loose))
    for rec in sorted(project.records, key=lambda r: r.path):
        mine = by_path.get(rec.path, [])
        if quiet and not mine:
            continue
        lines = [_header(rec, summaries.get(rec.path), mine, colour)]
        if why:
            lines += tier_why(rec)
        lines += [text_format.line(d, colour) for d in mine]
        blocks.append("\n".join(lines))
    blocks.append(text_format.summary(diags, len(project.records)))
    return "\n\n".join(blocks)


def _systems(
    project: Project, diags: list[Diagnostic], summaries: dict[str, CheckSummary | None]
) -> list[dict[str, Any]]:
    out = []
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diags:  # grouped once: a scan of every finding per record is quadratic
        by_path.setdefault(d.path, []).append(d)
    for rec in sorted(project.records, key=lambda r: r.path):
        mine = by_path.get(rec.path, [])
        summary = summaries.get(rec.path)
        entry: dict[str, Any] = {
            "id": rec.id,
            "path": rec.path,
            "valid": rec.record is not None,
            "errors": sum(d.severity == Severity.ERROR for d in mine),
            "warnings": sum(d.severity == Severity.WARNING for d in mine),
        }
        if summary is not None:
            entry.update(summary.to_dict())
        out.append(entry)
    return out


# --- gates ------------------------------------------------------------------------------


def _gate(
    ws: Workspace,
    project: Project,
    target: Stage,
    fmt: str,
    fail_on: str,
    colour: bool,
    examples: bool = False,
    why: bool = False,
) -> int:
    options = ws.options
    invalid = [d for d in project.all_diagnostics if d.severity == Severity.ERROR]
    results: list[tuple[LoadedRecord, list[ChecklistItem]]] = [
        (rec, gate_checklist(rec, target, options)) for rec in project.valid_records
    ]
    failing = {"error"} if fail_on == "error" else {"error", "warning"}
    blocked = any(
        not item.done and item.severity.value in failing for _, items in results for item in items
    )
    findings = [d for _, items in results for item in items for d in item.diagnostics]
    diags = sorted(project.all_diagnostics + findings)
    if fmt == "text":
        click.echo(
            render_checklists(project, results, target, colour, examples=examples, why=why),
            color=colour,
        )
    elif fmt == "markdown":
        context = ws.report_context("check", [r.path for r in project.records], False)
        click.echo(render_checklists_markdown(project, results, target, context), nl=False)
    elif fmt == "json":
        payload = versioned(
            "check",
            {
                "tool": "aigov",
                "version": __version__,
                "command": "check",
                "gate": target.value,
                "today": options.today.isoformat(),
                "systems": [_checklist_dict(rec, items, target) for rec, items in results],
                "diagnostics": [d.to_dict() for d in project.all_diagnostics],
            },
        )
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
    else:
        context = ws.report_context(
            "check",
            [r.path for r in project.records],
            colour,
            {"fail_on": fail_on, "gate": target.value},
            links=fmt == "sarif",
        )
        emit(diags, fmt, context)
    return 1 if blocked or exit_code(invalid, fail_on) else 0


def _checklist_dict(rec: LoadedRecord, items: list[ChecklistItem], target: Stage) -> dict[str, Any]:
    return {
        "id": rec.id,
        "path": rec.path,
        "stage": rec.record.stage.value if rec.record and rec.record.stage else None,
        "gate": target.value,
        "ready": not any(i.blocking for i in items),
        "missing": sum(not i.done for i in items),
        "blocking": sum(i.blocking for i in items),
        "items": [i.to_dict() for i in items],
    }


def render_checklists(
    project: Project,
    results: list[tuple[LoadedRecord, list[ChecklistItem]]],
    target: Stage,
    colour: bool,
    *,
    examples: bool = False,
    why: bool = False,
) -> str:
    blocks = []
    bad = [d for d in project.all_diagnostics if d.severity == Severity.ERROR]
    if bad:
        blocks.append(
            _("These files have problems and were not checked:")
            + "\n"
            + "\n".join(text_format.line(d, colour) for d in bad)
        )
    for rec, items in results:
        text = checklist_text(rec, items, target, colour, examples=examples)
        if why:
            head, _sep, rest = text.partition("\n")
            text = "\n".join([head, *(f"  {line}" for line in tier_why(rec)), rest])
        blocks.append(text)
    ready = sum(not any(i.blocking for i in items) for _rec, items in results)
    blocks.append(
        ngettext(
            "Gate '{gate}': {ready} of {n} system ready to move (ready: no error-level item "
            "left open).",
            "Gate '{gate}': {ready} of {n} systems ready to move (ready: no error-level item "
            "left open).",
            len(results),
        ).format(gate=target.value, ready=ready, n=len(results))
    )
    return "\n\n".join(blocks)


def render_checklists_markdown(
    project: Project,
    results: list[tuple[LoadedRecord, list[ChecklistItem]]],
    target: Stage,
    context: ReportContext,
) -> str:
    """The gate checklists as one Markdown document, ready to paste into a ticket."""
    parts = [_("# Gate: {gate}").format(gate=target.value), ""]
    bad = [d for d in project.all_diagnostics if d.severity == Severity.ERROR]
    if bad:
        parts += [_("These files have problems and were not checked:"), ""]
        parts.append(markdown_format.render(bad, context))
    for rec, items in results:
        parts.append(markdown_format.checklist_markdown(rec, items, target, context=context))
    return "\n".join(parts).rstrip() + "\n"
