"""The shared log names each version by its blob id; reading a version that way gives the very
bytes `rev:path` gives, for edits, renames, a file added anew, and a merged side branch."""

from __future__ import annotations

from aigov.review.git import Repo

from .conftest import GitRepo


def _history(repo: GitRepo) -> None:
    repo.write("systems/a.yaml", "id: a\nv: 1\n")
    repo.write("systems/b.yaml", "id: b\nv: 1\n")
    repo.commit("add a and b")
    repo.write("systems/a.yaml", "id: a\nv: 2\n")
    repo.commit("edit a")
    repo.git("mv", "systems/b.yaml", "systems/c.yaml")
    repo.commit("rename b to c")
    repo.git("checkout", "-q", "-b", "side")
    repo.write("systems/a.yaml", "id: a\nv: 3\n")
    repo.commit("edit a on a side branch")
    repo.git("checkout", "-q", "main")
    repo.write("systems/c.yaml", "id: b\nv: 2\n")
    repo.commit("edit c on main")
    repo.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
    repo.write("systems/e.yaml", "id: e\nv: 1\n")
    repo.commit("add e")
    repo.git("rm", "-q", "systems/e.yaml")
    repo.commit("delete e")
    repo.write("systems/e.yaml", "id: e\nv: 2\n")
    repo.commit("a new e")


def test_versions_read_by_blob_id_are_the_versions_at_each_commit(git_repo: GitRepo) -> None:
    _history(git_repo)
    top = git_repo.top.resolve()
    head = Repo(top).head()
    assert head is not None
    fast = Repo(top)
    wanted: list[tuple[str, str]] = []
    for rel in ("systems/a.yaml", "systems/c.yaml", "systems/e.yaml"):
        commits = fast.file_log(rel, head)
        assert commits
        wanted += [(c.sha, c.path) for c in commits]
        older = [c.path for c in commits[1:]] + [commits[-1].path]
        wanted += [(f"{c.sha}^", p) for c, p in zip(commits, older, strict=True)]
    by_blob = fast.show_many(wanted)
    assert sum(1 for w in wanted if w in fast._blobs) >= len(wanted) - 1  # nearly all by id
    plain = Repo(top).show_many(wanted)  # no log read: every one as `rev:path`
    assert by_blob == plain
    assert any(b is None for b in plain)  # a parent without the file (added there)
    assert {b"id: b\nv: 1\n", b"id: b\nv: 2\n", b"id: a\nv: 3\n"} <= set(plain)  # renamed, merged
