"""Every hostile input gets exactly the diagnostics the case table names, in-process.

Each case is loaded alone in its own repository through `load_project`, the same entry point
every command uses, so a failure here names the one input that regressed. The subprocess runs
(test_commands.py) then prove the same through the real CLI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aigov.diagnostics import Severity
from aigov.project import load_project
from tests.hostile.corpus import CASES, CORPUS, Case, build_repo, can_block_reads


def _found(diag) -> tuple[str, str, int, int]:
    return (diag.path, diag.code, diag.line, diag.column)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gets_its_clear_error(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = build_repo(tmp_path, [case])
    monkeypatch.chdir(repo)
    if case.setup == "unreadable" and not can_block_reads():
        # Running as root, chmod 000 blocks nothing: simulate the refusal the kernel would give
        # an ordinary user, at the one call that opens record files.
        blocked = (repo / case.place).resolve()
        real_open = Path.open

        def refusing_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if self.resolve() == blocked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refusing_open)

    project = load_project(root=repo, jobs=1)
    diags = project.all_diagnostics

    if case.name == "many-unknown-keys":  # the table names the first and the last of 20,000
        assert [(d.code, d.line, d.column) for d in diags] == [
            ("AIG-SCHEMA-UNKNOWN-KEY", 4 + i, 1) for i in range(20_000)
        ]
    else:
        assert sorted(_found(d) for d in diags) == sorted(
            (e.path, e.code, e.line, e.column) for e in case.expect
        ), "\n".join(f"{d.location}: {d.code} {d.message}" for d in diags)
    for want in case.expect:
        match = [d for d in diags if _found(d) == (want.path, want.code, want.line, want.column)]
        assert match, f"no {want.code} at {want.path}:{want.line}:{want.column}"
        diag = match[0]
        assert want.message in diag.message
        assert want.hint in diag.hint
    for diag in diags:
        assert diag.severity == Severity.ERROR
        assert diag.hint, f"{diag.code} has no hint on how to fix it"
        assert diag.path.startswith("systems/"), "the message must name the file"
        assert "\n" not in diag.message, "one message, one line"
    if case.expect:
        assert not project.valid_records or all(
            not r.valid for r in project.records if r.path in {e.path for e in case.expect}
        )
    else:
        assert [r.valid for r in project.records] == [True]


def test_the_table_covers_what_issue_9_lists() -> None:
    names = {c.name for c in CASES}
    assert len(CASES) >= 40
    kinds = {
        "tabs": {"tab-indent", "tab-in-block-text"},
        "indentation": {"bad-indent-mapping", "bad-indent-list"},
        "unclosed quotes and brackets": {
            "unclosed-double-quote",
            "unclosed-single-quote",
            "unclosed-bracket",
            "unclosed-brace",
        },
        "truncated": {"truncated"},
        "duplicate keys at every depth": {
            "duplicate-key-top",
            "duplicate-key-nested",
            "duplicate-key-in-list-item",
            "duplicate-key-deep",
            "duplicate-key-flow",
        },
        "billion laughs": {"billion-laughs", "billion-laughs-mapping", "alias-text-bomb"},
        "deep nesting": {"deep-nesting", "deep-block-nesting"},
        "50 MB": {"fifty-mb"},
        "1 MB line": {"one-mb-line"},
        "encodings": {"latin-1", "utf-16", "utf-16-be-no-bom", "bom", "nul-byte"},
        "empty and comments": {"empty", "comments-only"},
        "several documents": {"several-documents"},
        "top level": {"top-level-scalar", "top-level-list"},
        "tags": {"python-object-apply", "custom-include-tag"},
        "wrong types": {"wrong-types"},
        "unknown keys": {"unknown-key", "unknown-key-nested"},
        "dates": {"date-feb-30", "date-month-13"},
        "ids": {"id-path-separator", "id-dot-dot", "id-lookalike", "id-uppercase"},
        "same id twice": {"duplicate-id"},
        "symlink outside": {"symlink-outside-file", "symlink-outside-folder"},
        "unreadable": {"unreadable"},
        "folder named like a record": {"folder-named-like-record"},
    }
    for kind, wanted in kinds.items():
        assert wanted <= names, f"{kind}: missing {wanted - names}"


def test_every_corpus_file_is_a_case() -> None:
    used = {c.file for c in CASES if c.file}
    on_disk = {p.name for p in CORPUS.iterdir() if not p.name.startswith(".")}
    assert on_disk == used


def test_bom_is_accepted_and_invisible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = next(c for c in CASES if c.name == "bom")
    repo = build_repo(tmp_path, [case])
    monkeypatch.chdir(repo)
    project = load_project(root=repo, jobs=1)
    [loaded] = project.records
    assert loaded.record is not None
    assert loaded.record.schema_version == 1  # the BOM did not become part of the first key


def test_a_link_outside_is_refused_before_its_target_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link out of the repository is refused before anything reads its target."""
    case = next(c for c in CASES if c.name == "symlink-outside-file")
    repo = build_repo(tmp_path, [case])
    monkeypatch.chdir(repo)
    outside = (tmp_path / "outside").resolve()
    opened: list[str] = []
    real_open = Path.open

    def watching_open(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(self.resolve()))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watching_open)
    load_project(root=repo, jobs=1)
    assert not [p for p in opened if p.startswith(str(outside))]
