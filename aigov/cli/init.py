from __future__ import annotations

from pathlib import Path

import click

from aigov.authoring.scaffold import DEFAULT_SITE_NAME, ensure_git, init_repository
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
@click.option(
    "--git/--no-git",
    "make_git",
    default=True,
    show_default=True,
    help="Run `git init` when DIRECTORY is not inside a git repository (sign-offs and "
    "`aigov diff` read the history).",
)
@color_option
def command(directory: Path | None, site_name: str, make_git: bool, color: bool | None) -> None:
    """Create a governance repository in DIRECTORY (default: the current folder).

    It gets systems/ for the records, a policy file (aigov.yaml) with every option described,
    the site settings (mkdocs.yml), the record schema for editors, pre-commit hooks, editor
    settings, a .gitignore and a short README. Existing files are never overwritten: they are
    listed as kept. Outside a git repository it runs `git init`: sign-offs are verified
    against the history and `aigov diff` compares commits. `aigov check` and `aigov build`
    work in it straight away.

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
    git = ensure_git(root, create=make_git)
    shown = display_path(root.resolve())
    click.echo(f"Governance repository in {shown if shown != '.' else 'the current folder'}:")
    width = max(len(e.path) for e in entries) + 2
    styles = {"created": "green", "kept": "yellow", "skipped": "yellow", "failed": "red"}
    for e in entries:
        status = click.style(f"{e.status:<8}", fg=styles[e.status]) if colour else f"{e.status:<8}"
        note = f"{e.purpose}" + (f" ({e.reason})" if e.reason and e.status != "kept" else "")
        click.echo(f"  {status} {e.path:<{width}}{note}", color=colour)
    git_status = (
        click.style(f"{git.status:<8}", fg=styles[git.status]) if colour else f"{git.status:<8}"
    )
    git_note = git.reason if git.status == "kept" else git.purpose
    click.echo(f"  {git_status} {git.path:<{width}}{git_note}", color=colour)
    if git.status in ("skipped", "failed"):
        click.echo(
            f"\nNo git repository: sign-offs are verified against git history and `aigov diff` "
            f"compares commits; {git.reason}."
        )
    kept = [e for e in entries if e.status == "kept" and not e.path.endswith("/")]
    if kept:
        click.echo(f"\n{len(kept)} existing file(s) kept as they were.")
    failed = [e for e in entries if e.status == "failed"]
    if failed:
        click.echo(f"\n{len(failed)} item(s) could not be created; see above.", err=True)
        raise SystemExit(2)
    steps = [f"cd {shown}"] if shown != "." else []
    if git.status == "created":
        steps.append("git add -A && git commit -m 'Start the governance repository'")
    steps += [
        "aigov new my-first-system   answer the questionnaire, get a record",
        "aigov check                  run the governance rules",
        "aigov build                  build the site into site/",
    ]
    click.echo("\nNext:\n" + "\n".join(f"  {s}" for s in steps))
