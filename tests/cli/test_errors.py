"""The one error base and the one place that prints it."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.checks import PolicyError
from aigov.cli import report_error
from aigov.diagnostics import Diagnostic
from aigov.errors import AigovError
from aigov.workspace import open_repository

DIAG = Diagnostic("aigov.yaml", 2, 9, "AIG-CONFIG", "policy file: no such rule", hint="Fix it.")


def test_exit_codes_follow_what_the_error_carries() -> None:
    assert AigovError("no such system").exit_code == 2
    assert AigovError("would not validate", diagnostics=[DIAG]).exit_code == 1
    assert AigovError("x", diagnostics=[DIAG], exit_code=2).exit_code == 2
    assert PolicyError([DIAG]).exit_code == 2  # a broken set-up: nothing was judged


def test_a_broken_policy_says_what_it_stopped(tmp_path: Path) -> None:
    (tmp_path / "aigov.yaml").write_text("version: 1\nrules: {AIG-NOPE: off}\n")
    ws = open_repository(tmp_path, consequence="nothing was checked")
    with pytest.raises(PolicyError) as caught:
        ws.policy  # noqa: B018 - read on first use
    assert caught.value.message == "the policy file has problems; nothing was checked."
    assert caught.value.diagnostics


def test_report_error_prints_diagnostics_then_the_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = report_error(AigovError("stopped", diagnostics=[DIAG], exit_code=2, hint="Do this."))
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "aigov.yaml:2:9: AIG-CONFIG policy file: no such rule [error]",
        "    hint: Fix it.",
        "aigov: stopped",
        "  Do this.",
    ]
