"""`aigov export`: the compliance documents (Annex IV file, FRIA, EU database entry, …).

Each document kind is a subcommand in its own module `aigov/cli/export_<kind>.py` exposing
`command`, listed in `SUBCOMMANDS` and loaded lazily (as the top-level commands are). The
options every export shares and the delivery of its output are here, so a subcommand is a few
lines: `@export_options` and a call to `run_system_export` (one system), or, for a document
over the whole portfolio, `open_for_export`, its own builder and `render_and_deliver`.

Adding a document kind: its builder module in `aigov/exports/` (`TITLE`, `build`, and
optionally `item_ids()` / `data_schema()` for its JSON schema), one line in
`aigov.exports.build.KINDS`, its CLI module `aigov/cli/export_<kind>.py` and one line in
`SUBCOMMANDS` below; `python -m aigov.exports.schema` then writes its schema.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from aigov.cli.common import lang_option, root_option, today_option, workspace

if TYPE_CHECKING:
    from aigov.exports.document import ExportDocument
    from aigov.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    # name: (module in aigov/cli, one-line help)
    "annex-iv": ("export_annex_iv", "EU AI Act Annex IV technical documentation of one system."),
    "fria": ("export_fria", "Art. 27 fundamental-rights impact assessment (FRIA) of one system."),
    "eu-database": (
        "export_eu_database",
        "EU database registration data (Annex VIII) of one system.",
    ),
    "soa": ("export_soa", "ISO/IEC 42001 Statement of Applicability of the whole portfolio."),
    "nist-profile": ("export_nist_profile", "NIST AI 600-1 Generative AI Profile of one system."),
    "crosswalk": ("export_crosswalk", "NIST AI RMF/600-1/ISO 42001/AI Act crosswalk (SSSOM)."),
    "algoritmeregister": ("export_algoritmeregister", "Dutch Algoritmeregister entry."),
    "atrs": ("export_atrs", "UK Algorithmic Transparency Recording Standard record."),
    "cyclonedx": ("export_cyclonedx", "CycloneDX 1.6 ML-BOM (JSON) of one system."),
    "audit-pack": ("export_audit_pack", "The auditor's pack: inventory, records, cards, exports."),
}

FORMAT_CHOICES = ("md", "html", "pdf", "docx", "json")
BINARY = frozenset({"pdf", "docx"})


class ExportGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in SUBCOMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        return importlib.util.find_spec(f"aigov.cli.{SUBCOMMANDS[name][0]}") is not None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in SUBCOMMANDS or not self._available(cmd_name):
            return None
        module = importlib.import_module(f"aigov.cli.{SUBCOMMANDS[cmd_name][0]}")
        command: click.Command = module.command
        command.short_help = command.short_help or SUBCOMMANDS[cmd_name][1]
        return command


@click.group(
    cls=ExportGroup, short_help="Export compliance documents (Annex IV, FRIA, EU database …)."
)
def command() -> None:
    """Generate the documents a regulator, notified body or auditor asks for, from the records.

    Every document opens with a coverage table: item by item, what the record supplies, what
    is unknown, what does not apply and why, what is missing. Formats: md, html, pdf, docx,
    json (with a published schema in schemas/exports/).
    """


def export_options(f: F) -> F:
    """The options every export takes: --format, -o/--output, --audience, --today,
    --generated-at, --paper, --templates, --config and --root."""
    decorators = [
        lang_option,
        click.option(
            "--format",
            "-f",
            "fmt",
            type=click.Choice(FORMAT_CHOICES),
            default="md",
            show_default=True,
            help="md: Markdown; html: standalone HTML; pdf: PDF (needs the pdf extra and "
            "Chromium); docx: Word; json: JSON with a published schema.",
        ),
        click.option(
            "--output",
            "-o",
            "output",
            metavar="PATH",
            default=None,
            help="Write to this file (atomically). Default: standard output for md, html and "
            "json; SYSTEM-KIND.pdf/.docx in the current folder for pdf and docx. '-o DIR/' "
            "picks the name inside DIR.",
        ),
        click.option(
            "--audience",
            type=click.Choice(["internal", "public"]),
            default="internal",
            show_default=True,
            help="public leaves out what the record's `visibility` marks internal or "
            "confidential (the coverage table says 'withheld').",
        ),
        today_option("Judge obligations and dates as if today were this date (YYYY-MM-DD)."),
        click.option(
            "--generated-at",
            default=None,
            metavar="TIMESTAMP",
            help="The document's 'generated at' (ISO 8601). Default as for `aigov card`.",
        ),
        click.option(
            "--paper",
            type=click.Choice(["A4", "Letter"]),
            default="A4",
            show_default=True,
            help="PDF and DOCX paper size.",
        ),
        click.option(
            "--templates",
            "templates",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Folder of template overrides (default: templates/ in the repository).",
        ),
        click.option(
            "--config",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Policy file (default: aigov.yaml in the repository root).",
        ),
        root_option,
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def run_system_export(kind: str, system: str, **options: Any) -> None:
    """Build the `kind` document of SYSTEM with the shared options and deliver it."""
    from aigov.exports.build import build_export, inputs_for, load_system

    generated_at = generated_at_of(options)
    ws = open_for_export(options)
    loaded = load_system(ws, system)
    inputs = inputs_for(
        loaded,
        root=ws.root,
        today=ws.today,
        generated_at=generated_at,
        organisation=ws.organisation,
    )
    render_and_deliver(build_export(kind, inputs), ws, f"{loaded.id}-{kind}", options)


def generated_at_of(options: dict[str, Any]) -> str | None:
    """--generated-at checked; without it, now (unless SOURCE_DATE_EPOCH decides)."""
    from aigov.provenance import iso_utc, parse_moment, source_date_epoch

    generated_at: str | None = options.get("generated_at")
    if generated_at is not None:
        try:
            parse_moment(generated_at)
        except ValueError:
            raise click.BadParameter(
                f"'{generated_at}' is not an ISO 8601 date or time", param_hint="--generated-at"
            ) from None
    elif source_date_epoch() is None:
        generated_at = iso_utc(dt.datetime.now(dt.UTC))
    return generated_at


def open_for_export(options: dict[str, Any]) -> Workspace:
    """The governance repository the shared options name (--root, --today, --audience,
    --config)."""
    return workspace(
        options.get("root"),
        today=options.get("today"),
        audience=options.get("audience", "internal"),
        config=options.get("config"),
        consequence="nothing was exported",
    )


def render_and_deliver(
    doc: ExportDocument, ws: Workspace, name: str, options: dict[str, Any]
) -> None:
    """Render `doc` in --format and write it where -o says (`name` + suffix by default for
    binary formats and folders). A portfolio document (no SYSTEM) calls this too."""
    from aigov.exports.render import render_export

    fmt: str = options["fmt"]
    templates = options.get("templates") or ws.root / "templates"
    target = target_for(options.get("output"), name, fmt)
    base = target.parent if target is not None else Path.cwd()
    link_base = "" if fmt == "json" else relative_base(ws.root, base)
    result = render_export(
        doc, fmt, user_dir=templates, paper=options.get("paper", "A4"), link_base=link_base
    )
    deliver(result, target, doc.title)


def relative_base(root: Path, base: Path) -> str:
    """The way from the output's folder to the repository root, for evidence links."""
    try:
        rel = os.path.relpath(root.resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return root.resolve().as_uri()
    return "" if rel == "." else Path(rel).as_posix()


def target_for(output: str | None, name: str, fmt: str) -> Path | None:
    """Where to write: None for standard output (text formats without -o)."""
    from aigov.exports.render import SUFFIX

    if output == "-":
        if fmt in BINARY and sys.stdout.isatty():
            raise click.UsageError(f"a {fmt} file is binary; write it to a file with -o FILE")
        return None
    if output is None:
        return Path(name + SUFFIX[fmt]) if fmt in BINARY else None
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        return path / f"{name}{SUFFIX[fmt]}"
    return path


def deliver(result: str | bytes, target: Path | None, title: str) -> None:
    """Write to `target` atomically (or to standard output) and say where on stderr."""
    from aigov.authoring.atomic import write_atomic
    from aigov.paths import display_path

    data = result.encode("utf-8") if isinstance(result, str) else result
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as err:
        click.echo(f"aigov: cannot write {target}: {err.strerror or err}", err=True)
        raise SystemExit(EXIT_USAGE) from None
    click.echo(f"Wrote {title} to {display_path(target)}.", err=True)
