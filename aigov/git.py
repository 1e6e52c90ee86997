"""The one place aigov runs the `git` command: an environment that cannot redirect it or make
it wait (no pager, no prompts, no optional locks, C locale) and errors as `GitError`, never a
traceback.
Provenance (`aigov.provenance`) and the review history (`aigov.review.git`) both go through
`run_git`. Everything aigov asks git is a read, except the one commit `aigov approve --sign`
makes of the sign-off it wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

TIMEOUT = 120.0


class GitError(Exception):
    """git is missing, failed, or the path is not in a repository."""


# Variables that point git at another repository, work tree or index than the one the path
# is in (git sets several of them while it runs a hook, such as pre-commit).
_REDIRECTS = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


def git_env() -> dict[str, str]:
    """The user's environment without what would redirect git or make it interactive. The
    system and user git config stay in force (`safe.directory` in CI containers needs them)."""
    env = {k: v for k, v in os.environ.items() if k not in _REDIRECTS}
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "LC_ALL": "C",
            "GIT_OPTIONAL_LOCKS": "0",  # `git status` must not take the index lock from the user
            "GIT_LITERAL_PATHSPECS": "1",  # a file name is a name, never a glob or :(magic)
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
