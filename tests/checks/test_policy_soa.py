"""The SoA declarations in aigov.yaml (`soa:`): each Annex A id applicable or excluded, with
an owner and (when excluded) a justification; a bad entry is a positioned error."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.checks import PolicyError, load_policy

GOOD = """\
version: 1
soa:
  A.2.2: {status: applicable, owner: Chief Risk Officer}
  a.10.4:
    status: excluded
    owner: Chief Risk Officer
    justification: We provide no AI system to customers
"""


def _errors(tmp_path: Path, text: str) -> list[tuple[int, int, str, str]]:
    (tmp_path / "aigov.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        load_policy(tmp_path)
    return [(d.line, d.column, d.message, d.hint) for d in err.value.diagnostics]


def test_declarations_load_by_annex_a_id(tmp_path: Path) -> None:
    (tmp_path / "aigov.yaml").write_text(GOOD, encoding="utf-8")
    soa = load_policy(tmp_path).soa
    assert set(soa) == {"A.2.2", "A.10.4"}
    assert soa["A.10.4"].status == "excluded" and soa["A.2.2"].owner == "Chief Risk Officer"


def test_an_unknown_annex_a_id_is_an_error_on_its_key_with_a_guess(tmp_path: Path) -> None:
    [(line, col, message, _hint)] = _errors(tmp_path, GOOD.replace("A.2.2:", "A.2.22:"))
    assert (line, col) == (3, 3)
    assert "'A.2.22' is not an ISO/IEC 42001:2023 Annex A control id" in message
    assert "Did you mean 'A.2.2'?" in message


def test_an_exclusion_needs_a_justification(tmp_path: Path) -> None:
    text = GOOD.replace("    justification: We provide no AI system to customers\n", "")
    [(line, col, message, _hint)] = _errors(tmp_path, text)
    assert (line, col) == (4, 3) and "needs a justification" in message


def test_an_entry_needs_an_owner_and_a_known_status(tmp_path: Path) -> None:
    text = GOOD.replace("{status: applicable, owner: Chief Risk Officer}", "{status: aplicable}")
    got = _errors(tmp_path, text)
    messages = " | ".join(m for _l, _c, m, _h in got)
    assert "'soa.A.2.2.status' has 'aplicable'" in messages
    assert "soa.A.2.2.owner" in messages
    assert all(line == 3 for line, _c, _m, _h in got)
    assert any("Did you mean 'applicable'?" in h for _l, _c, _m, h in got)
