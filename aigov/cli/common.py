"""Options and output helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from aigov import formats
from aigov.diagnostics import Diagnostic, Severity
from aigov.paths import find_root
from aigov.workspace import Workspace, open_repository

F = TypeVar("F", bound=Callable[..., Any])

COLOUR_KEY = "aigov.colour"  # ctx.meta: whether this run's error output may use colour


def use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def format_option(
    default: str = "text", choices: Sequence[str] | None = None, help: str = "Output format."
) -> Callable[[F], F]:
    """`--format/-f` offering `choices` of the formatter registry (default: all of them).

    A command whose own output has only text and json passes `choices=("text", "json")`."""
    names = list(formats.FORMATS) if choices is None else list(choices)
    unknown = [n for n in names if n not in formats.FORMATS]
    if unknown or default not in names:
        raise ValueError(f"--format choices {names} (default {default!r}) are not all formats")
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(names),
        default=default,
        show_default=True,
        help=help,
    )


TEXT_OR_JSON = ("text", "json")


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-30") from None


def today_option(help: str) -> Callable[[F], F]:
    """`--today YYYY-MM-DD` as a date (None: the real today); `help` says what it changes."""
    return click.option("--today", callback=_parse_today, metavar="YYYY-MM-DD", help=help)


def jobs_option(help: str = "Worker processes (default: up to 4).") -> Callable[[F], F]:
    return click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help=help)


def _remember_colour(ctx: click.Context, param: click.Parameter, value: bool | None) -> bool | None:
    ctx.meta[COLOUR_KEY] = use_color(value)
    return value


def color_option(f: F) -> F:
    return click.option(
        "--color/--no-color",
        default=None,
        callback=_remember_colour,
        help="Force colour on or off (default: on a terminal, unless NO_COLOR is set).",
    )(f)


def root_option(f: F) -> F:
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Governance repository root (default: nearest folder with aigov.yaml, "
        "mkdocs.yml or .git).",
    )(f)


def resolve_root(root: Path | None) -> Path:
    if root is not None:
        if not root.is_dir():
            raise click.UsageError(f"--root {root} is not a folder")
        return root.resolve()
    return find_root(Path.cwd())


def workspace(
    root: Path | None,
    *,
    today: dt.date | None = None,
    audience: str = "internal",
    config: Path | None = None,
    consequence: str = "",
) -> Workspace:
    """The governance repository `--root` names (or the one around the current folder)."""
    return open_repository(
        resolve_root(root), today=today, audience=audience, config=config, consequence=consequence
    )


def record_paths(given: Sequence[Path], root: Path) -> list[Path]:
    """PATHS as `check` and `validate` take them: files and folders as they are, and a name
    that is neither (`support-copilot`) as the system id `card`, `diff` and `approve` take
    (aigov.locate; NotFound says which ids exist)."""
    from aigov.locate import locate

    out = []
    for path in given:
        text = str(path)
        if (
            path.exists()
            or path.is_symlink()
            or path.suffix in (".yaml", ".yml")
            or "/" in text
            or os.sep in text
        ):
            out.append(path)
        else:
            out.append(locate(text, root))
    return out


def print_problem(diag: Diagnostic) -> None:
    """One problem as `build` and `serve` print it: `error: where: message`, then the hint."""
    where = f"{diag.location}: " if diag.path and diag.path != "aigov" else ""
    click.echo(f"error: {where}{diag.message}", err=True)
    if diag.hint:
        click.echo(f"  hint: {diag.hint}", err=True)


def emit(diagnostics: list[Diagnostic], fmt: str, context: formats.ReportContext) -> None:
    if fmt not in formats.available():
        raise click.UsageError(f"output format '{fmt}' is not available in this installation")
    out = formats.render(fmt, diagnostics, context)
    if out:
        click.echo(out, color=context.color)


def exit_code(diagnostics: list[Diagnostic], fail_on: str = "error") -> int:
    threshold = Severity.WARNING.rank if fail_on == "warning" else Severity.ERROR.rank
    return 1 if any(d.severity.rank >= threshold for d in diagnostics) else 0


def policy_language(root: Path) -> str | None:
    """The `language:` of the repository's aigov.yaml, read without validating the rest (the
    command validates the policy itself and reports its errors where they are)."""
    import yaml

    from aigov.i18n import LANGUAGES

    path = root / "aigov.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, ValueError, yaml.YAMLError):  # ValueError: not UTF-8 (reported by the command)
        return None
    lang = data.get("language") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) and lang in LANGUAGES else None


def _apply_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    from aigov.i18n import DEFAULT, set_language

    if value is None:
        try:
            root = resolve_root(ctx.params.get("root"))
        except (click.UsageError, OSError):
            root = None
        value = (policy_language(root) if root is not None else None) or DEFAULT
    set_language(value)


def lang_option(f: F) -> F:
    """`--lang`: the language aigov writes in, overriding aigov.yaml's `language:`."""
    from aigov.i18n import LANGUAGES

    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default=None,
        expose_value=False,
        callback=_apply_language,
        help="Write labels, dates and numbers in this language (default: aigov.yaml's "
        "`language:`, else en). Record text stays as written.",
    )(f)
