"""Evidence links: files must exist inside the repository; URLs are checked for form only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aigov.evidence import (
    FOLDER,
    MISSING,
    OUTSIDE,
    EvidencePathError,
    check_evidence,
    check_url,
    iter_evidence,
    relative_link,
    resolve_evidence,
)
from aigov.project import process_file

RECORD = """\
schema_version: 1
id: evidence-demo
name: Evidence demo
controls:
  manage:
    - id: ctl-review
      title: Human review
      evidence:
        - {title: Review log, path: evidence/review-log.md}
        - title: Runbook
          path: {path}
        - {title: Wiki page, url: "{url}"}
signoffs:
  - reviewer: Jonas Becker
    role: legal
    decision: approved
    date: 2026-03-05
    evidence: [{title: Memo, path: evidence/legal-memo.md}]
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "governance"
    (root / "evidence").mkdir(parents=True)
    (root / "systems").mkdir()
    (root / "aigov.yaml").write_text("", encoding="utf-8")
    (root / "evidence" / "review-log.md").write_text("# log\n", encoding="utf-8")
    (root / "evidence" / "runbook.md").write_text("# runbook\n", encoding="utf-8")
    (root / "evidence" / "legal-memo.md").write_text("# memo\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside the repository\n", encoding="utf-8")
    return root


def _record(
    root: Path, path: str = "evidence/runbook.md", url: str = "https://wiki.example.com/x"
) -> Path:
    file = root / "systems" / "evidence-demo.yaml"
    file.write_text(RECORD.replace("{path}", path).replace("{url}", url), encoding="utf-8")
    return file


def test_every_evidence_entry_is_found(repo: Path) -> None:
    refs = iter_evidence(process_file(_record(repo)).data)
    assert [(r.field, r.title) for r in refs] == [
        ("controls.manage.0.evidence.0", "Review log"),
        ("controls.manage.0.evidence.1", "Runbook"),
        ("controls.manage.0.evidence.2", "Wiki page"),
        ("signoffs.0.evidence.0", "Memo"),
    ]


def test_existing_files_and_good_urls_are_clean(repo: Path) -> None:
    assert check_evidence(process_file(_record(repo)), repo) == []


def test_a_missing_file_points_at_the_path_and_suggests_the_close_name(repo: Path) -> None:
    (diag,) = check_evidence(process_file(_record(repo, path="evidence/runbok.md")), repo)
    assert diag.code == MISSING
    assert (diag.line, diag.column) == (11, 17)
    assert diag.message == "evidence file 'evidence/runbok.md' does not exist"
    assert "Did you mean 'evidence/runbook.md'?" in diag.hint
    assert diag.field == "controls.manage.0.evidence.1.path"


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "evidence/../../secret.txt",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "~/secret.txt",
        "evidence\\runbook.md",
    ],
)
def test_paths_that_leave_the_repository_are_refused(repo: Path, path: str) -> None:
    with pytest.raises(EvidencePathError) as err:
        resolve_evidence(repo, path)
    assert err.value.code == OUTSIDE


def test_the_model_rejects_dot_dot_and_absolute_paths_at_their_position(repo: Path) -> None:
    for bad in ("../secret.txt", "/etc/passwd"):
        loaded = process_file(_record(repo, path=bad))
        assert loaded.record is None
        (diag,) = [d for d in loaded.diagnostics if d.field == "controls.manage.0.evidence.1.path"]
        assert diag.line == 11 and diag.severity.value == "error"


def test_a_symlink_out_of_the_repository_is_refused(repo: Path) -> None:
    os.symlink(repo.parent / "secret.txt", repo / "evidence" / "innocent.md")
    os.symlink(repo.parent, repo / "evidence" / "up")
    os.symlink(repo / "evidence" / "runbook.md", repo / "evidence" / "alias.md")
    for path in ("evidence/innocent.md", "evidence/up/secret.txt"):
        (diag,) = check_evidence(process_file(_record(repo, path=path)), repo)
        assert diag.code == OUTSIDE and "outside the governance repository" in diag.message
    assert (
        resolve_evidence(repo, "evidence/alias.md") == (repo / "evidence" / "runbook.md").resolve()
    )


def test_git_internals_and_folders_are_refused(repo: Path) -> None:
    (repo / ".git").mkdir()
    (repo / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    with pytest.raises(EvidencePathError) as err:
        resolve_evidence(repo, ".git/config")
    assert err.value.code == OUTSIDE
    with pytest.raises(EvidencePathError) as err:
        resolve_evidence(repo, "evidence")
    assert err.value.code == FOLDER


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://wiki.example.com/ai/report?id=4#p2", ""),
        ("http://intranet.local:8080/x", ""),
        ("https://", "has no valid host name"),
        ("https://user:secret@wiki.example.com/x", "contains a user name or password"),
        ("https://wiki.example.com/a b", "contains spaces or control characters"),
        ("https://wiki.example.com:99999/x", "is malformed"),
        ("ftp://files.example.com/x", "is not an http(s) link"),
    ],
)
def test_urls_are_checked_for_form_only(url: str, problem: str) -> None:
    assert check_url(url).startswith(problem) if problem else check_url(url) == ""


def test_a_bad_url_is_reported_at_its_position(repo: Path) -> None:
    (diag,) = check_evidence(
        process_file(_record(repo, url="https://user:pw@wiki.example.com")), repo
    )
    assert diag.code == "AIG-EVIDENCE-URL" and diag.line == 12
    assert "contains a user name or password" in diag.message


LINKS_RECORD = """\
schema_version: 1
id: links-demo
name: Links demo
data:
  sources:
    - id: triage-guide
      name: Triage guide
      link: {source}
    - {id: wiki, name: Wiki export, link: "https://wiki.example.com/export"}
links:
  - {title: Runbook, url: "./evidence/runbook.md#escalation"}
  - {title: Design doc, url: "https://wiki.example.com/ai/design"}
  - {title: Owners, url: "mailto:ai-governance@example.com"}
  - {title: Guide, url: {link}}
"""


def _links_record(root: Path, source: str, link: str) -> Path:
    file = root / "systems" / "links-demo.yaml"
    file.write_text(
        LINKS_RECORD.replace("{source}", source).replace("{link}", link), encoding="utf-8"
    )
    return file


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ("evidence/runbook.md", "evidence/runbook.md"),
        ("./evidence/runbook.md#p3", "evidence/runbook.md"),
        ("evidence/report.pdf?page=2", "evidence/report.pdf"),
        ("https://wiki.example.com/x", None),
        ("mailto:ai@example.com", None),
        ("#section", None),
        ("  ", None),
        (None, None),
    ],
)
def test_relative_link_is_the_repository_path_and_ignores_urls(raw: str | None, path: str | None):
    assert relative_link(raw) == path


def test_relative_links_and_source_links_are_iterated_like_evidence(repo: Path) -> None:
    data = process_file(
        _links_record(repo, "evidence/legal-memo.md", "evidence/review-log.md")
    ).data
    refs = iter_evidence(data)
    assert [(r.field, r.kind, r.key, r.path, r.title) for r in refs] == [
        ("data.sources.0", "source", "link", "evidence/legal-memo.md", "Triage guide"),
        ("links.0", "link", "url", "evidence/runbook.md", "Runbook"),
        ("links.3", "link", "url", "evidence/review-log.md", "Guide"),
    ]
    assert iter_evidence(data, links=False) == []
    assert (
        check_evidence(
            process_file(_links_record(repo, "evidence/legal-memo.md", "evidence/review-log.md")),
            repo,
        )
        == []
    )


def test_a_broken_relative_link_is_reported_at_its_position(repo: Path) -> None:
    loaded = process_file(_links_record(repo, "evidence/legal-memo.md", "evidence/runbok.md"))
    (diag,) = check_evidence(loaded, repo)
    assert diag.code == MISSING and diag.field == "links.3.url"
    assert (diag.line, diag.column) == (14, 25)
    assert diag.message == "link 'Guide': linked file 'evidence/runbok.md' does not exist"
    assert "Did you mean 'evidence/runbook.md'?" in diag.hint
    assert "https://" in diag.hint  # a web address without its scheme reads as a path


def test_a_source_link_out_of_the_repository_is_refused(repo: Path) -> None:
    (repo / "evidence" / "guides").mkdir()
    loaded = process_file(_links_record(repo, "evidence/guides", "evidence/runbook.md"))
    (diag,) = check_evidence(loaded, repo)
    assert diag.code == FOLDER and diag.field == "data.sources.0.link" and diag.line == 8
    assert diag.message.startswith("data source 'Triage guide': linked path 'evidence/guides'")
    os.symlink(repo.parent / "secret.txt", repo / "evidence" / "guide.md")
    (diag,) = check_evidence(
        process_file(_links_record(repo, "evidence/guide.md", "evidence/runbook.md")), repo
    )
    assert diag.code == OUTSIDE and "outside the governance repository" in diag.message


LINKED_RECORD = """\
schema_version: 1
id: linked-git
name: Linked git
controls:
  manage:
    - id: ctl-review
      title: Human review
      evidence:
        - {title: Settings, path: evidence/settings.txt}
        - {title: Git folder, path: evidence/repo-internals/config}
        - {title: Outside, path: evidence/outside.txt}
        - {title: Fine, path: evidence/fine.txt}
"""


def _linked_repo(tmp_path: Path) -> Path:
    """A real git repository whose evidence links into .git (a file and a folder) and out."""
    import subprocess

    root = tmp_path / "governance"
    (root / "systems").mkdir(parents=True)
    (root / "evidence").mkdir()
    (root / "docs").mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".git" / "config").write_text(
        "[remote]\n\turl = https://x-access-token:ghp_SECRETTOKEN@example.com/r.git\n"
    )
    (root / "aigov.yaml").write_text("", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Governance\n", encoding="utf-8")
    (root / "systems" / "linked-git.yaml").write_text(LINKED_RECORD, encoding="utf-8")
    (tmp_path / "outside.txt").write_text("ghp_OUTSIDESECRET\n")
    (root / "evidence" / "fine.txt").write_text("fine\n")
    os.symlink("../.git/config", root / "evidence" / "settings.txt")
    os.symlink("../.git", root / "evidence" / "repo-internals", target_is_directory=True)
    os.symlink(tmp_path / "outside.txt", root / "evidence" / "outside.txt")
    os.symlink("../.git/config", root / "docs" / "page.md")  # a user page linking into .git
    return root


def test_evidence_links_into_git_or_out_are_errors_and_never_published(tmp_path: Path) -> None:
    from tests.conftest import run_aigov

    root = _linked_repo(tmp_path)
    check = run_aigov("check", "--format", "json", cwd=root)
    import json

    found = {
        (d["line"], d["column"]): d["message"]
        for d in json.loads(check.stdout)["diagnostics"]
        if d["code"] == "AIG-EVIDENCE-001"
    }
    assert found == {
        (9, 35): "evidence path 'evidence/settings.txt' is a symbolic link into .git",
        (10, 37): "evidence path 'evidence/repo-internals/config' is a symbolic link into .git",
        (11, 34): f"evidence path 'evidence/outside.txt' is a symbolic link to "
        f"{(tmp_path / 'outside.txt').resolve()}, outside the governance repository",
    }
    for audience in ("public", "internal"):
        build = run_aigov(
            "build", "--audience", audience, "--today", "2026-05-01", cwd=root, timeout=300
        )
        assert build.returncode == 0, build.stdout + build.stderr
        for folder in (root / "site", root / ".aigov-build"):
            for path in folder.rglob("*"):
                if path.is_file():
                    data = path.read_bytes()
                    assert b"SECRETTOKEN" not in data and b"OUTSIDESECRET" not in data, path
        assert (root / "site" / "evidence" / "fine.txt").is_file()


def test_path_problems_are_written_in_the_organisations_language(tmp_path: Path) -> None:
    """Dutch and German say "bewijspad"/"Nachweispfad" and "gekoppeld pad"/"verlinkter Pfad"
    as whole words; the path itself is shown as written."""
    from aigov.i18n import use_language

    def problem(noun: str, path: str) -> tuple[str, str]:
        with pytest.raises(EvidencePathError) as err:
            resolve_evidence(tmp_path, path, noun=noun)
        return err.value.message, err.value.hint

    (tmp_path / "evidence").mkdir()
    assert problem("evidence", "evidence") == (
        "evidence path 'evidence' is a folder",
        "Cite the file itself (a report, a memo), not the folder that holds it.",
    )
    with use_language("nl"):
        assert problem("evidence", "evidence")[0] == "bewijspad 'evidence' is een map"
        assert problem("linked", "../x.pdf")[0] == (
            "gekoppeld pad '../x.pdf' verlaat de governance-repository ('..')"
        )
        message, hint = problem("evidence", "evidence/gone.pdf")
        assert message == "bewijsbestand 'evidence/gone.pdf' bestaat niet"
        assert hint.startswith("Voeg het bestand toe (bewijs staat meestal in evidence/")
    with use_language("de"):
        assert problem("linked", "/etc/passwd")[0] == "verlinkter Pfad '/etc/passwd' ist absolut"
    assert problem("linked", "/etc/passwd")[0] == "linked path '/etc/passwd' is absolute"


def test_url_problems_are_written_in_the_organisations_language() -> None:
    from aigov.i18n import use_language

    assert check_url("ftp://example.com/x") == "is not an http(s) link"
    with use_language("nl"):
        assert check_url("ftp://example.com/x") == "is geen http(s)-link"
        assert check_url("https://user:pw@example.com/") == "bevat een gebruikersnaam of wachtwoord"
    with use_language("de"):
        assert check_url("https://exa mple.com") == "enthält Leerzeichen oder Steuerzeichen"
