"""`aigov serve`: preview the site with live reload."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from aigov.cli.build import print_warnings
from aigov.cli.common import print_problem, resolve_root, root_option, today_option
from aigov.diagnostics import Severity


def parse_addr(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"{value!r} is not HOST:PORT, such as 127.0.0.1:8000")
    return host.strip("[]") or "127.0.0.1", int(port)


@click.command(short_help="Preview the site with live reload.")
@root_option
@click.option(
    "--dev-addr",
    "-a",
    default="127.0.0.1:8000",
    show_default=True,
    callback=parse_addr,
    metavar="HOST:PORT",
    help="Where to serve the preview.",
)
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Your MkDocs configuration (default: mkdocs.yml in the repository).",
)
@today_option("Judge review deadlines and staleness as of this date (default: today).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.option(
    "--no-livereload", is_flag=True, help="Serve the site once built; do not watch for changes."
)
def command(
    root: Path | None,
    dev_addr: tuple[str, int],
    config_file: Path | None,
    today: dt.date | None,
    open_browser: bool,
    no_livereload: bool,
) -> None:
    """Serve a live preview of the site.

    Watches systems/, templates/, mkdocs.yml, aigov.yaml and your own docs pages; any change
    regenerates the pages that changed and reloads the browser. A record that stops
    validating keeps the last good page and prints the problem here. Stop with Ctrl-C.

    \b
    Examples:
      aigov serve
      aigov serve --dev-addr 0.0.0.0:8080 --open
    """
    from aigov.site import BuildOptions, BuildResult
    from aigov.site.serve import ServeOptions, serve

    repo = resolve_root(root)
    host, port = dev_addr
    options = ServeOptions(
        BuildOptions(
            root=repo, config_file=config_file.absolute() if config_file else None, today=today
        ),
        host=host,
        port=port,
        livereload=not no_livereload,
        open_browser=open_browser,
    )

    def built(result: BuildResult) -> None:
        print_warnings(result.warnings)
        # what keeps a record off the site, or on it in its last good version: as `aigov
        # validate` says it, file:line:col first
        for bad in [*result.invalid_records, *result.kept_records]:
            for diag in bad.diagnostics:
                if diag.severity == Severity.ERROR:
                    print_problem(diag)
        for bad in result.kept_records:
            click.echo(
                f"{bad.path} does not validate; the preview keeps its last good page.", err=True
            )
        systems, errors = result.systems, result.errors
        click.echo(
            f"Built {systems} system{'s' if systems != 1 else ''} "
            f"({errors} error{'s' if errors != 1 else ''} in the records).",
            err=True,
        )

    serve(  # a BuildError is printed by the CLI's error handler
        options,
        on_ready=lambda url: click.echo(f"Serving on {url} (Ctrl-C to stop)", err=True),
        on_build=built,
        on_error=print_problem,
    )
