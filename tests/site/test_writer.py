"""Incremental output: unchanged pages keep bytes and modification times."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aigov.site.writer import TreeWriter, UnsafePath, write_tree


def test_only_changed_files_are_rewritten_and_stale_ones_removed(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    first = write_tree(out, {"a.md": b"A", "sub/b.md": b"B", "old/c.md": b"C"})
    assert sorted(first.written) == ["a.md", "old/c.md", "sub/b.md"]
    past = 1_000_000_000
    for path in out.rglob("*.md"):
        os.utime(path, (past, past))
    second = write_tree(out, {"a.md": b"A", "sub/b.md": b"B2"})
    assert second.written == ["sub/b.md"]
    assert second.unchanged == 1
    assert second.removed == ["old/c.md"]
    assert (out / "a.md").stat().st_mtime == past  # untouched
    assert (out / "sub/b.md").read_bytes() == b"B2"
    assert not (out / "old").exists()  # empty folders go too


def test_kept_prefixes_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    (out / "user").mkdir(parents=True)
    (out / "user" / "mine.md").write_text("mine")
    write_tree(out, {"a.md": b"A"}, keep=("user/",))
    assert (out / "user" / "mine.md").read_text() == "mine"


@pytest.mark.parametrize("bad", ["../escape.md", "/etc/passwd", "a/../../b.md", "a\\b.md", ""])
def test_paths_outside_the_folder_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(UnsafePath):
        write_tree(tmp_path / "docs", {bad: b"x"})
    assert not (tmp_path / "escape.md").exists()


def test_a_symlink_in_the_folder_is_removed_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("precious")
    out = tmp_path / "docs"
    out.mkdir()
    (out / "link").symlink_to(outside, target_is_directory=True)
    stats = write_tree(out, {"a.md": b"A"})
    assert "link" in stats.removed
    assert (outside / "keep.txt").read_text() == "precious"


def test_written_files_are_readable_by_others(tmp_path: Path) -> None:
    write_tree(tmp_path / "docs", {"a.md": b"A"})
    mode = (tmp_path / "docs" / "a.md").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044 or os.umask(0o022) & 0o044  # world/group readable under 022


def test_the_streaming_writer_writes_each_file_at_once_and_removes_the_rest_at_the_end(
    tmp_path: Path,
) -> None:
    out = tmp_path / "docs"
    write_tree(out, {"a.md": b"A", "gone.md": b"G"})
    writer = TreeWriter(out)
    writer.put("b/new.md", b"N")
    assert (out / "b" / "new.md").read_bytes() == b"N"  # on disk before the build ends
    assert (out / "gone.md").exists()  # nothing is removed until finish()
    writer.put("a.md", b"A")
    stats = writer.finish()
    assert stats.written == ["b/new.md"] and stats.unchanged == 1
    assert stats.removed == ["gone.md"] and not (out / "gone.md").exists()
