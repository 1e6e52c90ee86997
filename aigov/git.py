"""The one place aigov runs the `git` command: a clean environment (no pager, no prompts, no
system config, no optional locks, C locale) and errors as `GitError`, never a traceback.
Everything aigov asks git is a read; provenance (`aigov.provenance`) and the review history
(`aigov.review.git`) both go through `run_git`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TIMEOUT = 120.0


class GitError(Exception):
    """git is missing, failed, or the path is not in a repository."""


def git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "LC_ALL": "C",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_OPTIONAL_LOCKS": "0",  # `git status` must not take the index lock from the user
        }
    )
    return env


def run_git(
    cwd: Path,
    args: list[str],
    *,
    check: bool = True,
    input_bytes: bytes | None = None,
    timeout: float = TIMEOUT,
) -> bytes:
    """git's standard output; with `check`, a non-zero exit raises GitError with its message."""
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed (or not on PATH)")
    try:
        proc = subprocess.run(
            [exe, "-c", "core.quotepath=off", "-c", "log.showSignature=false", *args],
            cwd=cwd,
            input=input_bytes,
            capture_output=True,
            env=git_env(),
            timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git could not run: {exc}") from None
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return proc.stdout
