"""A hostile policy file (aigov.yaml) is an unusable environment: every command that reads it
exits 2 with the file, line, column and a hint — no traceback, nothing executed — and the
records are not judged against a policy that could not be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.corpus import CORPUS, MARKER, init_repo
from tests.hostile.test_commands import BUILD, CARD, run_bounded

POLICIES = {
    "python-tag": ('rules: !!python/object/apply:os.system ["touch aigov-pwned-marker"]\n', 1, 8),
    "billion-laughs": ((CORPUS / "billion-laughs.yaml").read_text(), 4, 35),
    "unclosed-bracket": ("rules: [\n", 2, 1),
    "utf-16": ("rules: {}\n".encode("utf-16"), 1, 1),
    "top-level-list": ("- rules\n", 1, 1),
    "duplicate-key": ("rules: {}\nrules: {}\n", 2, 1),
}

COMMANDS = [["check"]]
if CARD:
    COMMANDS.append(["card", "ok"])
if BUILD:
    COMMANDS.append(["build", "--no-progress"])


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, (text, _line, _col) in POLICIES.items():
        repo = init_repo(tmp_path_factory.mktemp(name) / "repo")
        policy = repo / "aigov.yaml"
        if isinstance(text, bytes):
            policy.write_bytes(text)
        else:
            policy.write_text(text)
        (repo / "systems" / "ok.yaml").write_text("schema_version: 1\nid: ok\nname: OK\n")
        out[name] = repo
    return out


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
@pytest.mark.parametrize("name", list(POLICIES))
def test_a_broken_policy_file_is_an_environment_error(
    name: str, args: list[str], repos: dict[str, Path]
) -> None:
    repo = repos[name]
    _text, line, col = POLICIES[name]
    result = run_bounded(args, repo)
    assert result.returncode == 2, result.both
    assert "Traceback" not in result.both and "internal error" not in result.both
    assert f"aigov.yaml:{line}:{col}:" in result.stderr, result.stderr
    assert "hint:" in result.stderr
    assert not (repo / MARKER).exists()
    assert not (repo / "site").exists(), "no site is built against an unreadable policy"


def test_validate_does_not_need_the_policy(repos: dict[str, Path]) -> None:
    """Schema validation is independent of the organisation's policy."""
    result = run_bounded(["validate"], repos["python-tag"])
    assert result.returncode == 0, result.both
