from __future__ import annotations

from pathlib import Path

import click

from aigov.authoring.scaffold import DEFAULT_SITE_NAME, init_repository
from aigov.cli.common import color_option, use_color
from aigov.paths import display_path


@click.command(short_help="Create a governance repository.")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--name",
    "site_name",
    default=DEFAULT_SITE_NAME,
    show_default=True,
    help="The portfolio's name, shown as the site title.",
)
@color_option
def command(directory: Path | None, site_name: str, color: bool | None) -> None:
    """Create a governance repository in DIRECTORY (default: the current folder).

    It gets systems/ for the records, a policy file (aigov.yaml) with every option described,
    the site settings (mkdocs.yml), the record schema for editors, pre-commit hooks, editor
    settings, a .gitignore and a short README. Existing files are never overwritten: they are
    listed as kept. `aigov check` and `aigov build` work in it straight away.

    \b
    Examples:
      aigov init governance
      aigov init . --name "Acme AI portfolio"
    """
    colour = use_color(color)
    root = directory or Path(".")
    if root.exists() and not root.is_dir():
        raise click.UsageError(f"{root} exists and is not a folder")
    try:
        entries = init_repository(root, site_name=site_name)
    except OSError as exc:
        click.echo(f"aigov init: cannot create {root}: {exc.strerror or exc}", err=True)
        raise SystemExit(2) from None
    shown = display_path(root.resolve())
    click.echo(f"Governance repository in {shown if shown != '.' else 'the current folder'}:")
    width = max(len(e.path) for e in entries) + 2
    styles = {"created": "green", "kept": "yellow", "failed": "red"}
    for e in entries:
        status = click.style(f"{e.status:<8}", fg=styles[e.status]) if colour else f"{e.status:<8}"
        note = f"{e.purpose}" + (f" ({e.reason})" if e.reason and e.status != "kept" else "")
        click.echo(f"  {status} {e.path:<{width}}{note}", color=colour)
    kept = [e for e in entries if e.status == "kept" and not e.path.endswith("/")]
    if kept:
        click.echo(f"\n{len(kept)} existing file(s) kept as they were.")
    failed = [e for e in entries if e.status == "failed"]
    if failed:
        click.echo(f"\n{len(failed)} item(s) could not be created; see above.", err=True)
        raise SystemExit(2)
    step = f"cd {shown}\n  " if shown != "." else ""
    click.echo(
        "\nNext:\n"
        f"  {step}aigov new my-first-system   answer the questionnaire, get a record\n"
        "  aigov check                  run the governance rules\n"
        "  aigov build                  build the site into site/"
    )
