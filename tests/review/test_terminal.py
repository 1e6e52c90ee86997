"""Record text and file names reach the terminal escaped: no escape sequence, BEL, carriage
return or C1 control from a record can clear the screen, set the title or forge a line."""

from __future__ import annotations

import re

import pytest

from aigov.terminal import escape, escape_styled
from tests.conftest import run_aigov

from .conftest import RECORD, GitRepo

# the title-setting OSC, a clear-screen CSI and a carriage return, as YAML escapes
PAYLOAD = "\\e]0;pwned\\a \\e[2J\\r FORGED \\x9b"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _hostile(repo: GitRepo) -> None:
    repo.edit("name: Refund helper", f'name: "Refund helper{PAYLOAD}"')
    repo.edit(
        "description: Tone too formal for distressed customers",
        f'description: "Tone too formal{PAYLOAD}"',
    )


def _clean(*outputs: str) -> None:
    for text in outputs:
        assert not RAW.search(text), repr(text)


def test_diff_escapes_record_text_piped_and_coloured(signed_repo: GitRepo) -> None:
    _hostile(signed_repo)
    for colour in ("--no-color", "--color"):
        run = run_aigov("diff", "refund-helper", colour, cwd=signed_repo.top, env=signed_repo.env)
        assert run.returncode == 0, run.stderr
        text = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout)  # aigov's own colours
        _clean(text, run.stderr)
        assert "\\u001b]0;pwned\\u0007" in text and "\\u001b[2J\\r FORGED \\u009b" in text


def test_check_escapes_record_text(signed_repo: GitRepo) -> None:
    signed_repo.edit("id: refund-helper", f'id: "refund-helper{PAYLOAD}"')
    run = run_aigov("check", "systems", "--gate", "production", cwd=signed_repo.top)
    _clean(run.stdout, run.stderr)
    run = run_aigov("check", "systems", cwd=signed_repo.top)
    _clean(run.stdout, run.stderr)
    assert "\\u001b" in run.stdout + run.stderr


def test_explain_escapes_what_it_echoes() -> None:
    run = run_aigov("explain", "use_case\x1b]0;pwned\x07\r")
    assert run.returncode == 2
    _clean(run.stdout, run.stderr)
    assert "\\u001b]0;pwned\\u0007\\r" in run.stderr


def test_diff_works_for_a_file_name_with_a_newline_and_an_escape(git_repo: GitRepo) -> None:
    name = "systems/re\nfund\x1b[2J.yaml"
    git_repo.write(name, RECORD.read_text(encoding="utf-8"))
    git_repo.commit("A record with an odd name")
    path = git_repo.top / name
    path.write_text(
        path.read_text(encoding="utf-8").replace("severity: high", "severity: critical"),
        encoding="utf-8",
    )
    run = run_aigov("diff", name, cwd=git_repo.top, env=git_repo.env)
    assert run.returncode == 0, run.stderr
    _clean(run.stdout, run.stderr)
    assert run.stdout.startswith("systems/re\\nfund\\u001b[2J.yaml\n  from: HEAD")
    assert "Wrong refund promise › Severity\n  changed: high → critical" in run.stdout
    git_repo.commit("Severity")
    run = run_aigov("diff", name, "HEAD~1", "HEAD", cwd=git_repo.top, env=git_repo.env)
    assert run.returncode == 0 and "changed: high → critical" in run.stdout, run.stderr


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[2Jb", "a\\u001b[2Jb"),
        ("bell\x07", "bell\\u0007"),
        ("cr\rlf\n", "cr\\rlf\n"),
        ("c1\x9b", "c1\\u009b"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("line\u2028sep", "line\\u2028sep"),
        ("emoji 👩\u200d💻 ok", "emoji 👩\u200d💻 ok"),
    ],
)
def test_escape(text: str, shown: str) -> None:
    assert escape(text) == shown
    assert "\n" not in escape(text, one_line=True)


def test_escape_styled_keeps_only_sgr() -> None:
    assert (
        escape_styled("\x1b[1mtitle\x1b[0m \x1b]0;x\x07")
        == "\x1b[1mtitle\x1b[0m \\u001b]0;x\\u0007"
    )
