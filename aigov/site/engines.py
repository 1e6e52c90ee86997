"""The engines that render the generated pages into a site: MkDocs in this process
(`run_mkdocs`), or another engine's own command (`run_external`)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
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


def run_external(engine: str, config_file: Path, site_dir: Path, *, strict: bool = False) -> None:
    exe = shutil.which(engine)
    if exe is None:
        raise BuildError(
            Diagnostic(
                "aigov",
                0,
                0,
                "AIG-SITE-ENGINE",
                f"the {engine} command is not installed",
                hint=f"pip install {engine}, or build with the default engine (--engine mkdocs).",
            )
        )
    config = config_file
    args = [exe, "build", "-f", str(config)]
    if engine == "zensical":  # no --site-dir: write the output folder into a config copy
        text = config_file.read_text(encoding="utf-8")
        config = config_file.with_name("mkdocs.zensical.yml")
        rel = os.path.relpath(site_dir, config_file.parent)
        lines = [ln for ln in text.splitlines() if not ln.startswith("site_dir:")]
        config.write_text("\n".join([*lines, f"site_dir: {rel}"]) + "\n", encoding="utf-8")
        args = [exe, "build", "-f", str(config)]
    else:
        args += ["-d", str(site_dir)]
    if strict:
        args.append("--strict")
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise BuildError(
            Diagnostic("aigov", 0, 0, "AIG-SITE-ENGINE", f"{engine} could not run: {exc}")
        ) from exc
    if proc.returncode != 0 or not site_dir.is_dir():
        tail = " ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
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
