"""`aigov card`: render one system card or model card."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import click

from aigov.cli.common import lang_option, root_option, today_option, workspace
from aigov.diagnostics import Diagnostic, Severity
from aigov.formats import text as text_format
from aigov.paths import display_path
from aigov.project import LoadedRecord
from aigov.provenance import iso_utc, parse_moment, source_date_epoch
from aigov.workspace import Workspace

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
SUFFIX = {
    "md": ".md",
    "html": ".html",
    "json": ".json",
    "pdf": ".pdf",
    "docx": ".docx",
    "hf": ".md",
}


@click.command(short_help="Render a system card or model card (md, html, json, pdf, docx, hf).")
@click.argument("system")
@click.option(
    "--model",
    "-m",
    default=None,
    metavar="NAME",
    help="Render the model card of this model component (its id or name) instead of the "
    "system card.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["md", "html", "json", "pdf", "docx", "hf"]),
    default="md",
    show_default=True,
    help="md: Markdown; html: standalone HTML; json: canonical JSON; pdf: PDF (needs the pdf "
    "extra and Chromium); docx: Word document for redlining; hf: Hugging Face README with YAML metadata (a model card).",
)
@click.option(
    "--output",
    "-o",
    "output",
    metavar="PATH",
    default=None,
    help="Write to this file (default: standard output). Use '-o DIR/' to pick a name.",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    default="internal",
    show_default=True,
    help="public leaves out what the record's `visibility` marks internal or confidential.",
)
@today_option("Check as if today were this date (YYYY-MM-DD): overdue reviews and stale findings.")
@click.option(
    "--generated-at",
    default=None,
    metavar="TIMESTAMP",
    help="The card's 'generated at' (ISO 8601). Default: SOURCE_DATE_EPOCH, else the commit "
    "date of HEAD when the record is committed, else now.",
)
@click.option(
    "--paper",
    type=click.Choice(["A4", "Letter"]),
    default="A4",
    show_default=True,
    help="PDF and DOCX paper size.",
)
@click.option(
    "--templates",
    "templates",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of template overrides (default: templates/ in the governance repository).",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Policy file (default: aigov.yaml in the governance repository root).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when the card has open errors (the card is still written).",
)
@lang_option
@root_option
def command(
    system: str,
    model: str | None,
    fmt: str,
    output: str | None,
    audience: str,
    today: dt.date | None,
    generated_at: str | None,
    paper: str,
    templates: Path | None,
    config: Path | None,
    strict: bool,
    root: Path | None,
) -> None:
    """Render the card of one system: SYSTEM is a record id or a record file.

    The system card covers the whole system; `--model` renders the model card of one model
    component (Mitchell et al. sections). Missing, unknown and not-applicable parts are shown
    as such, open findings of `aigov check` are listed, and every card states its provenance
    (record, git revision, content hash, versions, when generated).

    \b
    Examples:
      aigov card support-copilot
      aigov card claims-triage --format html -o cards/claims-triage.html
      aigov card claims-triage --format pdf --paper Letter -o claims-triage.pdf
      aigov card claims-triage --format docx -o claims-triage.docx
      aigov card claims-triage --model fraud-scorer --format hf -o hf/README.md
      aigov card systems/fraud-scoring.yaml --format json --audience public
    """
    ws = workspace(
        root, today=today, audience=audience, config=config, consequence="no card was rendered"
    )
    _check_arguments(fmt, output, generated_at)
    if generated_at is None and source_date_epoch() is None:
        generated_at = iso_utc(dt.datetime.now(dt.UTC))  # "generated" is when it was made
    loaded, checks = _load(ws, system)
    target = _target(output, loaded.id, model, fmt)
    base = target.parent if target is not None else Path.cwd()
    link_base = "" if fmt in ("hf", "json") else _relative(ws.root, base)
    result = _render(
        loaded,
        fmt,
        ws,
        model=model,
        checks=checks,
        link_base=link_base,
        generated_at=generated_at,
        user_templates=templates if templates is not None else ws.root / "templates",
        paper=paper,
    )
    errors = _deliver(
        result, target, loaded, "model card" if model or fmt == "hf" else "system card"
    )
    raise SystemExit(EXIT_PROBLEMS if strict and errors else EXIT_OK)


def _check_arguments(fmt: str, output: str | None, generated_at: str | None) -> None:
    if generated_at is not None:
        try:
            parse_moment(generated_at)
        except ValueError:
            raise click.BadParameter(
                f"'{generated_at}' is not an ISO 8601 date or time (e.g. 2026-09-01T12:00:00Z)",
                param_hint="--generated-at",
            ) from None
    if fmt in ("pdf", "docx") and output in (None, "-") and sys.stdout.isatty():
        name = "a PDF" if fmt == "pdf" else "a Word document"
        raise click.UsageError(f"{name} is binary; write it to a file with -o card.{fmt}")


def _load(ws: Workspace, system: str) -> tuple[LoadedRecord, Any]:
    """The named record, checked (the policy is read first) and redacted for the audience,
    with the check results the card shows."""
    from aigov.audience import redact, refuse_unresolved
    from aigov.cards.context import check_inputs

    options = ws.record_options
    path = find_record(system, ws.root)
    project = ws.load([path], options=options)
    if not project.records:
        _fail_diagnostics(project.diagnostics, f"could not read {display_path(path)}")
    loaded = project.records[0]
    if loaded.record is None:
        _fail_diagnostics(
            loaded.diagnostics + project.diagnostics,
            f"{loaded.path} does not validate, so no card can be rendered; fix the problems "
            "above (`aigov validate` lists them too)",
        )
    checks = check_inputs(loaded, options)
    if ws.audience == "public":
        refuse_unresolved([loaded], "public card")  # exit 2, whatever --strict says
        loaded = redact(loaded, "public")
    return loaded, checks


def _render(
    loaded: LoadedRecord, fmt: str, ws: Workspace, *, link_base: str, **kwargs: Any
) -> str | bytes:
    """render_card, its failures told as usage errors (`kwargs` go to it as they are)."""
    from aigov.cards import CardError, CardOptions, render_card

    site_url, directory_urls = ws.site_settings
    card_options = CardOptions(
        today=ws.today, link_base=link_base, site_url=site_url, directory_urls=directory_urls
    )
    try:
        result: str | bytes = render_card(loaded, fmt, root=ws.root, options=card_options, **kwargs)
    except CardError as err:  # TemplateError and PdfUnavailable reach the CLI's error report
        raise click.UsageError(str(err)) from None
    return result


def _deliver(result: str | bytes, target: Path | None, loaded: LoadedRecord, kind: str) -> int:
    """Write the card to `target` (or standard output), say so; the number of open errors."""
    data = result.encode("utf-8") if isinstance(result, str) else result
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        _write_atomic(target, data)
    errors = sum(1 for d in loaded.diagnostics if d.severity == Severity.ERROR)
    where = _where_gaps_are(kind)
    if target is not None:
        note = f"Wrote the {kind} of {loaded.id} to {display_path(target)}"
        if errors:
            note += f" ({errors} open error{'s' if errors != 1 else ''}, {where})"
        click.echo(note + ".", err=True)
    elif errors:
        click.echo(
            f"aigov: the {kind} of {loaded.id} has {errors} open error"
            f"{'s' if errors != 1 else ''}, {where} (`aigov check {loaded.path}` lists them).",
            err=True,
        )
    return errors


def _where_gaps_are(kind: str) -> str:
    """Where the card lists its open gaps, in the card's own words (both kinds of card open
    with a decision summary)."""
    from aigov.cards.builder import GAPS_TITLE

    return f"listed under “{GAPS_TITLE}” in the decision summary"


def find_record(system: str, root: Path) -> Path:
    """The record file for an id or a path; a usage error naming the known ids otherwise."""
    from aigov.locate import NotFound, locate

    try:
        return locate(system, root)
    except NotFound as exc:
        raise click.UsageError(str(exc)) from None


def _fail_diagnostics(diags: list[Diagnostic], message: str) -> None:
    for d in sorted(diags):
        click.echo(text_format.line(d, False), err=True)
    click.echo(f"aigov: {message}", err=True)
    raise SystemExit(EXIT_PROBLEMS)


def _target(output: str | None, system: str, model: str | None, fmt: str) -> Path | None:
    if output is None or output == "-":
        return None
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        if fmt == "hf":
            return path / "README.md"
        name = f"{system}.{model}" if model else system
        return path / f"{name}{SUFFIX[fmt]}"
    return path


def _relative(root: Path, base: Path) -> str:
    try:
        rel = os.path.relpath(root.resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return root.resolve().as_uri()
    return "" if rel == "." else Path(rel).as_posix()


def _write_atomic(target: Path, data: bytes) -> None:
    # the shared writer keeps an existing file's mode and gives a new one the usual
    # permissions (a bare mkstemp would leave every card readable by its owner only)
    from aigov.authoring.atomic import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as err:
        click.echo(f"aigov: cannot write {target}: {err.strerror or err}", err=True)
        raise SystemExit(EXIT_USAGE) from None
