"""The one git runner: clean environment, errors as GitError."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.git import GitError, git_env, run_git


def test_a_folder_outside_any_repository_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not a git repository"):
        run_git(tmp_path, ["rev-parse", "--show-toplevel"])
    assert run_git(tmp_path, ["rev-parse", "--show-toplevel"], check=False) == b""


def test_a_missing_git_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GitError, match="git is not installed"):
        run_git(tmp_path, ["status"])


def test_the_users_git_variables_never_redirect_aigov(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pre-commit hook runs with GIT_DIR / GIT_INDEX_FILE set; aigov reads the repository
    the path is in, without a pager, a prompt or the index lock."""
    monkeypatch.setenv("GIT_DIR", "/elsewhere")
    monkeypatch.setenv("GIT_INDEX_FILE", "/elsewhere/index")
    monkeypatch.setenv("GIT_PAGER", "less")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", "/srv")
    env = git_env()
    assert "GIT_DIR" not in env and "GIT_INDEX_FILE" not in env
    assert env["GIT_CEILING_DIRECTORIES"] == "/srv"  # the user's own limits stay
    assert "GIT_CONFIG_NOSYSTEM" not in env  # /etc/gitconfig (safe.directory) stays in force
    assert env["GIT_PAGER"] == "cat" and env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["GIT_OPTIONAL_LOCKS"] == "0" and env["LC_ALL"] == "C"


def test_commit_at_a_date_and_a_file_at_a_commit(tmp_path: Path) -> None:
    import datetime as dt

    from aigov.git import commit_at, file_at
    from tests.review.conftest import GitRepo

    (tmp_path / "r").mkdir()
    repo = GitRepo(tmp_path / "r")
    repo.write("systems/a.yaml", "one\n")
    first = repo.commit("first", date="2026-01-10T23:30:00+00:00")
    repo.write("systems/a.yaml", "two\n")
    second = repo.commit("second", date="2026-01-11T00:30:00+00:00")
    assert commit_at(repo.top, dt.date(2026, 1, 9)) is None
    found = commit_at(repo.top, dt.date(2026, 1, 10))
    assert found is not None and found[0] == first  # the end of the day, in UTC
    later = commit_at(repo.top, dt.date(2026, 2, 1))
    assert later is not None and later[0] == second
    assert file_at(repo.top, first, "systems/a.yaml") == b"one\n"
    assert file_at(repo.top, first, "systems/none.yaml") is None


def test_cat_file_answers_a_request_larger_than_any_pipe(tmp_path: Path) -> None:
    """Thousands of versions asked at once (the site's history page at 1,000 systems): the
    answers fill git's output pipe long before the request is written. Asked in one write,
    git and aigov waited on each other for ever; the test gives it 60 s in a child process."""
    import multiprocessing

    from tests.review.conftest import GitRepo

    (tmp_path / "r").mkdir()
    repo = GitRepo(tmp_path / "r")
    repo.write("systems/a.yaml", "x: " + "y" * 40_000 + "\n")
    repo.commit("big")
    context = multiprocessing.get_context("fork")
    child = context.Process(target=_ask_many, args=(repo.top,))
    child.start()
    child.join(60)
    hung = child.is_alive()
    if hung:
        child.kill()
    assert not hung, "git cat-file and aigov deadlocked on a full pipe"
    assert child.exitcode == 0


def _ask_many(top: Path) -> None:
    from aigov.git import CatFile, request_chunks

    names = ["HEAD:systems/a.yaml"] * 4000 + ["HEAD:systems/none.yaml"]
    assert sum(len(n) + 1 for n in names) > 65536  # more than a Linux pipe holds
    assert all(sum(len(n) + 1 for n in c) <= 4096 for c in request_chunks(names))
    found = CatFile(top).ask(names)
    assert len(found) == 4001 and found[-1] is None
    assert all(b is not None and len(b) > 40_000 for b in found[:-1])
