"""The public history page never tells what changed in withheld content: a commit that changed
only withheld fields shows as "withheld change", with no subject and no author, anywhere in the
public site (pages, search index, sitemap). Real git, the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, run_aigov
from tests.review.conftest import GitRepo

SECRET_SUBJECT = "Log the SECRETSUBJECT billing outage"
SECRET_AUTHOR = "Mallory Hiddenauthor"


def _repo(tmp_path: Path) -> GitRepo:
    (tmp_path / "governance").mkdir()
    repo = GitRepo(tmp_path / "governance")
    record = repo.top / "systems" / "full-record.yaml"
    shutil.copyfile(FIXTURES / "full-record.yaml", record)
    repo.commit("Add the full record", date="2026-05-01T10:00:00+00:00")
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("summary: Outage,", "summary: Outage in billing,"))
    repo.commit(
        SECRET_SUBJECT,
        date="2026-06-01T10:00:00+00:00",
        author=f"{SECRET_AUTHOR} <mallory@example.com>",
    )
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("summary: Uses every section.", "summary: Uses them all."))
    repo.commit("Reword the summary", date="2026-07-01T10:00:00+00:00")
    return repo


def _files_holding(folder: Path, needle: str) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and needle.encode() in p.read_bytes()
    )


def test_a_withheld_only_commit_shows_no_subject_and_no_author(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    run = run_aigov(
        "build", "--audience", "public", "--today", "2026-09-01", cwd=repo.top, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    site = repo.top / "site"
    for needle in ("SECRETSUBJECT", "Hiddenauthor", "mallory@example.com", "in billing"):
        assert _files_holding(site, needle) == [], needle
    page = (site / "systems/full-record/history.html").read_text(encoding="utf-8")
    assert "Withheld change" in page and "no content change" not in page
    assert "Reword the summary" in page  # a visible change keeps its subject
    assert (site / "search/search_index.json").is_file()

    internal = run_aigov("build", "--today", "2026-09-01", cwd=repo.top, timeout=300)
    assert internal.returncode == 0, internal.stdout + internal.stderr
    page = (site / "systems/full-record/history.html").read_text(encoding="utf-8")
    assert SECRET_SUBJECT in page and SECRET_AUTHOR in page and "Withheld change" not in page
