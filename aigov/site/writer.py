"""Write a set of generated files into a folder, touching only what changed.

A page whose bytes are unchanged keeps its file, bytes and modification time, so `mkdocs
serve` and any file watcher see only the pages that really changed. Files that are no longer
generated are removed; nothing outside the folder is ever written or deleted.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

_UMASK = os.umask(0o022)
os.umask(_UMASK)


@dataclass
class WriteStats:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


class UnsafePath(ValueError):
    """A generated file name that would land outside the output folder."""


def _check(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in rel:
        raise UnsafePath(f"refusing to write {rel!r}: not a plain relative path")
    return path


_MOMENT = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def _shown(moment: bytes) -> bytes:
    """`2026-12-03T18:20:05Z` as the build line prints it: `2026-12-03 18:20 UTC`."""
    return moment[:10] + b" " + moment[11:16] + b" UTC"


class TreeWriter:
    """Write files into `folder` one at a time as they are generated, then remove the files
    that were not written this time: memory holds one page, not the whole site.

    Paths under a prefix in `keep` are left alone even when they are not written.
    """

    def __init__(self, folder: Path, *, keep: tuple[str, ...] = ()) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.root = folder.resolve()
        self.keep = keep
        self.names: set[str] = set()
        self.stats = WriteStats()
        # this build's moment (ISO 8601 UTC), which every page states: a page that differs
        # from its file only in that moment keeps its file, and says when it was built
        self.moment = ""
        self._folders: set[Path] = set()  # folders this writer made sure of

    def put(self, rel: str, data: bytes) -> None:
        target = self.root.joinpath(*_check(rel).parts)
        self.names.add(rel)
        try:
            found = os.lstat(target).st_mode
        except FileNotFoundError:
            found = None  # a new file (every file of a first build): nothing to compare
        except OSError:
            found = 0
        if found is not None and stat.S_ISREG(found):
            try:
                old = target.read_bytes()
                if old == data or self._only_moment_differs(old, data):
                    self.stats.unchanged += 1
                    return
            except OSError:
                pass
        if found is None and target.parent in self._folders:
            _write_new(target, data)
        else:
            _atomic_write(target, data)
            self._folders.add(target.parent)
        self.stats.written.append(rel)

    def _only_moment_differs(self, old: bytes, data: bytes) -> bool:
        """`data` is `old` but for this build's moment where `old` has an earlier build's
        (as an ISO time and as the build line shows it, `2026-12-03 18:20 UTC`)."""
        if not self.moment:
            return False
        new = self.moment.encode("ascii")
        if new not in data:
            return False
        for earlier in set(_MOMENT.findall(old)) - {new}:
            swapped = data.replace(new, earlier).replace(_shown(new), _shown(earlier))
            if swapped == old:
                return True
        return False

    def finish(self) -> WriteStats:
        """Remove what was not written (and empty folders); the counts of the whole run."""
        stats, root, keep = self.stats, self.root, self.keep
        for dirpath, dirnames, filenames in os.walk(root, topdown=True):
            here = Path(dirpath)
            for name in filenames:
                rel = (here / name).relative_to(root).as_posix()
                if rel in self.names or rel.startswith(keep):
                    continue
                (here / name).unlink()
                stats.removed.append(rel)
            for name in list(dirnames):
                if (here / name).is_symlink():  # never follow a link out of the folder
                    dirnames.remove(name)
                    rel = (here / name).relative_to(root).as_posix()
                    if not rel.startswith(keep):
                        (here / name).unlink()
                        stats.removed.append(rel)
        _prune_empty(root)
        stats.written.sort()
        stats.removed.sort()
        return stats


def write_tree(folder: Path, files: dict[str, bytes], *, keep: tuple[str, ...] = ()) -> WriteStats:
    """Make `folder` hold exactly `files` (relative POSIX path → bytes)."""
    writer = TreeWriter(folder, keep=keep)
    for rel in sorted(files):
        writer.put(rel, files[rel])
    return writer.finish()


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or target.is_dir():
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    fd, tmp = tempfile.mkstemp(prefix=".aigov-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_new(target: Path, data: bytes) -> None:
    """`_atomic_write` for a file that did not exist, in a folder that does: written under a
    temporary name and renamed, with the mode `_atomic_write` gives, in fewer system calls."""
    tmp = target.with_name(f".aigov-{target.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    except FileExistsError:  # left by an interrupted build
        _atomic_write(target, data)
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _prune_empty(root: Path) -> None:
    for dirpath, _dirnames, _filenames in sorted(os.walk(root), key=lambda t: -len(t[0])):
        here = Path(dirpath)
        if here != root and not any(here.iterdir()):
            here.rmdir()
