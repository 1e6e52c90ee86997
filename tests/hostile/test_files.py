"""Files and data: a build writes only its own folders and follows no link out of the
repository; commands that rewrite records leave each file whole — the old version or the new
one — when the process is killed at any point of a write, or when the disk refuses it.

Kills are deterministic: a small wrapper runs the real command in a process that sends itself
SIGKILL at a chosen point of the N-th atomic write (mid-write, before the rename, after it).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from aigov.project import load_project
from tests.hostile.corpus import init_repo
from tests.hostile.test_commands import BUILD, run_bounded

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "systems").glob("*.yaml"))

KILLER = r"""
import os, signal, sys
point, nth = sys.argv[1], int(sys.argv[2])
calls = {"write": 0, "replace": 0}
real_fdopen, real_replace = os.fdopen, os.replace

class HalfWriter:
    def __init__(self, handle): self.handle = handle
    def __enter__(self): return self
    def __exit__(self, *exc): return self.handle.__exit__(*exc)
    def write(self, data):
        calls["write"] += 1
        if point == "mid-write" and calls["write"] == nth:
            self.handle.write(data[: len(data) // 2]); self.handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        return self.handle.write(data)
    def __getattr__(self, name): return getattr(self.handle, name)

def fdopen(fd, *args, **kwargs):
    return HalfWriter(real_fdopen(fd, *args, **kwargs))

def replace(src, dst, *args, **kwargs):
    calls["replace"] += 1
    if point == "before-rename" and calls["replace"] == nth:
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst, *args, **kwargs)
    if point == "after-rename" and calls["replace"] == nth:
        os.kill(os.getpid(), signal.SIGKILL)

os.fdopen, os.replace = fdopen, replace
from aigov.cli import main
main(sys.argv[3:])
"""

POINTS = ["mid-write", "before-rename", "after-rename"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(skip):
            continue
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = _digest(path)
    return out


def _killed(point: str, nth: int, args: list[str], cwd: Path) -> int:
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(nth), *args],
        cwd=cwd,
        capture_output=True,
        timeout=120,
    )
    return proc.returncode


def _scrambled_repo(root: Path, count: int = 6) -> Path:
    """Records that `aigov fmt` must rewrite: the examples with their keys sorted A-Z, next
    to the shared components they use (a record naming a missing component is not valid)."""
    repo = init_repo(root)
    shutil.copytree(REPO / "components", repo / "components")
    for i in range(count):
        data = yaml.safe_load(EXAMPLES[i % len(EXAMPLES)].read_text())
        data["id"] = f"{data['id']}-{i}"
        text = yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=1000)
        (repo / "systems" / f"{data['id']}.yaml").write_text(text)
    return repo


# --- aigov fmt ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fmt_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """The records before, and what a complete `aigov fmt` makes of them."""
    source = _scrambled_repo(tmp_path_factory.mktemp("fmt-source") / "repo")
    done = tmp_path_factory.mktemp("fmt-done") / "repo"
    shutil.copytree(source, done)
    result = run_bounded(["fmt", "-q"], done)
    assert result.returncode == 0, result.both
    before = _snapshot(source / "systems")
    after = _snapshot(done / "systems")
    changed = [p for p in before if before[p] != after[p]]
    assert len(changed) == len(before), "every scrambled record needs rewriting"
    return source, before, after


@pytest.mark.parametrize("point", POINTS)
def test_fmt_killed_mid_write_leaves_every_record_whole(
    point: str, fmt_reference: tuple[Path, dict, dict], tmp_path: Path
) -> None:
    source, before, after = fmt_reference
    repo = tmp_path / "repo"
    shutil.copytree(source, repo)
    code = _killed(point, 3, ["fmt", "-q"], repo)
    assert code == -9, "the wrapper should have killed the process"
    now = _snapshot(repo / "systems")
    records = {p: d for p, d in now.items() if not Path(p).name.startswith(".")}
    assert set(records) == set(before)
    for rel, digest in records.items():
        assert digest in (before[rel], after[rel]), f"{rel} is neither the old nor the new file"
    formatted = sum(records[p] == after[p] for p in records)
    assert formatted == {"mid-write": 2, "before-rename": 2, "after-rename": 3}[point]
    # a temporary file may be left behind by SIGKILL; it is hidden and aigov ignores it
    leftovers = [p for p in now if Path(p).name.startswith(".")]
    assert all(p.endswith(".tmp") for p in leftovers)
    project = load_project(root=repo, jobs=1)
    assert len(project.records) == len(before)  # the temporary file is not taken for a record
    assert all(r.valid for r in project.records)
    # and the next run finishes the job
    result = run_bounded(["fmt", "-q"], repo)
    assert result.returncode == 0, result.both
    assert {p: d for p, d in _snapshot(repo / "systems").items() if p in after} == after
    # ... and clears the temporary file the killed run left
    assert not [p for p in _snapshot(repo / "systems") if Path(p).name.startswith(".")]


def test_fmt_on_a_full_disk_keeps_the_record_and_says_so(
    fmt_reference: tuple[Path, dict, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from aigov.cli import cli

    source, before, _after = fmt_reference
    repo = tmp_path / "repo"
    shutil.copytree(source, repo)

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    run = CliRunner().invoke(cli, ["fmt", "--root", str(repo)])
    assert run.exception is None or isinstance(run.exception, SystemExit), run.exception
    assert run.exit_code in (1, 2), run.output
    assert "No space left on device" in run.output
    assert _snapshot(repo / "systems") == before  # untouched, and no temporary files left


# --- aigov approve ------------------------------------------------------------------------------------

APPROVE = ["approve", "{id}", "--role", "legal", "--reviewer", "Jonas Becker", "--decision",
           "approved", "--date", "2026-06-01"]  # fmt: skip


@pytest.mark.parametrize("point", POINTS)
def test_approve_killed_mid_write_leaves_the_record_whole(point: str, tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    example = EXAMPLES[0]
    target = repo / "systems" / example.name
    shutil.copy(example, target)
    before = target.read_bytes()
    ident = example.stem
    code = _killed(point, 1, [a.format(id=ident) for a in APPROVE], repo)
    assert code == -9
    after = target.read_bytes()
    if point == "after-rename":
        assert after != before and b"Jonas Becker" in after
    else:
        assert after == before
    project = load_project(root=repo, jobs=1)
    [loaded] = project.records
    assert loaded.valid, project.all_diagnostics


# --- aigov build -------------------------------------------------------------------------------------


def _example_repo(root: Path, count: int = 1) -> Path:
    """A repository with the first `count` bundled examples and their evidence (a small site
    keeps each build short)."""
    repo = init_repo(root / "repo")
    for example in EXAMPLES[:count]:
        shutil.copy(example, repo / "systems" / example.name)
        evidence = REPO / "evidence" / example.stem
        if evidence.is_dir():
            shutil.copytree(evidence, repo / "evidence" / example.stem)
    return repo


@pytest.mark.skipif(not BUILD, reason="aigov build has not landed")
def test_build_writes_only_its_own_folders(tmp_path: Path) -> None:
    """Everything else in and around the repository is byte-for-byte as it was; a piece of
    evidence that is a link out of the repository is not published."""
    repo = _example_repo(tmp_path, count=2)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-OUTSIDE-THE-REPOSITORY\n")
    folder = next(p for p in (repo / "evidence").iterdir() if p.is_dir())
    (folder / "leak.md").symlink_to(outside / "secret.txt")
    before = _snapshot(tmp_path)
    result = run_bounded(["build", "--no-progress"], repo)
    assert result.returncode in (0, 1), result.both
    assert "Traceback" not in result.both
    after = _snapshot(tmp_path, skip=("repo/site/", "repo/.aigov-build/"))
    assert after == before
    site = repo / "site"
    assert (site / "index.html").is_file()
    published = [p for p in site.rglob("*") if p.is_file() and b"SECRET-OUTSIDE" in p.read_bytes()]
    assert published == []


@pytest.mark.skipif(not BUILD, reason="aigov build has not landed")
def test_build_refuses_a_build_folder_that_links_out(tmp_path: Path) -> None:
    """`.aigov-build` committed as a link would make every build write (and delete stale
    files) wherever it points."""
    repo = _example_repo(tmp_path)
    elsewhere = tmp_path / "outside" / "pages"
    (elsewhere / "docs").mkdir(parents=True)
    (elsewhere / "docs" / "precious.md").write_text("not aigov's\n")
    (repo / ".aigov-build").symlink_to(elsewhere, target_is_directory=True)
    before = _snapshot(tmp_path / "outside")
    result = run_bounded(["build", "--no-progress"], repo)
    assert result.returncode == 2, result.both
    assert "symbolic link" in result.stderr and "hint:" in result.stderr
    assert _snapshot(tmp_path / "outside") == before


@pytest.mark.skipif(not BUILD, reason="aigov build has not landed")
def test_build_refuses_a_site_folder_that_links_out(tmp_path: Path) -> None:
    """Even when the link's target looks like a built site, it is not replaced."""
    repo = _example_repo(tmp_path)
    elsewhere = tmp_path / "outside" / "www"
    (elsewhere / "search").mkdir(parents=True)
    (elsewhere / "index.html").write_text("<p>someone else's site</p>\n")
    (repo / "site").symlink_to(elsewhere, target_is_directory=True)
    before = _snapshot(tmp_path / "outside")
    result = run_bounded(["build", "--no-progress"], repo)
    assert result.returncode == 2, result.both
    assert "symbolic link" in result.stderr
    assert _snapshot(tmp_path / "outside") == before


SWAP_KILLER = r"""
import os, signal, sys
import aigov.site.build as build
real_swap, real_replace = build.swap_into_place, os.replace
inside = []
def replace(src, dst, *args, **kwargs):
    real_replace(src, dst, *args, **kwargs)
    if inside:  # the old site has just been moved aside; the new one is not in place yet
        os.kill(os.getpid(), signal.SIGKILL)
def swap(staging, site_dir):
    inside.append(1)
    return real_swap(staging, site_dir)
os.replace, build.swap_into_place = replace, swap
from aigov.cli import main
main(sys.argv[1:])
"""


@pytest.mark.skipif(not BUILD, reason="aigov build has not landed")
def test_a_build_killed_between_its_renames_loses_no_site(tmp_path: Path) -> None:
    """Killed after moving the old site aside and before moving the new one in: the next
    build puts the previous site back if it fails, and leaves no leftovers when it succeeds."""
    repo = _example_repo(tmp_path)
    assert run_bounded(["build", "--no-progress"], repo).returncode in (0, 1)
    previous = _snapshot(repo / "site")
    proc = subprocess.run(
        [sys.executable, "-c", SWAP_KILLER, "build", "--no-progress"],
        cwd=repo,
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == -9
    assert not (repo / "site").exists()
    [aside] = list(repo.glob(".site.aigov-old-*"))
    assert _snapshot(aside) == previous  # nothing lost, only moved aside

    mkdocs = repo / "mkdocs.yml"
    mkdocs.write_text("site_name: x\ntheme: {name: no-such-theme}\n")
    failed = run_bounded(["build", "--no-progress"], repo)
    assert failed.returncode == 2, failed.both
    assert _snapshot(repo / "site") == previous  # the failed build put it back

    mkdocs.unlink()
    again = run_bounded(["build", "--no-progress"], repo)
    assert again.returncode in (0, 1), again.both
    assert (repo / "site" / "index.html").is_file()
    assert [p.name for p in repo.iterdir() if p.name.startswith(".site.aigov-")] == []


# --- aigov new ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("point", ["mid-write"])
def test_new_killed_mid_write_leaves_no_half_record(point: str, tmp_path: Path) -> None:
    """A new record appears whole or not at all; a second try is not blocked by the first."""
    repo = init_repo(tmp_path / "repo")
    args = ["new", "claims-triage", "--no-interactive", "--name", "Claims triage"]
    assert _killed(point, 1, args, repo) == -9
    assert not (repo / "systems" / "claims-triage.yaml").exists()
    assert all(p.name.startswith(".") for p in (repo / "systems").iterdir())
    again = run_bounded(args, repo)
    assert again.returncode == 0, again.both
    assert load_project(root=repo, jobs=1).records[0].valid
