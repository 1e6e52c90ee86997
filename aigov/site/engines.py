"""The engines that render the generated pages into a site: MkDocs in this process
(`run_mkdocs`), or ProperDocs and Zensical through their own commands (`run_external`).

All three read the same generated pages and the same `mkdocs.yml` settings; the pages use
only what every engine honours (no hooks, no plugins of aigov's own, no `exclude_docs`,
`not_in_nav` or `draft_docs`). `ENGINE_INFO` says what differs: how each is run, where it
writes its search index, whether it follows MkDocs' INHERIT rule."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aigov.diagnostics import Diagnostic, Severity
from aigov.paths import display_path
from aigov.site.base import BuildError, Progress, no_progress


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _mkdocs_log() -> Iterator[_Collect]:
    """MkDocs' warnings, collected instead of printed, while the block runs."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved[0]
        logger.setLevel(saved[1])


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    progress: Progress = no_progress,
    pages: int = 0,
    *,
    strict: bool = False,
    serve_url: str | None = None,
    user_config: Path | None = None,
) -> list[Diagnostic]:
    """Build with MkDocs in this process; returns its warnings as Diagnostics.

    Errors name the user's mkdocs.yml (`user_config`) when there is one: that is the file to
    fix, the generated config only inherits it."""
    from mkdocs.commands.build import build as mk_build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    with _mkdocs_log() as handler:
        shown = display_path(user_config or config_file)
        try:
            cfg = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)

            class _Progress(BasePlugin):
                done = 0

                def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
                    self.done += 1
                    progress("render", self.done, pages)
                    return output

            cfg.plugins["aigov-progress"] = _Progress()
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mk_build(cfg, serve_url=serve_url)
            finally:
                cfg.plugins.on_shutdown()
        except Exception as exc:
            raise _mkdocs_error(exc, shown, handler.records) from exc
    return [
        Diagnostic(
            shown,
            0,
            0,
            "AIG-SITE-MKDOCS",
            " ".join(r.getMessage().split()),
            Severity.WARNING,
            hint="A warning from MkDocs while rendering the site.",
        )
        for r in handler.records
    ]


def _mkdocs_error(exc: Exception, shown: str, records: list[logging.LogRecord]) -> BuildError:
    """What a failed MkDocs build tells the user: a setting to fix (MkDocs said so, its last
    warnings added), or a broken theme or plugin."""
    from mkdocs import exceptions as mk_exc

    if isinstance(exc, mk_exc.MkDocsException):
        detail = "; ".join(r.getMessage() for r in records[-3:])
        return BuildError(
            Diagnostic(
                shown,
                0,
                0,
                "AIG-SITE-MKDOCS",
                f"MkDocs could not build the site: {exc}" + (f" ({detail})" if detail else ""),
                hint="Fix the setting in your mkdocs.yml (the generated .aigov-build/mkdocs.yml "
                "inherits it); the previous site was left as it was.",
            )
        )
    return BuildError(
        Diagnostic(
            shown,
            0,
            0,
            "AIG-SITE-MKDOCS",
            f"MkDocs failed: {type(exc).__name__}: {exc}",
            hint="A theme or plugin in your mkdocs.yml may be broken; the previous site was left as it was.",
        )
    )


@dataclass(frozen=True)
class Engine:
    """One engine that renders the generated pages: how to run it and where it writes what."""

    name: str  # as given to --engine
    label: str  # as said to the user
    module: str  # run as `python -m <module>`
    package: str  # the distribution whose version is reported
    search_index: str  # the search index in the built site
    in_process: bool = False  # MkDocs runs in aigov's own process (progress, warnings)
    output_in_build_folder: bool = False  # refuses a site_dir outside its config's folder
    inherits: bool = True  # reads INHERIT as MkDocs does (lists replaced, not appended)


ENGINE_INFO: dict[str, Engine] = {
    "mkdocs": Engine(
        "mkdocs", "MkDocs", "mkdocs", "mkdocs", "search/search_index.json", in_process=True
    ),
    "properdocs": Engine(
        "properdocs", "ProperDocs", "properdocs", "properdocs", "search/search_index.json"
    ),
    # Zensical merges an INHERIT chain by appending lists (nav, plugins, extra_css twice), and
    # its "project root" is the config's folder: it gets a whole config of its own, writing
    # into the build folder, and aigov moves the site out.
    "zensical": Engine(
        "zensical",
        "Zensical",
        "zensical",
        "zensical",
        "search.json",
        output_in_build_folder=True,
        inherits=False,
    ),
}

# The notices Material for MkDocs (from 9.7.2) and ProperDocs' plugins print about MkDocs 2.0
# on every build: true, but not a failure, and aigov's build line already names the engine.
QUIET_BANNERS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def installed(name: str) -> bool:
    return importlib.util.find_spec(ENGINE_INFO[name].module) is not None


def engine_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(ENGINE_INFO[name].package)
    except importlib.metadata.PackageNotFoundError:
        return None


def describe(name: str) -> str:
    """The engine and its version, with the theme's when the engine is a MkDocs 1.x:
    "MkDocs 1.6.1 (Material 9.7.6)", "Zensical 0.0.73"."""
    engine = ENGINE_INFO[name]
    text = f"{engine.label} {engine_version(name) or '(version unknown)'}"
    if engine.inherits:
        with suppress(importlib.metadata.PackageNotFoundError):
            text += f" (Material {importlib.metadata.version('mkdocs-material')})"
    return text


def not_installed(name: str) -> BuildError:
    extra = "" if name == "mkdocs" else " (or pip install 'aigov[engines]')"
    return BuildError(
        Diagnostic(
            "aigov",
            0,
            0,
            "AIG-SITE-ENGINE",
            f"the {name} engine is not installed",
            hint=f"pip install {ENGINE_INFO[name].package}{extra}, or build with the default "
            "engine (--engine mkdocs).",
        )
    )


def run_external(
    engine: str, config_file: Path, site_dir: Path, *, strict: bool = False, cwd: Path | None = None
) -> None:
    """Build with the engine's own command (`python -m <engine> build`) into `site_dir`.

    Zensical writes where its config says, inside the build folder (`rendered_into`); the
    site is moved from there to `site_dir`."""
    info = ENGINE_INFO[engine]
    if not installed(engine):
        raise not_installed(engine)
    args = [sys.executable, "-m", info.module, "build", "-f", str(config_file)]
    rendered = rendered_into(config_file) if info.output_in_build_folder else site_dir
    if info.output_in_build_folder:
        if rendered.exists():
            shutil.rmtree(rendered)
    else:
        args += ["-d", str(site_dir)]
    if strict:
        args.append("--strict")
    env = {**os.environ, **QUIET_BANNERS}
    try:
        proc = subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=3600,
            env=env,
            cwd=str(cwd or config_file.parent),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise BuildError(
            Diagnostic("aigov", 0, 0, "AIG-SITE-ENGINE", f"{engine} could not run: {exc}")
        ) from exc
    if proc.returncode != 0 or not rendered.is_dir():
        lines = [ln for ln in (proc.stderr + "\n" + proc.stdout).strip().splitlines() if ln.strip()]
        tail = " ".join(lines[-3:])
        raise BuildError(
            Diagnostic(
                display_path(config_file),
                0,
                0,
                "AIG-SITE-ENGINE",
                f"{engine} build failed (exit {proc.returncode}): {tail}",
                hint="The previous site was left as it was.",
            )
        )
    if rendered != site_dir:
        shutil.move(str(rendered), str(site_dir))


def rendered_into(config_file: Path) -> Path:
    """Where an engine that must write inside its config's folder (Zensical) puts the site."""
    return config_file.parent / ".site-rendered"
