"""The one place aigov runs the `git` command: an environment that cannot redirect it or make
it wait (no pager, no prompts, no optional locks, C locale) and errors as `GitError`, never a
traceback.
Provenance (`aigov.provenance`) and the review history (`aigov.review.git`) both go through
`run_git`. Everything aigov asks git is a read, except the one commit `aigov approve --sign`
makes of the sign-off it wrote and the `git init` of `aigov init` outside a repository.
`commit_at`, `file_at` and `checkout_copy` (the audit pack's `--as-of`) only read the user's
repository; `checkout_copy` writes a shared clone into a folder of aigov's own."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import IO

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


def batch_request(names: list[str]) -> bytes:
    """What `git cat-file --batch` reads: one object name a line."""
    return "".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape")


REQUEST_BYTES = 4096  # fits in any platform's pipe buffer (64 KiB on Linux, 16 KiB on macOS)


def request_chunks(names: list[str]) -> Iterator[list[str]]:
    """`names` in runs whose request fits in REQUEST_BYTES (a longer name goes alone)."""
    chunk: list[str] = []
    size = 0
    for name in names:
        length = len(name.encode("utf-8", "surrogateescape")) + 1
        if chunk and size + length > REQUEST_BYTES:
            yield chunk
            chunk, size = [], 0
        chunk.append(name)
        size += length
    if chunk:
        yield chunk


def read_object(out: IO[bytes]) -> bytes | None:
    """One answer of `git cat-file --batch`: the blob's bytes; None for a missing, ambiguous or
    non-blob object (a tree or commit where a file was expected)."""
    header = out.readline().decode("utf-8", errors="replace").rstrip("\n")
    if not header:
        raise GitError("no answer")
    if header.endswith((" missing", " ambiguous")):
        return None
    parts = header.split(" ")
    size = int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else -1
    if size < 0:
        raise GitError(f"unexpected answer {header!r}")
    data = out.read(size + 1)[:size]
    return data if parts[1] == "blob" else None


def read_batch(out: bytes) -> list[bytes | None]:
    """Every answer in the output of one `git cat-file --batch` run."""
    stream = io.BytesIO(out)
    found: list[bytes | None] = []
    while stream.tell() < len(out):
        found.append(read_object(stream))
    return found


class CatFile:
    """One long-lived `git cat-file --batch` for a work tree: a process per thousand records
    costs seconds, a request on its pipe well under a millisecond. Started on first use, and
    again in a forked worker (a pipe is never shared between processes)."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._proc: subprocess.Popen[bytes] | None = None
        self._pid = 0

    def ask(self, names: list[str]) -> list[bytes | None]:
        """Each object's bytes (None: missing, or not a blob); GitError when git fails.

        Asked a chunk at a time, each answered in full before the next is written: git stops
        reading its input while nobody reads its answers, so one large request would leave
        both processes waiting on a full pipe."""
        proc = self._process()
        assert proc.stdin is not None and proc.stdout is not None
        found: list[bytes | None] = []
        try:
            for chunk in request_chunks(names):
                proc.stdin.write(batch_request(chunk))
                proc.stdin.flush()
                found.extend(read_object(proc.stdout) for _ in chunk)
        except (OSError, ValueError, GitError) as exc:
            self.close()
            raise GitError(f"git cat-file stopped: {exc}") from None
        return found

    def _process(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._pid == os.getpid() and self._proc.poll() is None:
            return self._proc
        exe = shutil.which("git")
        if exe is None:
            raise GitError("git is not installed (or not on PATH)")
        try:
            self._proc = subprocess.Popen(
                [exe, "-c", "core.quotepath=off", "cat-file", "--batch"],
                cwd=self.cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=git_env(),
            )
        except OSError as exc:
            raise GitError(f"git could not run: {exc}") from None
        self._pid = os.getpid()
        return self._proc

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and self._pid == os.getpid():
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()
            proc.wait(timeout=TIMEOUT)


def commit_at(cwd: Path, day: dt.date) -> tuple[str, str] | None:
    """(sha, committer date ISO 8601) of the commit HEAD's first-parent line was at by the end
    of `day` (UTC): what the main line held that day, merges counted when they were merged.
    None when HEAD has no commit that old."""
    out = run_git(
        cwd,
        [
            "log",
            "-1",
            "--first-parent",
            f"--before={day.isoformat()} 23:59:59 +0000",
            "--format=%H%x00%cI",
            "HEAD",
            "--",
        ],
    )
    text = out.decode("utf-8", errors="replace").strip()
    if not text or "\x00" not in text:
        return None
    sha, date = text.split("\x00", 1)
    return sha, date


def toplevel(cwd: Path) -> Path:
    """The work tree's top level; GitError outside a repository."""
    out = run_git(cwd, ["rev-parse", "--show-toplevel"]).decode("utf-8", errors="replace")
    return Path(out.strip()).resolve()


def file_at(cwd: Path, commit: str, path: str) -> bytes | None:
    """The bytes of `path` (relative to the top level) at `commit`; None when it did not exist
    there."""
    proc_out = run_git(
        cwd, ["cat-file", "--batch"], input_bytes=batch_request([f"{commit}:{path}"])
    )
    return read_batch(proc_out)[0]


def checkout_copy(cwd: Path, commit: str, dest: Path) -> Path:
    """A work tree of the repository at `commit` in the empty folder `dest`, and its top level:
    a clone sharing the objects of the repository at `cwd` (nothing is written there), with
    the full history up to `commit`, so sign-offs are verified as they were then."""
    top = toplevel(cwd)
    run_git(dest.parent, ["clone", "--quiet", "--shared", "--no-checkout", str(top), str(dest)])
    run_git(dest, ["checkout", "--quiet", "--detach", commit])
    return dest.resolve()
