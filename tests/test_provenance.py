"""Provenance: git revision and commit date when in a repository, reproducible generated-at."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from aigov import SCHEMA_VERSION, __version__
from aigov.provenance import GitInfo, iso_utc, parse_moment, provenance_for

COMMIT_DATE = "2026-05-04T10:20:30+02:00"


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE,
    }  # fmt: skip
    return subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "systems").mkdir()
    (tmp_path / "systems" / "a.yaml").write_text("schema_version: 1\nid: a\nname: A\n")
    (tmp_path / "systems" / "b c.yaml").write_text("schema_version: 1\nid: b\nname: B\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "records")
    return tmp_path


def test_a_committed_record_carries_the_revision_and_its_date(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    head = git(repo, "rev-parse", "HEAD")
    src = repo / "systems" / "a.yaml"
    prov = provenance_for("elsewhere/a.yaml", src, "sha256:x", root=repo)
    assert prov.record_path == "systems/a.yaml"  # relative to the root, not the cwd
    assert prov.revision == head and prov.short_revision == head[:12]
    assert prov.record_revision == head
    assert prov.revision_date == prov.record_revision_date == "2026-05-04T08:20:30Z"
    assert prov.dirty is False
    # reproducible: generated-at is the commit date, not the clock
    assert prov.generated_at == "2026-05-04T08:20:30Z"
    assert (prov.schema_version, prov.aigov_version) == (SCHEMA_VERSION, __version__)
    # file names with spaces come back from git unquoted
    assert GitInfo.discover(repo).last_commit(repo / "systems" / "b c.yaml") == (
        head, "2026-05-04T10:20:30+02:00",
    )  # fmt: skip


def test_uncommitted_changes_are_flagged_and_source_date_epoch_wins(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = repo / "systems" / "a.yaml"
    src.write_text(src.read_text() + "summary: changed\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    prov = provenance_for("a.yaml", src, "sha256:x", root=repo)
    assert prov.dirty is True
    assert prov.generated_at == "2026-01-01T00:00:00Z"
    new = repo / "systems" / "new.yaml"
    new.write_text("x: 1\n")
    fresh = provenance_for("new.yaml", new, "sha256:y", root=repo)
    assert fresh.dirty is True and fresh.record_revision is None


def test_an_uncommitted_record_is_dated_when_it_was_saved(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the clock: the card of unchanged input keeps its bytes, and `aigov card` and the
    site (which share this function) give the same time."""
    import os

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    src = repo / "systems" / "a.yaml"
    src.write_text(src.read_text() + "summary: changed\n")
    os.utime(src, (1_780_000_000, 1_780_000_000))
    first = provenance_for("a.yaml", src, "sha256:x", root=repo)
    again = provenance_for("a.yaml", src, "sha256:x", root=repo)
    assert first.dirty is True
    assert first.generated_at == again.generated_at == "2026-05-28T20:26:40Z"


def test_explicit_generated_at_wins_over_everything(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    prov = provenance_for(
        "a", repo / "systems" / "a.yaml", "h", root=repo, generated_at="2026-09-01T12:00:00+02:00"
    )
    assert prov.generated_at == "2026-09-01T10:00:00Z"


def test_outside_git_there_is_no_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "r.yaml").write_text("x: 1\n")
    prov = provenance_for("r.yaml", tmp_path / "r.yaml", "h", root=tmp_path)
    assert (prov.revision, prov.record_revision, prov.dirty) == (None, None, None)
    assert prov.generated_at == "1970-01-01T00:00:00Z"
    assert not GitInfo.discover(tmp_path).available


def test_moments_parse_and_print_as_utc() -> None:
    assert iso_utc(parse_moment("2026-09-01")) == "2026-09-01T00:00:00Z"
    assert iso_utc(parse_moment("2026-09-01T01:02:03.456789z")) == "2026-09-01T01:02:03Z"
    with pytest.raises(ValueError):
        parse_moment("yesterday")


def test_the_build_moment_is_the_build_not_the_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    from aigov.provenance import build_moment

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    now = build_moment()
    assert before <= now <= dt.datetime.now(dt.UTC) and now.tzinfo is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert build_moment() == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert build_moment("2026-09-01T12:00:00+02:00") == dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC)
