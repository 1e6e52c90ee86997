"""`aigov results add SYSTEM FILE…`: append what pipelines write to a record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from aigov.cli.common import (
    _parse_today,
    color_option,
    emit,
    root_option,
    today_option,
    use_color,
    workspace,
)
from aigov.diagnostics import Severity
from aigov.locate import locate
from aigov.results.append import AddReport, add_results
from aigov.results.read import KINDS


@click.group(short_help="Append evaluation results and monitoring readings to a record.")
def command() -> None:
    """Append evaluation results and monitoring readings that pipelines write."""


@command.command("add")
@click.argument("system")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default=None,
    help="The input kind (default: told from the file).",
)
@click.option(
    "--create",
    is_flag=True,
    help="Add unknown metrics (model quality) and test sets instead of refusing them.",
)
@click.option("--date", "date", callback=_parse_today, metavar="YYYY-MM-DD",
              help="The date of values whose source gives none (a model-index has no dates).")  # fmt: skip
@click.option("--component", default=None, help="Model component (id) the results are for.")
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="SOURCE=METRIC",
    help="Read the source's metric SOURCE as the record's METRIC (repeatable): --map acc=accuracy.",
)
@click.option("--dry-run", is_flag=True, help="Say what would be added; write nothing.")
@click.option(
    "--fail-on",
    type=click.Choice(["breach", "warning", "error"]),
    default=None,
    help="Exit 1 when an added value misses its threshold (breach), or when the record's "
    "result findings reach this severity.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format."
)
@today_option("Judge stale results as of this date (default: today).")
@color_option
@root_option
def add(
    system: str,
    files: tuple[Path, ...],
    kind: str | None,
    create: bool,
    date: dt.date | None,
    component: str | None,
    maps: tuple[str, ...],
    dry_run: bool,
    fail_on: str | None,
    fmt: str,
    today: dt.date | None,
    color: bool | None,
    root: Path | None,
) -> None:
    """Append results to SYSTEM's record from FILES: a plain JSON, YAML or CSV list (metric,
    value, date, dataset, split, slice, run …), an EleutherAI lm-evaluation-harness results
    JSON, an MLflow run JSON (`mlflow runs describe`, or the REST API's `runs/get`), or a
    Hugging Face model-index (a README's front matter, or YAML).

    Each value is matched to the record's metrics stack (a result) or to a monitor (a
    reading), and its dataset to a test set; one that matches nothing is refused with the
    nearest names, unless --create. Comments and layout are kept; the write is atomic. The
    same run added twice adds nothing. Results that miss their threshold are listed, and the
    record's threshold and staleness findings after the write.

    \b
    Examples:
      aigov results add support-copilot eval/results_2026-11-09.json --map acc=groundedness
      aigov results add claims-triage mlflow-run.json --fail-on breach
      aigov results add fraud-scoring README.md --date 2026-10-01 --create
    """
    mapping = {}
    for pair in maps:
        source, sep, metric = pair.partition("=")
        if not sep or not source.strip() or not metric.strip():
            raise click.BadParameter(f"{pair!r} is not SOURCE=METRIC", param_hint="--map")
        mapping[source.strip()] = metric.strip()
    ws = workspace(root, today=today, consequence="nothing was added")
    path = locate(system, ws.root)
    report = add_results(
        path,
        list(files),
        root=ws.root,
        options=ws.options,
        kind=kind,
        create=create,
        date=date,
        component=component,
        dry_run=dry_run,
        mapping=mapping,
    )
    colour = use_color(color)
    if fmt == "json":
        click.echo(json.dumps(_as_json(report), indent=2, ensure_ascii=False, default=str))
    else:
        if report.diagnostics or report.findings:
            context = ws.report_context("results", [report.path], colour, links=False)
            emit([*report.diagnostics, *report.findings], "text", context)
        if not report.diagnostics:
            click.echo(_summary(report, dry_run), color=colour)
    raise SystemExit(_exit(report, fail_on))


def _summary(report: AddReport, dry_run: bool) -> str:
    verb = "would add" if dry_run else "added"
    lines = []
    if report.added:
        parts = []
        if report.added_results:
            parts.append(_count(report.added_results, "result"))
        if report.added_readings:
            parts.append(_count(report.added_readings, "monitor reading"))
        lines.append(f"{report.path}: {verb} {' and '.join(parts)}")
    else:
        lines.append(f"{report.path}: nothing new to add")
    if report.duplicates:
        lines.append(f"  {report.duplicates} already in the record (same run), not added again")
    if report.undated:
        lines.append(
            f"  {report.undated} without a date (the source gives none): written without one; "
            "give it with --date"
        )
    if report.created_metrics:
        lines.append(f"  created metrics: {', '.join(report.created_metrics)}")
    if report.created_test_sets:
        lines.append(f"  created test sets: {', '.join(report.created_test_sets)}")
    for b in report.breaches:
        lines.append(f"  threshold missed: {b.text}")
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _exit(report: AddReport, fail_on: str | None) -> int:
    if report.diagnostics:
        return 2 if all(d.code == "AIG-IO" for d in report.diagnostics) else 1
    if fail_on == "breach":
        return (
            1
            if report.breaches or any(d.severity == Severity.ERROR for d in report.findings)
            else 0
        )
    if fail_on in ("warning", "error"):
        rank = Severity.WARNING.rank if fail_on == "warning" else Severity.ERROR.rank
        return 1 if report.breaches or any(d.severity.rank >= rank for d in report.findings) else 0
    return 0


def _as_json(report: AddReport) -> dict[str, object]:
    return {
        "record": report.path,
        "inputs": report.kinds,
        "read": report.read,
        "added_results": report.added_results,
        "added_readings": report.added_readings,
        "duplicates": report.duplicates,
        "undated": report.undated,
        "created_metrics": report.created_metrics,
        "created_test_sets": report.created_test_sets,
        "written": report.written,
        "breaches": [b.text for b in report.breaches],
        "findings": [d.to_dict() for d in report.findings],
        "problems": [d.to_dict() for d in report.diagnostics],
    }
