"""A small, read-only window on git: a file's history and its content at a revision.

Everything goes through the `git` command (no library), with a clean environment, no pager and
no prompts. Nothing here writes to the repository except `Repo.commit` (for
`aigov approve --sign`). When git or the repository is missing the
functions say so with `GitError` (or return None where "not available" is a normal answer).
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aigov.git import CatFile, GitError, batch_request, read_batch, run_git

__all__ = ["Commit", "GitError", "Repo", "Signature", "find_repo", "open_repo"]

_FIELD = "\x1f"
_RECORD = "\x1e"
# one commit per record: sha, short sha, author, email, date, subject, then --name-status
# fields; NUL-separated (-z), so a file name may hold newlines, tabs or escapes
_LOG = (
    "log",
    "-z",
    "--no-color",
    "--no-ext-diff",
    "-M",
    f"--format={_RECORD}%H{_FIELD}%h{_FIELD}%an{_FIELD}%ae{_FIELD}%aI{_FIELD}%s",
    "--name-status",
)

# the same log with each change's blob ids (`--raw`) and only the full sha of each commit:
# `--no-abbrev` would lengthen %h too, so the other fields come from `_HEADERS`
_RAW_LOG = (
    "log",
    "-z",
    "--no-color",
    "--no-ext-diff",
    "-M",
    "--raw",
    "--no-abbrev",
    f"--format={_RECORD}%H",
)
# every commit of HEAD's history (no diff, so cheap): sha, short sha, author, email, date, subject
_HEADERS = (
    "log",
    "-z",
    "--no-color",
    f"--format=%H{_FIELD}%h{_FIELD}%an{_FIELD}%ae{_FIELD}%aI{_FIELD}%s",
)
_NO_BLOB = "0" * 40

Change = tuple[str, list[str]]  # a --name-status entry: status letters, its path(s)
RawChange = tuple[str, list[str], str, str]  # status letters, path(s), old and new blob id


def _raw_entries(out: str) -> Iterator[tuple[str, list[RawChange]]]:
    """(sha, the --raw entries) of each commit in `git log -z --raw` output: the sha ends in
    NUL, then `:mode mode old new status` and path(s), each NUL-terminated."""
    for chunk in out.split(_RECORD)[1:]:
        head, _, rest = chunk.partition("\0")
        rest = rest[1:] if rest.startswith("\n") else rest
        tokens = rest.split("\0")
        changes: list[RawChange] = []
        i = 0
        while i < len(tokens):
            meta = tokens[i].split(" ")
            if not tokens[i].startswith(":") or tokens[i].startswith("::") or len(meta) != 5:
                i += 1  # not an entry of a single-parent diff: skip it
                continue
            status = meta[4]
            count = 2 if status[:1] in ("R", "C") else 1
            changes.append((status, tokens[i + 1 : i + 1 + count], meta[2], meta[3]))
            i += 1 + count
        yield head.strip(), changes


def _log_entries(out: str) -> Iterator[tuple[list[str], list[Change]]]:
    """(the six header fields, the --name-status entries) of each commit in `git log -z`
    output: the header ends in NUL, then status and path(s), each NUL-terminated (a rename or
    copy has two paths, old then new)."""
    for chunk in out.split(_RECORD)[1:]:
        head, _, rest = chunk.partition("\0")
        parts = head.split(_FIELD)
        if len(parts) < 6:
            continue
        rest = rest[1:] if rest.startswith("\n") else rest
        tokens = rest.split("\0")
        changes: list[Change] = []
        i = 0
        while i < len(tokens):
            status = tokens[i]
            if not status:
                i += 1
                continue
            count = 2 if status[0] in "RC" else 1
            changes.append((status, tokens[i + 1 : i + 1 + count]))
            i += 1 + count
        yield parts[:6], changes


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


@dataclass(frozen=True)
class Signature:
    """A commit's signature as git reports it: status letter (%G?: G good, B bad, U good but
    of unknown validity, N none ...), signer (%GS) and key (%GK, `SHA256:...` for SSH)."""

    status: str
    signer: str
    key: str


@dataclass
class Repo:
    """A git work tree containing the governance files."""

    top: Path
    _cache: dict[tuple[str, str], bytes | None] = field(default_factory=dict, repr=False)
    parsed: dict[bytes, Any] = field(default_factory=dict, repr=False)  # file bytes → loaded data
    verdicts: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)  # sign-offs
    _shallow: frozenset[str] | None = field(default=None, repr=False)
    # one log per (HEAD, top folder) for every record file in it, and signatures by commit:
    # checking a thousand records asks git a few times, not a few times per record
    _folder_logs: dict[tuple[str, str], dict[str, list[Commit]]] = field(
        default_factory=dict, repr=False
    )
    _signatures: dict[tuple[str, str], Signature | None] = field(default_factory=dict, repr=False)
    _folder_commits: dict[tuple[str, str], list[str]] = field(default_factory=dict, repr=False)
    _folders_signed: set[tuple[str, str, str]] = field(default_factory=set, repr=False)
    _head: tuple[tuple[Any, ...], str | None] | None = field(default=None, repr=False)
    _catfile: CatFile | None = field(default=None, repr=False)
    # (revision, path) → blob id ("" when the file is not there), from `log_many`
    _blobs: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

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

    def current_head(self) -> str | None:
        """`head()`, asked of git again only when `.git/HEAD` or the branch it names moved."""
        stamp = self._head_stamp()
        if stamp is not None and self._head is not None and self._head[0] == stamp:
            return self._head[1]
        head = self.head()
        self._head = (stamp, head) if stamp is not None else None
        return head

    def _head_stamp(self) -> tuple[Any, ...] | None:
        git = self.top / ".git"
        try:
            text = (git / "HEAD").read_text("utf-8", errors="replace").strip()
            stamp: list[Any] = [text, (git / "HEAD").stat().st_mtime_ns]
            if text.startswith("ref: "):
                for ref in (git / text[5:], git / "packed-refs"):
                    stamp.append(ref.stat().st_mtime_ns if ref.exists() else None)
        except OSError:  # not a plain .git folder (a worktree, a submodule): always ask git
            return None
        return tuple(stamp)

    def file_log(self, relpath: str, head: str) -> list[Commit]:
        """The commits that touched a record file, newest first, from one log of its top
        folder (for example `systems/`) shared by every file in it, following renames there."""
        top = relpath.split("/", 1)[0] if "/" in relpath else "."
        key = (head, top)
        logs = self._folder_logs.get(key)
        if logs is None or relpath not in logs:
            wanted = {*self._files_under(top), relpath}
            logs = self.log_many(sorted(wanted), folders=[top], full_history=True)
            self._folder_logs[key] = logs
            self._folder_commits.pop(key, None)
        return logs[relpath]

    def folder_commits(self, relpath: str, head: str) -> list[str]:
        """Every commit of the shared log `file_log(relpath, head)` came from (listed once per
        log: a thousand records share it)."""
        top = relpath.split("/", 1)[0] if "/" in relpath else "."
        key = (head, top)
        found = self._folder_commits.get(key)
        if found is None:
            logs = self._folder_logs.get(key, {})
            found = list(dict.fromkeys(c.sha for commits in logs.values() for c in commits))
            if key in self._folder_logs:
                self._folder_commits[key] = found
        return found

    def folder_signatures(self, relpath: str, head: str, allowed_signers: Path) -> None:
        """Verify the signature of every commit of the shared log in one git call, once per
        log and allowed signers file (later `signatures` calls for them are then answered
        from memory)."""
        top = relpath.split("/", 1)[0] if "/" in relpath else "."
        key = (head, top, self._signers_key(allowed_signers))
        if key not in self._folders_signed:
            self.signatures(self.folder_commits(relpath, head), allowed_signers)
            self._folders_signed.add(key)

    def _files_under(self, top: str) -> list[str]:
        folder = self.top / top
        if top == "." or not folder.is_dir():
            return []
        return [
            p.relative_to(self.top).as_posix()
            for p in folder.rglob("*")
            if p.suffix in (".yaml", ".yml") and p.is_file()
        ]

    def show(self, rev: str, relpath: str) -> bytes | None:
        """The file's bytes at `rev`, or None when the file does not exist there."""
        return self.show_many([(rev, relpath)])[0]

    def show_many(self, wanted: list[tuple[str, str]]) -> list[bytes | None]:
        """Several files at several revisions in one `git cat-file --batch` call."""
        todo = [w for w in dict.fromkeys(wanted) if w not in self._cache]
        if todo:
            names = [self._object_name(rev, path) for rev, path in todo]
            asked = [n for n in names if n is not None]
            blobs = iter(self._cat(asked))
            self._cache.update(
                (w, next(blobs) if n is not None else None)
                for w, n in zip(todo, names, strict=True)
            )
        return [self._cache[w] for w in wanted]

    def forget(self, wanted: list[tuple[str, str]]) -> None:
        """Drop these versions from memory (they are asked of git again when needed)."""
        for w in wanted:
            self._cache.pop(w, None)

    def _cat(self, names: list[str]) -> list[bytes | None]:
        """The objects' bytes, through the long-lived `cat-file` (one process per run, not one
        per record); a one-off `cat-file` when that stopped."""
        if not names:
            return []
        if self._catfile is None:
            self._catfile = CatFile(self.top)
            _OPEN.append(self._catfile)
        try:
            return self._catfile.ask(names)
        except GitError:
            return read_batch(self.run("cat-file", "--batch", input_bytes=batch_request(names)))

    def _object_name(self, rev: str, relpath: str) -> str | None:
        """How to ask `cat-file --batch` for the file at `rev`: `rev:path`, or, for a name with a
        line break (which would end the request and come back in the reply), its blob id from
        `ls-tree -z`; None when it does not exist there."""
        known = self._blobs.get((rev, relpath))
        if known is not None:  # from the log: the blob itself, or "" (not there)
            return known or None
        if "\n" not in relpath and "\r" not in relpath and not rev.startswith("-"):
            return f"{rev}:{relpath}"
        out = self.run(
            "ls-tree", "-z", "--full-tree", "--end-of-options", rev, "--", relpath, check=False
        )
        for entry in out.split(b"\0"):
            meta, _, name = entry.partition(b"\t")
            fields = meta.split()
            if name.decode("utf-8", "surrogateescape") == relpath and len(fields) == 3:
                return fields[2].decode() if fields[1] == b"blob" else None
        return None

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
        for (sha, short, author, email, date, subject), changes in _log_entries(out):
            status, path = "M", relpath
            for letters, paths in changes:
                if paths:
                    status, path = letters[0], paths[-1]
                    break
            commits.append(Commit(sha, short, author, email, date, subject, path, status))
        return commits

    def log_many(
        self, relpaths: list[str], folders: list[str] | None = None, *, full_history: bool = False
    ) -> dict[str, list[Commit]]:
        """`log` for many files at once (one git process): commits per file, newest first,
        following renames inside `folders` (default: the folders the files are in).
        `full_history`: also the commits on a merged side whose result the merge did not keep
        (git's default simplification hides them; `log --follow` shows them)."""
        wanted = set(relpaths)
        if folders is None:
            folders = sorted({p.rsplit("/", 1)[0] if "/" in p else "." for p in wanted})
        extra = ["--full-history"] if full_history else []
        out = self.run(*_RAW_LOG, *extra, "--", *folders).decode("utf-8", errors="replace")
        headers = self._headers()
        logs: dict[str, list[Commit]] = {p: [] for p in wanted}
        name_then = {p: p for p in wanted}  # the name each file had at this point in history
        owner = {p: p for p in wanted}  # name at this point → the file's current name
        for sha, changes in _raw_entries(out):
            fields = headers.get(sha)
            if fields is None:  # pragma: no cover - every logged commit is in HEAD's history
                raise GitError(f"commit {sha} is not in the history of HEAD")
            for letters, paths, old, new in changes:
                if not paths:
                    continue
                status, path = letters[0], paths[-1]
                current = owner.get(path)
                if current is None or name_then.get(current) != path:
                    continue
                logs[current].append(Commit(sha, *fields, path=path, status=status))
                # the versions this commit and its first parent hold, by blob id
                self._blobs[(sha, path)] = "" if new == _NO_BLOB else new
                self._blobs[(f"{sha}^", paths[0])] = "" if old == _NO_BLOB else old
                if status == "R" and len(paths) >= 2:
                    del owner[path]
                    owner[paths[0]] = current
                    name_then[current] = paths[0]
                elif status == "A":
                    del owner[path]  # an older file of the same name is another file
                    name_then[current] = ""
        return logs

    def _headers(self) -> dict[str, tuple[str, str, str, str, str]]:
        """short sha, author, email, date and subject of every commit of HEAD's history."""
        out = self.run(*_HEADERS, "HEAD", "--").decode("utf-8", errors="replace")
        found = {}
        for entry in out.split("\0"):
            parts = entry.lstrip("\n").split(_FIELD)
            if len(parts) >= 6:
                found[parts[0]] = (parts[1], parts[2], parts[3], parts[4], parts[5])
        return found

    def shallow_commits(self) -> frozenset[str]:
        """The commits whose parents this clone lacks (empty unless the clone is shallow)."""
        if self._shallow is None:
            out = self.run("rev-parse", "--git-path", "shallow").decode().strip()
            path = Path(out) if Path(out).is_absolute() else self.top / out
            try:
                self._shallow = frozenset(path.read_text("ascii").split())
            except OSError:
                self._shallow = frozenset()
        return self._shallow

    def signatures(self, shas: list[str], allowed_signers: Path) -> dict[str, Signature]:
        """The signature of each commit, verified by git (`gpg.ssh.allowedSignersFile` set to
        `allowed_signers` for this call only; GPG uses the user's keyring). Asked once per
        commit: a commit's signature does not change, and the file is read when it changes."""
        file_key = self._signers_key(allowed_signers)
        todo = [s for s in dict.fromkeys(shas) if (file_key, s) not in self._signatures]
        if todo:
            found = self._verify_signatures(todo, allowed_signers)
            self._signatures.update(((file_key, s), found.get(s)) for s in todo)
        return {s: sig for s in shas if (sig := self._signatures.get((file_key, s))) is not None}

    @staticmethod
    def _signers_key(allowed_signers: Path) -> str:
        """The allowed signers file as it is now: its name and modification time."""
        stamp = allowed_signers.stat().st_mtime_ns if allowed_signers.exists() else None
        return f"{allowed_signers}\0{stamp}"

    def _verify_signatures(self, shas: list[str], allowed_signers: Path) -> dict[str, Signature]:
        out = self.run(
            "-c",
            f"gpg.ssh.allowedSignersFile={allowed_signers}",
            "log",
            "--no-walk=unsorted",
            f"--format={_RECORD}%H{_FIELD}%G?{_FIELD}%GS{_FIELD}%GK",
            *shas,
            "--",
            check=False,
        ).decode("utf-8", errors="replace")
        found = {}
        for chunk in out.split(_RECORD)[1:]:
            parts = chunk.strip("\n").split(_FIELD)
            if len(parts) == 4:
                found[parts[0]] = Signature(parts[1], parts[2], parts[3])
        return found

    def commit(self, relpath: str, message: str, *, sign: bool) -> str:
        """Commit the file as it is in the work tree (only it), signed with the user's key when
        `sign` (`git commit -S`: user.signingkey, gpg.format); the new commit's sha."""
        self.run("add", "--", relpath)
        self.run("commit", *(["-S"] if sign else []), "-q", "-m", message, "--", relpath)
        return self.resolve("HEAD")

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


_FOUND: dict[Path, Repo] = {}  # folder → its repository (found ones only: they stay valid)
_OPEN: list[CatFile] = []  # closed when the process ends


@atexit.register
def _close_all() -> None:
    for reader in _OPEN:
        with contextlib.suppress(Exception):
            reader.close()


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
