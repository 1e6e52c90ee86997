"""templates/ and schemas/ ship inside the wheel and resolve the same way as in a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("aigov-*.whl"))


def test_wheel_contains_templates_schemas_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"aigov/_resources/schemas/{p.name}" for p in (REPO / "schemas").iterdir() if p.is_file()
    }
    expected |= {
        "aigov/_resources/templates/" + p.relative_to(REPO / "templates").as_posix()
        for p in (REPO / "templates").rglob("*")
        if p.is_file()
    }
    expected.add("aigov/data/nist-ai-rmf-1.0.json")
    assert expected <= names, sorted(expected - names)
    assert "aigov/_resources/schemas/aigov-record.schema.json" in names


@pytest.mark.slow
def test_installed_wheel_resolves_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import aigov.paths as p; print(p.templates_dir()); print(p.schemas_dir()); "
        "from aigov.catalog import nist; print(len(nist().subcategories))"
    )
    out = subprocess.run(
        [str(py), "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path
    ).stdout
    templates, schemas, count = out.split()
    assert str(venv) in templates and templates.endswith("_resources/templates")
    assert str(venv) in schemas and schemas.endswith("_resources/schemas")
    assert count == "72"
