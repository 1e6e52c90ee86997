"""`aigov build`: compile the records into the documentation site."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any, ClassVar

import click

from aigov.cli.common import jobs_option, lang_option, root_option, today_option, workspace
from aigov.diagnostics import Diagnostic, Severity
from aigov.paths import display_path


def show_progress() -> bool:
    """A progress bar only for a person at a terminal: never in CI or when piped."""
    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("NO_PROGRESS")


class ProgressBars:
    """One click progress bar per stage (loading, pages, rendering), on stderr."""

    LABELS: ClassVar[dict[str, str]] = {
        "load": "Reading records",
        "cards": "Rendering cards",
        "pages": "Writing pages  ",
        "render": "Rendering site ",
        "scan": "Scanning site  ",
    }

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.stage: str | None = None
        self.bar: Any = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= 1:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.done = 0
            self.bar = click.progressbar(
                length=total, label=self.LABELS.get(stage, stage), file=sys.stderr, width=30
            )
            self.bar.__enter__()
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
            self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def print_warnings(warnings: list[Diagnostic], limit: int = 20) -> None:
    for w in warnings[:limit]:
        where = w.location if w.path else ""
        click.echo(f"warning: {where + ': ' if where else ''}{w.message}", err=True)
    if len(warnings) > limit:
        click.echo(f"warning: … and {len(warnings) - limit} more", err=True)


@click.command(short_help="Build the documentation site into site/.")
@root_option
@lang_option
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the site goes (default: site_dir of mkdocs.yml, else site/).",
)
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Your MkDocs configuration (default: mkdocs.yml in the repository).",
)
@today_option("Judge review deadlines and staleness as of this date (default: today).")
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "properdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="What renders the generated pages: mkdocs (1.6, in-process), properdocs (the "
    "maintained MkDocs 1.x) or zensical (by Material's authors); the last two: pip install "
    "'aigov[engines]'.",
)
@click.option(
    "--audience",
    type=click.Choice(["internal", "public"]),
    default="internal",
    show_default=True,
    help="public leaves out every part a record marks internal or confidential (pages, "
    "cards, downloads, search index) and says so on the page.",
)
@click.option("--strict", is_flag=True, help="Fail when MkDocs warns (broken links and the like).")
@click.option(
    "--fail-on",
    type=click.Choice(["none", "error", "warning"]),
    default="none",
    show_default=True,
    help="Also exit 1 when the records have findings of this severity (the site is built anyway).",
)
@jobs_option("Worker processes for reading records (default: up to 4).")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show progress bars (default: on a terminal, never in CI).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def command(
    root: Path | None,
    site_dir: Path | None,
    config_file: Path | None,
    today: dt.date | None,
    engine: str,
    audience: str,
    strict: bool,
    fail_on: str,
    jobs: int | None,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Build the documentation site from the records.

    Pages are generated into .aigov-build/ (only changed pages are rewritten), your own
    mkdocs.yml is inherited for theme, extra pages and plugins, and the site is rendered
    into a fresh folder that replaces the previous site only when the build succeeded.

    Exit codes: 0 the site was built from every record; 1 it was built, but some record
    files could not be read (or --fail-on matched); 2 the site could not be built.

    \b
    Examples:
      aigov build
      aigov build --site-dir public --audience public
      aigov build --strict --fail-on error      # in CI
    """
    from aigov.site import BuildOptions, build_site

    ws = workspace(root, today=today, audience=audience)
    bars = ProgressBars(show_progress() if progress is None else progress and not quiet)
    options = BuildOptions(
        root=ws.root,
        site_dir=site_dir.absolute() if site_dir else None,
        config_file=config_file.absolute() if config_file else None,
        today=ws.as_of,
        engine=engine,
        strict=strict,
        jobs=jobs,
        audience=ws.audience,
    )
    try:
        result = build_site(options, bars)  # a BuildError is printed by the CLI's error handler
    finally:
        bars.close()
    if not quiet:
        print_warnings(result.warnings)
    report_left_out(result)
    # problems with no record behind them: a link out of the repository, an unreadable folder
    unattached = [d for d in result.project_diagnostics if d.severity == Severity.ERROR]
    for d in unattached:
        click.echo(f"error: {d.location}: {d.code} {d.message} (left out of the site)", err=True)
        if d.hint:
            click.echo(f"    hint: {d.hint}", err=True)
    if not quiet:
        click.echo(summary(result))
    code = 1 if result.invalid or unattached else 0
    threshold = {"error": Severity.ERROR.rank, "warning": Severity.WARNING.rank}.get(fail_on)
    if threshold is not None and any(d.severity.rank >= threshold for d in result.diagnostics):
        code = 1
    raise SystemExit(code)


def report_left_out(result: Any, limit: int = 20) -> None:
    """One error line (and hint) for each record file the site leaves out, up to `limit`."""
    invalid = result.invalid
    if not invalid:
        return
    listed = result.invalid_records[:limit]
    for bad in listed:
        errors = [d for d in bad.diagnostics if d.severity == Severity.ERROR]
        # the problem that kept the record out of the site, not the first rule finding
        first = next((d for d in errors if d.code.startswith(_BLOCKING)), None) or next(
            iter(errors), None
        )
        detail = f": {first.location}: {first.code} {first.message}" if first else ""
        unread = first is None or first.code.startswith(("AIG-YAML", "AIG-IO"))
        what = "could not be read" if unread else "is not valid"
        click.echo(f"error: {bad.path} {what} and is not in the site{detail}", err=True)
        if first is not None and first.hint:
            click.echo(f"    hint: {first.hint}", err=True)
    if invalid > len(listed):
        click.echo(
            f"error: and {invalid - len(listed)} more record files are not in the site; "
            "`aigov validate` lists them all",
            err=True,
        )


# diagnostics that keep a record out of the site (as LoadedRecord.valid counts them)
_BLOCKING = ("AIG-YAML", "AIG-SCHEMA", "AIG-REF", "AIG-IO", "AIG-ID")


def summary(result: Any) -> str:
    """The closing lines: what was built, what the records say, where the site is."""
    counted = (Severity.ERROR, Severity.WARNING)
    with_findings = len({d.path for d in result.diagnostics if d.severity in counted})
    with_errors = len({d.path for d in result.diagnostics if d.severity == Severity.ERROR})
    site = display_path(result.site_dir)
    edition = " (public edition: internal content left out)" if result.audience == "public" else ""
    lines = [
        f"Built the site from {result.systems} system{'s' if result.systems != 1 else ''}: "
        f"{result.pages} pages in {site}/{edition}",
    ]
    if result.engine:
        lines.append(f"  engine: {result.engine}")
    if result.audience == "public":
        lines.append(
            f"  withheld content: none found in {result.scanned} built files "
            "(pages and search index)"
            if result.withheld
            else "  withheld content: the records withhold nothing"
        )
    if result.invalid:
        lines.append(
            f"  {result.invalid} record file{'s' if result.invalid != 1 else ''} could not be read "
            "and {} missing (run `aigov validate`)".format("is" if result.invalid == 1 else "are")
        )
    if with_findings:
        lines.append(
            f"  findings: {result.errors} error{'s' if result.errors != 1 else ''}, "
            f"{result.warning_count} warning{'s' if result.warning_count != 1 else ''} "
            f"in {with_findings} record{'s' if with_findings != 1 else ''} "
            f"({with_errors} with errors); the site's Gaps pages list them, as does "
            "`aigov check`"
        )
    else:
        lines.append("  findings: none")
    changed = len([p for p in result.write.written if p != "mkdocs.yml"])
    lines.append(
        f"  pages: {changed} rewritten, {result.write.unchanged} unchanged, "
        f"{len(result.write.removed)} removed "
        f"({os.path.relpath(result.build_dir / 'docs', result.root)})"
    )
    if result.warnings:
        lines.append(f"  build warnings: {len(result.warnings)} (printed above)")
    index = "index.html"
    lines.append(f"Open {site}/{index}, or preview with live reload: aigov serve")
    return "\n".join(lines)
