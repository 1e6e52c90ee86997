from __future__ import annotations

from pathlib import Path

import click

from aigov.authoring.fmt import FmtResult, format_paths
from aigov.cli.common import color_option, emit, resolve_root, root_option, use_color
from aigov.diagnostics import Diagnostic
from aigov.formats import ReportContext


def _colour_diff(diff: str, colour: bool) -> str:
    if not colour:
        return diff
    out = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(click.style(line, bold=True))
        elif line.startswith("+"):
            out.append(click.style(line, fg="green"))
        elif line.startswith("-"):
            out.append(click.style(line, fg="red"))
        elif line.startswith("@@"):
            out.append(click.style(line, fg="cyan"))
        else:
            out.append(line)
    return "".join(out)


@click.command(short_help="Put records in canonical order and layout, keeping comments.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; show a diff of what would change and exit 1 if anything would.",
)
@click.option("--diff", "show_diff", is_flag=True, help="Also show the diff of each file changed.")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@root_option
@color_option
def command(
    paths: tuple[Path, ...],
    check: bool,
    show_diff: bool,
    quiet: bool,
    root: Path | None,
    color: bool | None,
) -> None:
    """Put records in canonical key order (the record model's order) and layout (two-space
    indentation, list items indented under their key), keeping every comment and writing every
    value exactly as it was (quotes, block text, numbers like 1.10, unicode).

    PATHS are record files or folders (default: systems/). A file that does not validate is
    left untouched and reported. Files are written atomically; running fmt twice changes
    nothing the second time.

    \b
    Examples:
      aigov fmt
      aigov fmt --check            # in CI or a pre-commit hook
      aigov fmt systems/claims-triage.yaml --diff
    """
    colour = use_color(color)
    repo = resolve_root(root)
    results, diags = format_paths(list(paths), root=repo, check=check)
    counts = {"changed": 0, "unchanged": 0, "invalid": 0, "unsafe": 0, "error": 0}
    invalid_diags: list[Diagnostic] = []
    for r in results:
        counts[r.status] += 1
        if r.status == "changed":
            if check or show_diff:
                click.echo(_colour_diff(r.diff(), colour), nl=False, color=colour)
            elif not quiet:
                click.echo(f"formatted {r.display}")
        elif r.status == "invalid":
            invalid_diags.extend(d for d in r.diagnostics if d.severity.value == "error")
        elif r.status in ("unsafe", "error"):
            click.echo(f"{r.display}: left as it is: {r.reason}", err=True)
    if diags or invalid_diags:
        emit(
            diags + invalid_diags,
            "text",
            ReportContext("fmt", [r.display for r in results], colour),
        )
    click.echo(_summary(results, counts, check), err=check and counts["changed"] > 0)
    failed = counts["invalid"] + counts["unsafe"] + counts["error"] + len(diags)
    if failed or (check and counts["changed"]):
        raise SystemExit(1)


def _summary(results: list[FmtResult], counts: dict[str, int], check: bool) -> str:
    parts = []
    verb = "would be reformatted" if check else "reformatted"
    if counts["changed"]:
        parts.append(f"{counts['changed']} {verb}")
    if counts["unchanged"]:
        parts.append(f"{counts['unchanged']} already formatted")
    if counts["invalid"]:
        parts.append(f"{counts['invalid']} left untouched (not valid; see above)")
    if counts["unsafe"] + counts["error"]:
        parts.append(f"{counts['unsafe'] + counts['error']} left untouched (see above)")
    if not results:
        return "No record files found."
    return (
        "fmt: "
        + ", ".join(parts)
        + "."
        + (" Run `aigov fmt` to fix." if check and counts["changed"] else "")
    )
