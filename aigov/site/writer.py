"""Write a set of generated files into a folder, touching only what changed.

A page whose bytes are unchanged keeps its file, bytes and modification time, so `mkdocs
serve` and any file watcher see only the pages that really changed. Files that are no longer
generated are removed; nothing outside the folder is ever written or deleted.
"""

from __future__ import annotations

import os
import shutil
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


def write_tree(folder: Path, files: dict[str, bytes], *, keep: tuple[str, ...] = ()) -> WriteStats:
    """Make `folder` hold exactly `files` (relative POSIX path → bytes).

    Paths under a prefix in `keep` are left alone even when they are not in `files`.
    """
    stats = WriteStats()
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    for rel in sorted(files):
        target = root.joinpath(*_check(rel).parts)
        data = files[rel]
        try:
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                stats.unchanged += 1
                continue
        except OSError:
            pass
        _atomic_write(target, data)
        stats.written.append(rel)
    wanted = set(files)
    for dirpath, dirnames, filenames in os.walk(root, topdown=True):
        here = Path(dirpath)
        for name in filenames:
            rel = (here / name).relative_to(root).as_posix()
            if rel in wanted or rel.startswith(keep):
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
    stats.removed.sort()
    return stats


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


def _prune_empty(root: Path) -> None:
    for dirpath, _dirnames, _filenames in sorted(os.walk(root), key=lambda t: -len(t[0])):
        here = Path(dirpath)
        if here != root and not any(here.iterdir()):
            here.rmdir()
