"""Finding a record from what a person types."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.locate import NotFound, known_ids, locate


def _record(path: Path, ident: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"schema_version: 1\nid: {ident}\nname: {ident.title()}\n", encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    _record(tmp_path / "systems" / "claims-triage.yaml", "claims-triage")
    _record(tmp_path / "systems" / "fraud-scoring.yml", "fraud-scoring")
    _record(tmp_path / "systems" / "support-copilot" / "system.yaml", "support-copilot")
    _record(tmp_path / "systems" / "old-name.yaml", "renamed-bot")  # id differs from file
    return tmp_path


def test_ids_file_names_and_paths_all_find_the_record(root: Path) -> None:
    systems = root / "systems"
    assert locate("claims-triage", root) == systems / "claims-triage.yaml"
    assert locate("fraud-scoring", root) == systems / "fraud-scoring.yml"
    assert locate("support-copilot", root) == systems / "support-copilot" / "system.yaml"
    assert locate("renamed-bot", root) == systems / "old-name.yaml"  # by its declared id
    assert locate(str(systems / "claims-triage.yaml"), root) == systems / "claims-triage.yaml"


def test_a_typo_gets_the_closest_id_and_the_list(root: Path) -> None:
    with pytest.raises(NotFound) as caught:
        locate("claims-triag", root)
    message = str(caught.value)
    assert "no system 'claims-triag'" in message and "Did you mean 'claims-triage'?" in message
    assert "fraud-scoring" in message
    with pytest.raises(NotFound, match=r"no record file systems/nope\.yaml"):
        locate("systems/nope.yaml", root)
    assert known_ids(root) == ["claims-triage", "fraud-scoring", "old-name", "support-copilot"]
