from __future__ import annotations

from pathlib import Path

import click

from aigov.cli.common import (
    color_option,
    emit,
    exit_code,
    format_option,
    jobs_option,
    resolve_root,
    root_option,
    use_color,
)
from aigov.formats import ReportContext
from aigov.project import load_project


@click.command(short_help="Check records against the schema; report file:line:col problems.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option()
@color_option
@root_option
@jobs_option()
def command(
    paths: tuple[Path, ...], fmt: str, color: bool | None, root: Path | None, jobs: int | None
) -> None:
    """Validate records against the aigov schema.

    PATHS are record files or folders (default: systems/ in the governance repository).
    Problems print as `path:line:col: CODE message`, each with a hint on how to fix it.

    \b
    Examples:
      aigov validate
      aigov validate systems/claims-triage.yaml --format json
    """
    project = load_project(list(paths) or None, root=resolve_root(root), jobs=jobs)
    diags = project.all_diagnostics
    emit(diags, fmt, ReportContext("validate", [r.path for r in project.records], use_color(color)))
    raise SystemExit(exit_code(diags))
