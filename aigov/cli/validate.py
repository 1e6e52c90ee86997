from __future__ import annotations

from pathlib import Path

import click

from aigov.cli.common import (
    color_option,
    emit,
    exit_code,
    format_option,
    jobs_option,
    lang_option,
    record_paths,
    root_option,
    use_color,
    workspace,
)


@click.command(short_help="Check records against the schema; report file:line:col problems.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option()
@color_option
@lang_option
@root_option
@jobs_option()
def command(
    paths: tuple[Path, ...], fmt: str, color: bool | None, root: Path | None, jobs: int | None
) -> None:
    """Validate records against the aigov schema.

    PATHS are record files, folders or system ids (default: systems/ in the governance
    repository).
    Problems print as `path:line:col: CODE message`, each with a hint on how to fix it.
    --lang nl or de (default: aigov.yaml's `language:`) writes the messages and hints in Dutch or
    German; codes, positions and field paths stay the same (also with --format json).

    \b
    Examples:
      aigov validate
      aigov validate claims-triage --format json
    """
    ws = workspace(root)
    project = ws.load(record_paths(paths, ws.root), checked=False, jobs=jobs)
    diags = project.all_diagnostics
    context = ws.report_context(
        "validate", [r.path for r in project.records], use_color(color), links=fmt == "sarif"
    )
    emit(diags, fmt, context)
    raise SystemExit(exit_code(diags))
