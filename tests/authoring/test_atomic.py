"""Atomic writes: temp file in the same folder, fsync, os.replace; failures leave the original."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from aigov.authoring import atomic
from aigov.authoring.atomic import TargetExists, write_atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    write_atomic(target, "one\n")
    assert target.read_text() == "one\n"
    write_atomic(target, "two ü\n")
    assert target.read_text("utf-8") == "two ü\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    target.write_text("x")
    os.chmod(target, 0o640)
    write_atomic(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    write_atomic(target, "x", overwrite=False)
    mode = stat.S_IMODE(target.stat().st_mode)
    assert (
        mode & 0o044 == 0o044 or os.umask(0o022) & 0o044
    )  # readable by others unless umask says no


def test_refuses_to_overwrite_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    target.write_text("precious")
    with pytest.raises(TargetExists):
        write_atomic(target, "new", overwrite=False)
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


@pytest.mark.parametrize("broken", ["fsync", "replace"])
def test_a_failing_write_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    target = tmp_path / "r.yaml"
    target.write_text("original\n")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, broken, fail)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "half-written replacement\n" * 1000)
    assert target.read_text() == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]  # the temp file is gone


def test_an_interrupted_write_leaves_the_original_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.yaml"
    target.write_text("original\n")
    real_fdopen = os.fdopen

    class Interrupting:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Interrupting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def fileno(self) -> int:
            return self.handle.fileno()  # type: ignore[attr-defined,no-any-return]

        def close(self) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> None:
            self.handle.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: Interrupting(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "replacement\n")
    assert target.read_text() == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file locks")
def test_the_next_write_removes_leftovers_no_writer_holds(tmp_path: Path) -> None:
    """A writer locks its temporary file until it is renamed; one nobody holds was left by a
    writer that was killed, and goes; one a writer holds stays."""
    import fcntl

    target = tmp_path / "r.yaml"
    target.write_text("original\n")
    left = tmp_path / ".r.yaml.aigov-999999-abc.tmp"
    left.write_text("half a rec")
    busy = tmp_path / ".r.yaml.aigov-1-busy.tmp"
    busy.write_text("being written")
    other = tmp_path / ".s.yaml.aigov-999999-abc.tmp"  # another file's: not ours to judge
    other.write_text("x")
    with open(busy, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        write_atomic(target, "new\n")
        assert target.read_text() == "new\n"
        assert not left.exists() and busy.exists() and other.exists()
