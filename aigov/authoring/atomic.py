"""Atomic file writes, shared by every command that writes records or repository files.

A write goes to a temporary file in the same folder, is flushed and fsync'd, and only then
takes the target's name with `os.replace` (or, when the target must not exist yet, with a hard
link that fails if the name is taken). A crash, a full disk or an interrupted process leaves
either the old file or the new one, never half of each; the temporary file is removed on
failure. A process killed outright (SIGKILL, power loss) cannot remove it: the temporary file
is hidden, named after the target, and locked by its writer until renamed; the next write of
the same file removes those no writer holds. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

try:  # POSIX; on Windows leftovers are left alone
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


class TargetExists(FileExistsError):
    """Raised by `write_atomic(..., overwrite=False)` when the target already exists."""


def write_atomic(
    path: Path, content: str | bytes, *, overwrite: bool = True, encoding: str = "utf-8"
) -> None:
    """Write `content` to `path` atomically.

    overwrite=False refuses to replace an existing file (raises TargetExists), and does so
    without a window in which another process could create the file in between.
    A symbolic link is followed: the file it points to is replaced, the link stays.
    """
    data = content.encode(encoding) if isinstance(content, str) else content
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    if not overwrite and (target.exists() or target.is_symlink()):
        raise TargetExists(errno.EEXIST, "file exists", str(path))
    _clear_leftovers(folder, target.name)
    fd, tmp_name = tempfile.mkstemp(
        dir=folder, prefix=f".{target.name}.aigov-{os.getpid()}-", suffix=".tmp"
    )
    tmp = Path(tmp_name)
    handle = os.fdopen(fd, "wb")
    try:
        _lock(handle.fileno())  # held until the file has its name: "a writer is at work"
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        if overwrite:
            _copy_mode(target, tmp)
            os.replace(tmp, target)
        else:
            _default_mode(tmp)
            _link_new(tmp, target, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        handle.close()
    _fsync_dir(folder)


def _lock(fd: int) -> None:
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _clear_leftovers(folder: Path, name: str) -> None:
    """Remove `.NAME.aigov-*.tmp` files no writer holds: a writer locks its temporary file
    until it is renamed, so one that can be locked was left by a writer that was killed.
    Where files cannot be locked (Windows), leftovers stay."""
    if fcntl is None:
        return
    prefix = f".{name}.aigov-"
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        if not entry.name.endswith(".tmp") or not entry.is_file(follow_symlinks=False):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a writer holds it
        finally:
            os.close(fd)  # (closing also drops our lock)
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def _link_new(tmp: Path, target: Path, shown: Path) -> None:
    """Give `tmp` the name `target`, failing if that name exists (no overwrite race)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise TargetExists(errno.EEXIST, "file exists", str(shown)) from None
    except OSError:
        # No hard links on this file system: claim the name exclusively, then replace.
        try:
            claim = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            raise TargetExists(errno.EEXIST, "file exists", str(shown)) from None
        os.close(claim)
        os.replace(tmp, target)
        return
    tmp.unlink()


def _copy_mode(target: Path, tmp: Path) -> None:
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        _default_mode(tmp)
        return
    os.chmod(tmp, mode)


def _default_mode(tmp: Path) -> None:
    """mkstemp creates 0600; a new record should get the usual permissions (umask applies)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
