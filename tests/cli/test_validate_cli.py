"""`aigov validate` as users run it: real files, real process, documented exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import FIXTURES, run_aigov


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    systems = tmp_path / "systems"
    systems.mkdir()
    for name, text in files.items():
        (systems / name).parent.mkdir(parents=True, exist_ok=True)
        (systems / name).write_text(text)
    return tmp_path


GOOD = "schema_version: 1\nid: good\nname: Good system\n"
BAD = "schema_version: 1\nid: bad\nname: Bad\nlifecycle:\n  stage: prod\n  reviw_cadence_days: 90\n"


def test_clean_repo_exits_0(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"good.yaml": GOOD})
    run = run_aigov("validate", cwd=root)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no problems" in run.stdout


def test_problems_exit_1_with_positions_and_hints(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"good.yaml": GOOD, "bad.yaml": BAD})
    run = run_aigov("validate", cwd=root)
    assert run.returncode == 1
    assert "systems/bad.yaml:5:10: AIG-SCHEMA-ENUM" in run.stdout
    assert "Did you mean 'production'?" in run.stdout
    assert (
        "systems/bad.yaml:6:3: AIG-SCHEMA-UNKNOWN-KEY unknown field 'reviw_cadence_days'"
        in run.stdout
    )
    assert "Did you mean 'review_cadence_days'?" in run.stdout
    assert "Traceback" not in run.stderr


def test_json_format_is_machine_readable(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"bad.yaml": BAD})
    run = run_aigov("validate", "--format", "json", cwd=root)
    payload = json.loads(run.stdout)
    assert payload["summary"]["error"] == 2
    first = payload["diagnostics"][0]
    assert {"path", "line", "column", "code", "message", "hint", "severity"} <= set(first)


def test_github_format_annotates_lines(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"bad.yaml": BAD})
    run = run_aigov("validate", "--format", "github", cwd=root)
    assert "::error file=systems/bad.yaml,line=5,col=10,title=AIG-SCHEMA-ENUM::" in run.stdout


def test_folder_records_and_id_mismatch(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"alpha/system.yaml": GOOD.replace("good", "alpha"), "beta.yaml": GOOD})
    run = run_aigov("validate", cwd=root)
    assert run.returncode == 1
    assert (
        "systems/beta.yaml:2:5: AIG-ID-FILENAME id 'good' does not match the file name 'beta'"
        in run.stdout
    )
    assert "alpha" not in run.stdout


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    root = _repo(tmp_path, {"good.yaml": GOOD, "other/system.yaml": GOOD})
    run = run_aigov("validate", cwd=root)
    assert "AIG-ID-DUPLICATE" in run.stdout


def test_usage_error_exits_2(tmp_path: Path) -> None:
    run = run_aigov("validate", "--format", "xml", cwd=tmp_path)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_explicit_paths_and_the_full_fixture(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "full-record.yaml", tmp_path / "full-record.yaml")
    run = run_aigov("validate", str(tmp_path / "full-record.yaml"), cwd=tmp_path)
    assert run.returncode == 0, run.stdout


def test_parallel_and_serial_loading_agree(tmp_path: Path) -> None:
    files = {f"s{i:03d}.yaml": GOOD.replace("good", f"s{i:03d}") for i in range(60)}
    files["s007.yaml"] = BAD.replace("id: bad", "id: s007")
    root = _repo(tmp_path, files)
    serial = run_aigov("validate", "--jobs", "1", "--format", "json", cwd=root)
    parallel = run_aigov("validate", "--jobs", "2", "--format", "json", cwd=root)
    assert json.loads(serial.stdout)["diagnostics"] == json.loads(parallel.stdout)["diagnostics"]
    assert serial.returncode == parallel.returncode == 1


def test_comma_inside_flow_mapping_gets_a_quoting_hint(tmp_path: Path) -> None:
    text = (
        GOOD
        + "impact_assessment:\n  stakeholders: [{name: Claimants, age band 60+, kind: direct}]\n"
    )
    root = _repo(tmp_path, {"good.yaml": text})
    run = run_aigov("validate", cwd=root)
    assert (
        "systems/good.yaml:5:36: AIG-SCHEMA-UNKNOWN-KEY unknown field 'age band 60+'" in run.stdout
    )
    assert "a comma starts a new field" in run.stdout


def test_a_missing_path_is_not_counted_as_zero_records(tmp_path: Path) -> None:
    run = run_aigov("validate", "no-such.yaml", cwd=tmp_path)
    assert run.returncode == 1
    assert "no-such.yaml: AIG-IO no such file or folder" in run.stdout
    assert run.stdout.rstrip().endswith("\n1 error, 0 warnings.")
    assert "0 records" not in run.stdout
