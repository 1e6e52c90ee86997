"""The governance repository: which files are records, links out of the repository, ids that
must match file names and be unique, and parallel loading that agrees with serial loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.diagnostics import Diagnostic, Severity
from aigov.project import (
    PARALLEL_FROM,
    LoadCache,
    LoadedRecord,
    discover,
    expected_id,
    load_project,
    process_file,
)
from aigov.project import _stat as project_stat


def record(ident: str, extra: str = "") -> str:
    return f"schema_version: 1\nid: {ident}\nname: {ident.title()}\n{extra}"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "systems").mkdir(parents=True)
    (root / "aigov.yaml").write_text("# test\n")
    monkeypatch.chdir(root)
    return root


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def codes(diags: list[Diagnostic]) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in diags]


# --- discovery ---------------------------------------------------------------------------------------


def test_discover_finds_both_record_forms_and_skips_the_rest(repo: Path) -> None:
    write(repo, "systems/a.yaml", record("a"))
    write(repo, "systems/b.yml", record("b"))
    write(repo, "systems/c/system.yaml", record("c"))
    write(repo, "systems/c/evidence.md", "notes")
    write(repo, "systems/d/readme.txt", "a folder without system.yaml")
    write(repo, "systems/.hidden.yaml", record("hidden"))
    write(repo, "systems/notes.md", "not a record")
    files, diags = discover([repo / "systems"], repo)
    assert diags == []
    assert [p.relative_to(repo).as_posix() for p in files] == [
        "systems/a.yaml",
        "systems/b.yml",
        "systems/c/system.yaml",
    ]


def test_a_missing_path_is_a_diagnostic(repo: Path) -> None:
    files, diags = discover([repo / "systems" / "nope.yaml"], repo)
    assert files == [] and [d.code for d in diags] == ["AIG-IO"]
    assert diags[0].path == "systems/nope.yaml"


def test_an_unreadable_folder_is_a_diagnostic(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    files, [diag] = discover([repo / "systems"], repo)
    assert files == [] and diag.code == "AIG-IO" and "Permission denied" in diag.message


def test_a_link_to_a_record_inside_the_repository_is_followed(repo: Path) -> None:
    write(repo, "drafts/a.yaml", record("a"))
    (repo / "systems" / "a.yaml").symlink_to(repo / "drafts" / "a.yaml")
    project = load_project(root=repo, jobs=1)
    assert project.all_diagnostics == []
    assert [r.id for r in project.records] == ["a"]


def test_links_out_of_the_repository_are_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    write(outside, "b.yaml", record("b"))
    write(outside, "c/system.yaml", record("c"))
    (repo / "systems" / "b.yaml").symlink_to(outside / "b.yaml")
    (repo / "systems" / "c").symlink_to(outside / "c", target_is_directory=True)
    project = load_project(root=repo, jobs=1)
    assert project.records == []
    assert codes(project.all_diagnostics) == [
        ("systems/b.yaml", "AIG-IO-OUTSIDE"),
        ("systems/c/system.yaml", "AIG-IO-OUTSIDE"),
    ]


def test_a_file_named_outside_the_repository_is_read_as_asked(repo: Path, tmp_path: Path) -> None:
    """The user may point aigov at any file; only links are never followed out of the repo."""
    path = write(tmp_path / "elsewhere", "x.yaml", record("x"))
    project = load_project([path], root=repo, jobs=1)
    assert project.all_diagnostics == [] and [r.id for r in project.records] == ["x"]


def test_a_link_loop_is_reported_not_raised(repo: Path) -> None:
    (repo / "systems" / "loop.yaml").symlink_to("loop.yaml")
    project = load_project(root=repo, jobs=1)
    assert codes(project.all_diagnostics) == [("systems/loop.yaml", "AIG-IO")]


def test_a_folder_named_like_a_record_is_reported(repo: Path) -> None:
    (repo / "systems" / "a.yaml").mkdir()
    project = load_project(root=repo, jobs=1)
    [diag] = project.all_diagnostics
    assert diag.code == "AIG-IO" and "folder" in diag.message


# --- ids and file names ---------------------------------------------------------------------------


def test_expected_id() -> None:
    assert expected_id(Path("systems/claims.yaml")) == "claims"
    assert expected_id(Path("systems/claims.yml")) == "claims"
    assert expected_id(Path("systems/claims/system.yaml")) == "claims"


def test_id_must_match_the_file_name(repo: Path) -> None:
    write(repo, "systems/claims.yaml", record("claims-v2"))
    write(repo, "systems/fraud/system.yaml", record("fraud-v2"))
    project = load_project(root=repo, jobs=1)
    by_path = {d.path: d for d in project.all_diagnostics}
    assert by_path["systems/claims.yaml"].code == "AIG-ID-FILENAME"
    assert (by_path["systems/claims.yaml"].line, by_path["systems/claims.yaml"].column) == (2, 5)
    assert "set `id: claims`" in by_path["systems/claims.yaml"].hint
    assert "'fraud'" in by_path["systems/fraud/system.yaml"].message
    assert not any(r.valid for r in project.records)


def test_a_file_name_that_is_not_a_slug(repo: Path) -> None:
    write(repo, "systems/Claims Triage.yaml", record("claims-triage"))
    [diag] = load_project(root=repo, jobs=1).all_diagnostics
    assert diag.code == "AIG-ID-FILENAME" and "file names must be slugs too" in diag.hint


def test_duplicate_ids_make_the_later_record_invalid(repo: Path) -> None:
    write(repo, "systems/claims.yaml", record("claims"))
    write(repo, "systems/claims/system.yaml", record("claims"))
    project = load_project(root=repo, jobs=1)
    [diag] = project.all_diagnostics
    assert (diag.path, diag.code, diag.line, diag.column) == (
        "systems/claims.yaml",
        "AIG-ID-DUPLICATE",
        2,
        5,
    )
    assert "systems/claims/system.yaml" in diag.message
    valid = {r.path: r.valid for r in project.records}
    assert valid == {"systems/claims/system.yaml": True, "systems/claims.yaml": False}


# --- loading -------------------------------------------------------------------------------------


def test_process_file_keeps_the_document_only_when_asked(repo: Path) -> None:
    path = write(repo, "systems/a.yaml", record("a", "owner:\n  team: t\n"))
    kept = process_file(path, keep_doc=True)
    dropped = process_file(path)
    assert kept.doc is not None and dropped.doc is None
    assert kept.position(("owner", "team")) == (5, 9)
    assert dropped.position(("owner", "team")) == (0, 0)
    assert kept.id_position == (2, 5)


def test_content_hash_ignores_comments_layout_and_signoffs(repo: Path) -> None:
    a = write(repo, "systems/a.yaml", record("a", "tags: [x, y]\n"))
    b = write(repo, "systems/b.yaml", "# comment\n" + record("a", "tags:\n  - x\n  - y\n"))
    c = write(
        repo,
        "systems/c.yaml",
        record(
            "a",
            "tags: [x, y]\nsignoffs:\n  - {reviewer: R, role: legal, "
            "decision: approved, date: 2026-01-01}\n",
        ),
    )
    d = write(repo, "systems/d.yaml", record("a", "tags: [x, z]\n"))
    hashes = [process_file(p).content_hash for p in (a, b, c, d)]
    assert hashes[0] == hashes[1] == hashes[2] != hashes[3]
    assert hashes[0].startswith("sha256:")


def test_a_checker_runs_only_on_records_that_validated(repo: Path) -> None:
    write(repo, "systems/good.yaml", record("good"))
    write(repo, "systems/bad.yaml", "schema_version: 1\nid: bad\n")
    seen: list[str] = []

    def checker(loaded: LoadedRecord) -> list[Diagnostic]:
        seen.append(loaded.id)
        return [
            Diagnostic(
                loaded.path, 1, 1, "AIG-TEST", "checked", severity=Severity.WARNING, hint="h"
            )
        ]

    project = load_project(root=repo, checker=checker, jobs=1)
    assert seen == ["good"]
    good = next(r for r in project.records if r.id == "good")
    assert good.valid  # a warning from a checker does not make a record invalid


def test_parallel_loading_agrees_with_serial(repo: Path) -> None:
    for i in range(PARALLEL_FROM + 4):
        body = "owner: {team: t}\n" if i % 3 else "lifecycle: {stage: prod}\n"
        write(repo, f"systems/s{i:03d}.yaml", record(f"s{i:03d}", body))
    write(repo, "systems/s001/system.yaml", record("s001"))  # and one duplicate id
    serial = load_project(root=repo, jobs=1)
    parallel = load_project(root=repo, jobs=2)
    assert [r.path for r in parallel.records] == [r.path for r in serial.records]
    assert parallel.all_diagnostics == serial.all_diagnostics
    assert [r.record for r in parallel.records] == [r.record for r in serial.records]
    assert "AIG-ID-DUPLICATE" in {d.code for d in parallel.all_diagnostics}


def test_default_paths_are_the_systems_folder(repo: Path) -> None:
    write(repo, "systems/a.yaml", record("a"))
    write(repo, "other/b.yaml", record("b"))
    project = load_project(root=repo, jobs=1)
    assert [r.id for r in project.records] == ["a"]
    assert project.root == repo.resolve()


def test_all_diagnostics_are_sorted_by_file_and_position(repo: Path) -> None:
    write(repo, "systems/b.yaml", record("b", "nope: 1\nowner: x\n"))
    write(repo, "systems/a.yaml", record("a", "tags: x\n"))
    diags = load_project(root=repo, jobs=1).all_diagnostics
    assert [(d.path, d.line) for d in diags] == [
        ("systems/a.yaml", 4),
        ("systems/b.yaml", 4),
        ("systems/b.yaml", 5),
    ]


def test_a_file_name_cannot_forge_output_lines(repo: Path) -> None:
    """A file name with a newline or a terminal escape stays on its one output line."""
    from aigov.formats import ReportContext, render

    write(repo, "systems/a\nforged.yaml:1:1: AIG-FAKE \x1b[2Jb.yaml", record("ok"))
    project = load_project(root=repo, jobs=1)
    out = render("text", project.all_diagnostics, ReportContext("validate", ["x"]))
    lines = out.splitlines()
    assert len(lines) == 3  # the diagnostic, its hint, the summary
    assert not lines[1].startswith("forged.yaml") and "\x1b" not in out
    assert lines[0].startswith("systems/a\\nforged.yaml:1:1: AIG-FAKE \\u001b[2Jb.yaml:2:5: ")


# --- the load cache of `aigov serve` ------------------------------------------------------------


def _evidence_checker(root: Path):  # type: ignore[no-untyped-def]
    """Only the evidence rules' question: does each cited file exist?"""
    from aigov.evidence import iter_evidence

    def check(loaded: LoadedRecord) -> list[Diagnostic]:
        return [
            Diagnostic(loaded.path, 1, 1, "AIG-EVIDENCE-001", f"{r.path} is missing")
            for r in iter_evidence(loaded.data)
            if r.path and not (root / r.path).exists()
        ]

    return check


def test_the_load_cache_reuses_unchanged_records_and_reloads_what_changed(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import aigov.project as project

    cited = "links: [{title: Memo, url: evidence/memo.md}]\n"
    a = write(repo, "systems/alpha.yaml", record("alpha", cited))
    write(repo, "systems/beta.yaml", record("beta"))
    dup = write(repo, "systems/gamma.yaml", record("beta"))  # a duplicate id
    cache = LoadCache()
    cache.use("today", repo)
    check = _evidence_checker(repo)
    first = load_project(root=repo, checker=check, jobs=1, cache=cache)
    assert [c for _, c in codes(first.all_diagnostics)].count("AIG-EVIDENCE-001") == 1

    loads: list[Path] = []
    real = project.process_file
    monkeypatch.setattr(
        project, "process_file", lambda p, *a, **k: loads.append(p) or real(p, *a, **k)
    )
    again = load_project(root=repo, checker=check, jobs=1, cache=cache)
    assert loads == []  # nothing read again
    assert codes(again.all_diagnostics) == codes(first.all_diagnostics)  # no finding doubled
    assert [c for _, c in codes(again.all_diagnostics)].count("AIG-ID-DUPLICATE") == 1

    write(repo, "evidence/memo.md", "# memo\n")  # the cited file appears: alpha is checked again
    third = load_project(root=repo, checker=check, jobs=1, cache=cache)
    assert loads == [a] and "AIG-EVIDENCE-001" not in [c for _, c in codes(third.all_diagnostics)]

    dup.write_text(record("gamma"))  # the duplicate is renamed
    stamp = dup.stat().st_mtime_ns + 1_000_000_000
    os.utime(dup, ns=(stamp, stamp))
    fourth = load_project(root=repo, checker=check, jobs=1, cache=cache)
    assert loads == [a, dup] and "AIG-ID-DUPLICATE" not in [
        c for _, c in codes(fourth.all_diagnostics)
    ]

    cache.use("tomorrow", repo)  # other check inputs: everything is loaded again
    load_project(root=repo, checker=check, jobs=1, cache=cache)
    assert len(loads) == 2 + 3


def test_the_load_cache_watches_cited_files_as_the_checks_resolve_them(repo: Path) -> None:
    """`path: "evidence/m.md "` is the file evidence/m.md to the checks (they strip it), so
    the cache watches that file; and a file saved after the load began is not trusted."""
    import time

    memo = write(repo, "evidence/m.md", "# memo\n")
    rec = write(repo, "systems/a.yaml", record("a"))
    loaded = LoadedRecord("systems/a.yaml", rec, data={"evidence": [{"path": "evidence/m.md "}]})
    cache = LoadCache()
    cache.use("today", repo)
    cache.put(rec, loaded, project_stat(rec), time.time_ns())
    assert cache.get(rec) is not None
    memo.unlink()  # the cited file goes away: the entry no longer holds
    assert cache.get(rec) is None
    started = time.time_ns() - 10_000_000_000  # a load that began before the record was saved
    cache.put(rec, loaded, project_stat(rec), started)
    assert cache.get(rec) is None


def test_the_load_cache_watches_the_shared_components_a_record_uses(repo: Path) -> None:
    """A sign-off binds the components the record uses, so `aigov serve` must check the
    record again when one changes."""
    import os
    import time

    comp = write(
        repo, "components/llm.yaml", "schema_version: 1\ntype: model\nid: llm\nname: LLM\n"
    )
    rec = write(repo, "systems/a.yaml", record("a"))
    loaded = LoadedRecord("systems/a.yaml", rec, data={"uses": [{"component": "llm"}]})
    cache = LoadCache()
    cache.use("today", repo)
    cache.put(rec, loaded, project_stat(rec), time.time_ns())
    assert cache.get(rec) is not None
    comp.write_text(comp.read_text() + "version: '2'\n")
    stamp = comp.stat().st_mtime_ns + 1_000_000_000
    os.utime(comp, ns=(stamp, stamp))
    assert cache.get(rec) is None
