"""Provenance: which record, at which revision, with which tools, a generated document came from.

Every card states its provenance so a reader can tell exactly what they are looking at and
regenerate it. The parts:

- `record_path`: the record file, relative to the governance repository root.
- `content_hash`: `aigov.hashing.content_hash` of the record's data (sign-offs excluded, so
  signing does not change it; formatting and comments never do).
- `revision` / `revision_date`: the git commit the repository was at (HEAD) and its commit date,
  when the repository is a git checkout; `record_revision` / `record_revision_date`: the last
  commit that changed the record file; `dirty`: the record file has uncommitted changes.
- `schema_version`, `aigov_version`.
- `generated_at`: an ISO 8601 UTC timestamp. It is injectable; by default it is
  `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), else the commit date of
  HEAD when the record file is committed and unchanged, else the time the record file was
  last saved. So the same input always yields byte-identical cards, and `aigov card` and the
  site give a card the same time.

Git is asked through the `git` command with a short timeout; when git is missing, the folder is
not a repository, or anything goes wrong, the revision fields are simply absent. Nothing here
prints, raises for a missing git, or exits.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from aigov import SCHEMA_VERSION, __version__
from aigov.git import GitError, run_git

GIT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Provenance:
    record_path: str
    content_hash: str
    schema_version: int
    aigov_version: str
    generated_at: str
    revision: str | None = None
    revision_date: str | None = None
    record_revision: str | None = None
    record_revision_date: str | None = None
    dirty: bool | None = None

    @property
    def short_revision(self) -> str | None:
        return self.revision[:12] if self.revision else None

    @property
    def short_record_revision(self) -> str | None:
        return self.record_revision[:12] if self.record_revision else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class GitInfo:
    """What git knows about a repository, asked once and reused for many records.

    `head` and `head_date` describe HEAD; `last_commit(path)` is the last commit that touched a
    file and `is_dirty(path)` whether the file differs from HEAD. The per-file answers come from
    one `git log` and one `git status` over the whole repository, so a site build with
    thousands of records runs three git processes, not thousands.
    """

    root: Path
    toplevel: Path | None = None
    head: str | None = None
    head_date: str | None = None
    _last: dict[str, tuple[str, str]] | None = field(default=None, repr=False)
    _dirty: set[str] | None = field(default=None, repr=False)

    @classmethod
    def discover(cls, root: Path) -> GitInfo:
        info = cls(root.resolve())
        out = _git(info.root, "rev-parse", "--show-toplevel")
        if out is None:
            return info
        info.toplevel = Path(out.strip()).resolve()
        head = _git(info.root, "log", "-1", "--format=%H%x00%cI")
        if head and "\x00" in head:
            sha, date = head.strip().split("\x00", 1)
            info.head, info.head_date = sha, date
        return info

    @property
    def available(self) -> bool:
        return self.toplevel is not None and self.head is not None

    def _relative(self, path: Path) -> str | None:
        if self.toplevel is None:
            return None
        try:
            return path.resolve().relative_to(self.toplevel).as_posix()
        except ValueError:
            return None

    def last_commit(self, path: Path) -> tuple[str, str] | None:
        rel = self._relative(path)
        if rel is None or not self.available:
            return None
        if self._last is None:
            self._last = {}
            assert self.toplevel is not None
            out = _git(
                self.toplevel,
                "-c",
                "core.quotePath=false",
                "log",
                "--format=%x01%H%x00%cI",
                "--name-only",
                "HEAD",
            )
            current: tuple[str, str] | None = None
            for line in (out or "").splitlines():
                if line.startswith("\x01"):
                    sha, _, date = line[1:].partition("\x00")
                    current = (sha, date)
                elif line and current is not None:
                    self._last.setdefault(line, current)
        return self._last.get(rel)

    def is_dirty(self, path: Path) -> bool | None:
        rel = self._relative(path)
        if rel is None or not self.available:
            return None
        if self._dirty is None:
            assert self.toplevel is not None
            out = _git(self.toplevel, "status", "--porcelain=v1", "-z", "--untracked-files=all")
            self._dirty = set()
            entries = (out or "").split("\x00")
            i = 0
            while i < len(entries):
                entry = entries[i]
                if len(entry) > 3:
                    self._dirty.add(entry[3:])
                    if entry[0] in "RC":  # a rename carries the old name as the next entry
                        i += 1
                i += 1
        return rel in self._dirty


def _git(cwd: Path, *args: str) -> str | None:
    """git's output, or None when git or the repository is not there (provenance is optional)."""
    try:
        return run_git(cwd, list(args), timeout=GIT_TIMEOUT).decode("utf-8", errors="replace")
    except GitError:
        return None


def iso_utc(moment: dt.datetime) -> str:
    """`2026-05-01T09:30:00Z`: seconds precision, always UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_moment(text: str) -> dt.datetime:
    """An ISO 8601 date or date-time (a bare date means midnight UTC). Raises ValueError."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def source_date_epoch() -> dt.datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None


def build_moment(explicit: dt.datetime | str | None = None) -> dt.datetime:
    """When a build happens, as every page of it states: `explicit` when given (tests and
    reproducible builds inject it), else `SOURCE_DATE_EPOCH`, else now (UTC, whole seconds).
    Unlike a card's `generated_at`, never the commit time: a page built today from last
    month's revision says both."""
    if isinstance(explicit, str):
        return parse_moment(explicit)
    moment = explicit or source_date_epoch() or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def provenance_for(
    record_path: str,
    source: Path,
    content_hash: str,
    *,
    root: Path,
    generated_at: dt.datetime | str | None = None,
    git: GitInfo | None = None,
) -> Provenance:
    """Provenance of a document generated from the record at `source`.

    `record_path` is shown as given when `source` lies outside `root`; otherwise the path
    relative to `root` is used, so the result does not depend on the current directory.
    Pass a shared `git` (GitInfo.discover(root)) when generating many documents.
    """
    try:
        shown = source.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = record_path
    info = git if git is not None else GitInfo.discover(root)
    last = info.last_commit(source)
    dirty = info.is_dirty(source)
    if isinstance(generated_at, str):
        moment: dt.datetime | None = parse_moment(generated_at)
    else:
        moment = generated_at
    if moment is None:
        moment = source_date_epoch()
    if moment is None and info.head_date and dirty is False:
        moment = parse_moment(info.head_date)  # committed: the commit's time
    if moment is None:  # uncommitted or no git: when the record was last saved
        moment = _saved_at(source)
    return Provenance(
        record_path=shown,
        content_hash=content_hash,
        schema_version=SCHEMA_VERSION,
        aigov_version=__version__,
        generated_at=iso_utc(moment),
        revision=info.head,
        revision_date=_utc_or_none(info.head_date),
        record_revision=last[0] if last else None,
        record_revision_date=_utc_or_none(last[1]) if last else None,
        dirty=dirty,
    )


def _saved_at(source: Path) -> dt.datetime:
    """The record file's modification time (whole seconds, UTC): the same for unchanged
    input, so a rebuild writes the same bytes; now when the file cannot be read."""
    try:
        return dt.datetime.fromtimestamp(int(source.stat().st_mtime), tz=dt.UTC)
    except OSError:
        return dt.datetime.now(dt.UTC)


def _utc_or_none(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return iso_utc(parse_moment(text))
    except ValueError:
        return text
