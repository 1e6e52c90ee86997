"""A small, read-only window on git: a file's history and its content at a revision.

Everything goes through the `git` command (no library), with a clean environment, no pager and
no prompts. Nothing here writes to the repository. When git or the repository is missing the
functions say so with `GitError` (or return None where "not available" is a normal answer).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aigov.git import GitError, run_git

__all__ = ["Commit", "GitError", "Repo", "find_repo", "open_repo"]

_FIELD = "\x1f"
_RECORD = "\x1e"
# one commit per record: sha, short sha, author, email, date, subject, then --name-status lines
_LOG = (
    "log",
    "--no-color",
    "--no-ext-diff",
    "-M",
    f"--format={_RECORD}%H{_FIELD}%h{_FIELD}%an{_FIELD}%ae{_FIELD}%aI{_FIELD}%s",
    "--name-status",
)


def _log_entries(out: str) -> Iterator[tuple[list[str], str]]:
    """(the six header fields, the --name-status lines) of each commit in `git log` output."""
    for chunk in out.split(_RECORD)[1:]:
        head, _, rest = chunk.partition("\n")
        parts = head.split(_FIELD)
        if len(parts) >= 6:
            yield parts[:6], rest


@dataclass(frozen=True)
class Commit:
    sha: str
    short: str
    author: str
    email: str
    date: str  # ISO 8601 with offset, author date
    subject: str
    path: str  # the file's path (relative to the repository) in this commit
    status: str = "M"  # A added, M modified, R renamed, D deleted

    @property
    def day(self) -> str:
        return self.date[:10]


@dataclass
class Repo:
    """A git work tree containing the governance files."""

    top: Path
    _cache: dict[tuple[str, str], bytes | None] = field(default_factory=dict, repr=False)
    parsed: dict[bytes, Any] = field(default_factory=dict, repr=False)  # file bytes → loaded data

    def run(self, *args: str, check: bool = True, input_bytes: bytes | None = None) -> bytes:
        return run_git(self.top, list(args), check=check, input_bytes=input_bytes)

    def rel(self, path: Path) -> str:
        """`path` relative to the top of the work tree, with forward slashes."""
        try:
            return path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            try:
                return path.absolute().relative_to(self.top).as_posix()
            except ValueError:
                raise GitError(f"{path} is outside the git repository at {self.top}") from None

    def resolve(self, rev: str) -> str:
        """A revision (HEAD, a tag, a branch, a short sha, HEAD~2) → full commit sha."""
        if not rev or rev.startswith("-") or any(c in rev for c in "\n\r\x00"):
            raise GitError(f"'{rev}' is not a revision")
        out = self.run(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False
        )
        sha = out.decode().strip()
        if not sha:
            raise GitError(f"'{rev}' is not a commit in this repository")
        return sha

    def head(self) -> str | None:
        try:
            return self.resolve("HEAD")
        except GitError:
            return None  # a repository without commits

    def show(self, rev: str, relpath: str) -> bytes | None:
        """The file's bytes at `rev`, or None when the file does not exist there."""
        key = (rev, relpath)
        if key not in self._cache:
            out = self.run("cat-file", "--batch", input_bytes=f"{rev}:{relpath}\n".encode())
            self._cache[key] = _parse_batch(out)[0]
        return self._cache[key]

    def show_many(self, wanted: list[tuple[str, str]]) -> list[bytes | None]:
        """Several files at several revisions in one `git cat-file --batch` call."""
        todo = [w for w in dict.fromkeys(wanted) if w not in self._cache]
        if todo:
            request = "".join(f"{rev}:{path}\n" for rev, path in todo).encode()
            blobs = _parse_batch(self.run("cat-file", "--batch", input_bytes=request))
            self._cache.update(zip(todo, blobs, strict=True))
        return [self._cache[w] for w in wanted]

    def log(
        self,
        relpath: str,
        *,
        follow: bool = True,
        limit: int | None = None,
        start: str | None = None,
    ) -> list[Commit]:
        """Commits that touched the file, newest first (from HEAD, or from `start`), following
        renames."""
        args = list(_LOG)
        if follow:
            args.append("--follow")
        if limit:
            args.append(f"-n{limit}")
        if start:
            args += ["--end-of-options", start]
        args += ["--", relpath]
        out = self.run(*args).decode("utf-8", errors="replace")
        commits = []
        for (sha, short, author, email, date, subject), rest in _log_entries(out):
            status, path = "M", relpath
            for line in rest.splitlines():
                cols = line.split("\t")
                if len(cols) >= 2 and cols[0]:
                    status = cols[0][0]
                    path = cols[-1]
                    break
            commits.append(Commit(sha, short, author, email, date, subject, path, status))
        return commits

    def log_many(self, relpaths: list[str]) -> dict[str, list[Commit]]:
        """`log` for many files at once (one git process): commits per file, newest first,
        following renames inside the folders the files are in."""
        wanted = set(relpaths)
        folders = sorted({p.rsplit("/", 1)[0] if "/" in p else "." for p in wanted})
        out = self.run(*_LOG, "--", *folders).decode("utf-8", errors="replace")
        logs: dict[str, list[Commit]] = {p: [] for p in wanted}
        name_then = {p: p for p in wanted}  # the name each file had at this point in history
        owner = {p: p for p in wanted}  # name at this point → the file's current name
        for (sha, short, author, email, date, subject), rest in _log_entries(out):
            for line in rest.splitlines():
                cols = line.split("\t")
                if len(cols) < 2 or not cols[0]:
                    continue
                status, path = cols[0][0], cols[-1]
                current = owner.get(path)
                if current is None or name_then.get(current) != path:
                    continue
                logs[current].append(Commit(sha, short, author, email, date, subject, path, status))
                if status == "R" and len(cols) >= 3:
                    del owner[path]
                    owner[cols[1]] = current
                    name_then[current] = cols[1]
                elif status == "A":
                    del owner[path]  # an older file of the same name is another file
                    name_then[current] = ""
        return logs

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Is commit `older` reachable from `newer` (or the same commit)?"""
        try:
            self.run("merge-base", "--is-ancestor", older, newer)
        except GitError:
            return False
        return True

    def is_modified(self, relpath: str) -> bool:
        """Does the working copy of the file differ from HEAD (or is it not committed)?"""
        out = self.run("status", "--porcelain", "--untracked-files=all", "--", relpath)
        return bool(out.strip())


def _parse_batch(out: bytes) -> list[bytes | None]:
    blobs: list[bytes | None] = []
    pos = 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("utf-8", errors="replace")
        pos = end + 1
        if header.endswith(" missing") or header.endswith(" ambiguous"):
            blobs.append(None)
            continue
        parts = header.split(" ")
        if len(parts) != 3 or parts[1] != "blob":
            # a tree or commit where a file was expected: treat as absent
            size = int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else 0
            pos += size + 1
            blobs.append(None)
            continue
        size = int(parts[2])
        blobs.append(out[pos : pos + size])
        pos += size + 1
    return blobs


_FOUND: dict[Path, Repo] = {}  # folder → its repository (found ones only: they stay valid)


def find_repo(path: Path) -> Repo | None:
    """The git work tree containing `path`, or None (not a repository, or git is missing).
    Records of one folder share one Repo (and its cache of file versions)."""
    folder = (path if path.is_dir() else path.parent).resolve()
    if folder in _FOUND:
        return _FOUND[folder]
    try:
        out = run_git(folder, ["rev-parse", "--show-toplevel"], check=True)
    except GitError:
        return None
    text = out.decode().strip()
    if not text:
        return None
    top = Path(text).resolve()
    repo = next((r for r in _FOUND.values() if r.top == top), None) or Repo(top)
    _FOUND[folder] = repo
    return repo


def open_repo(path: Path) -> Repo:
    """Like find_repo, but says why when there is none."""
    if shutil.which("git") is None:
        raise GitError("git is not installed (or not on PATH)")
    repo = find_repo(path)
    if repo is None:
        raise GitError(f"{path} is not inside a git repository")
    return repo
