"""A governance repository in git whose legal approval is stale: the record was approved,
then two texts changed, so the card shows what changed since ("was" / "now"). Its incidents
are marked internal and carry a sentinel text, for the audience tests of printed cards."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from aigov.hashing import content_hash
from aigov.yamlload import load_file
from tests.conftest import REPO

SENTINEL = "Sentinel incident 7731 outage"
OLD_USE, NEW_USE = "Drafting replies", "Drafting replies for handlers within 14 days"
OLD_CAVEAT, NEW_CAVEAT = "Not legal advice", "Never binding advice"


def git(repo: Path, *args: str) -> None:
    env = {
        "GIT_AUTHOR_NAME": "Jo Legal",
        "GIT_AUTHOR_EMAIL": "jo@example.com",
        "GIT_COMMITTER_NAME": "Jo Legal",
        "GIT_COMMITTER_EMAIL": "jo@example.com",
        "GIT_AUTHOR_DATE": "2026-08-01T10:00:00Z",
        "GIT_COMMITTER_DATE": "2026-08-01T10:00:00Z",
        "HOME": str(repo),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def make_changed_repo(root: Path) -> Path:
    """Write and commit the repository under `root`; the record is systems/full-record.yaml."""
    (root / "systems").mkdir(parents=True)
    (root / "aigov.yaml").write_text("version: 1\n", "utf-8")
    shutil.copytree(REPO / "evidence", root / "evidence")
    text = (REPO / "tests" / "fixtures" / "full-record.yaml").read_text("utf-8")
    for old, new in (("summary: Outage", f"summary: {SENTINEL}"),):
        assert old in text
        text = text.replace(old, new)
    record = root / "systems" / "full-record.yaml"
    record.write_text(text, "utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "First version")
    doc = load_file(record)[0]
    assert doc is not None
    approved = content_hash(doc.data)
    line = "  - {reviewer: Jo Legal, role: legal, decision: approved, date: 2026-05-20}\n"
    assert line in text
    text = text.replace(
        line,
        line + "  - {reviewer: Jo Legal, role: legal, decision: approved, date: 2026-08-01, "
        f"record_hash: '{approved}'}}\n",
    )
    record.write_text(text, "utf-8")
    git(root, "commit", "-q", "-am", "Legal approval")
    for old, new in ((OLD_USE, NEW_USE), (OLD_CAVEAT, NEW_CAVEAT)):
        assert old in text
        text = text.replace(old, new)
    record.write_text(text, "utf-8")
    git(root, "commit", "-q", "-am", "Two texts changed after the approval")
    return root
