"""Compare two versions of a record: two git revisions, a revision and the working copy, or
two files. Used by `aigov diff`; returns data (changes and diagnostics), never prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aigov.diagnostics import Diagnostic
from aigov.errors import SetupError
from aigov.hashing import content_hash
from aigov.paths import display_path
from aigov.review.diff import Change, diff
from aigov.review.git import Commit, GitError, Repo, open_repo
from aigov.yamlload import load_bytes, load_file

WORKING = "working copy"


@dataclass
class Side:
    """One of the two versions compared."""

    label: str  # "a1b2c3d (2026-05-25, Jonas Becker)", "working copy", a file name
    path: str
    rev: str | None = None  # full sha, for revisions
    commit: Commit | None = None
    data: Any = None
    content_hash: str = ""
    exists: bool = True

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "path": self.path,
            "revision": self.rev,
            "exists": self.exists,
            "content_hash": self.content_hash or None,
        }
        if self.commit:
            out["commit"] = {
                "sha": self.commit.sha,
                "author": self.commit.author,
                "date": self.commit.date,
                "subject": self.commit.subject,
            }
        return out


@dataclass
class Comparison:
    old: Side
    new: Side
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # shared components (components/<id>.yaml) the record uses that changed between the two
    # revisions, by id: a change there makes the record's sign-offs stale too
    components: dict[str, list[Change]] = field(default_factory=dict)

    @property
    def same_content(self) -> bool:
        return self.old.content_hash == self.new.content_hash and self.old.exists == self.new.exists

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.old.to_dict(),
            "to": self.new.to_dict(),
            "same_content": self.same_content,
            "changes": [c.to_dict() for c in self.changes],
            "components": {k: [c.to_dict() for c in v] for k, v in self.components.items()},
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


class CompareError(SetupError):
    """A usage or environment problem (no git, unknown revision, file never committed)."""


def compare_files(a: Path, b: Path) -> Comparison:
    old, d1 = _file_side(a)
    new, d2 = _file_side(b)
    return _finish(Comparison(old, new, diagnostics=d1 + d2))


def compare_revisions(path: Path, rev_a: str | None = None, rev_b: str | None = None) -> Comparison:
    """REV_A → REV_B; REV_A → working copy when REV_B is None; HEAD → working copy when both
    are None."""
    try:
        repo = open_repo(path)
        rel = repo.rel(path)
    except GitError as exc:
        raise CompareError(str(exc)) from None
    diags: list[Diagnostic] = []
    sides: list[Side] = []
    for rev in (rev_a or "HEAD", rev_b):
        if rev is None:
            side, d = _file_side(path, WORKING)
        else:
            try:
                sha = repo.resolve(rev)
            except GitError as exc:
                if rev == "HEAD":
                    raise CompareError(
                        "the repository has no commits yet; commit the record first"
                    ) from None
                raise CompareError(str(exc)) from None
            side, d = _rev_side(repo, sha, rev, rel, path)
        sides.append(side)
        diags += d
    if not sides[0].exists and not sides[1].exists:
        raise CompareError(f"{rel} does not exist at {sides[0].label} or at {sides[1].label}")
    cmp = _finish(Comparison(sides[0], sides[1], diagnostics=diags))
    cmp.components = _component_changes(repo, rel, sides[0], sides[1])
    return cmp


def _uses(data: Any) -> list[str]:
    uses = data.get("uses") if isinstance(data, dict) else None
    if not isinstance(uses, list):
        return []
    return [str(u["component"]) for u in uses if isinstance(u, dict) and u.get("component")]


def _component_changes(repo: Repo, rel: str, old: Side, new: Side) -> dict[str, list[Change]]:
    """What changed in each shared component the record uses (at either side) between the
    two sides: `components/<id>.yaml` at the old revision against the new one (or the
    working copy)."""
    ids = dict.fromkeys([*_uses(old.data), *_uses(new.data)])
    if not ids:
        return {}
    top = rel.split("/")[:-1]
    prefix = "/".join(top[:-1]) if top and top[-1] == "systems" else ""
    out: dict[str, list[Change]] = {}
    for cid in ids:
        crel = f"{prefix + '/' if prefix else ''}components/{cid}.yaml"
        before = _component_data(repo, old.rev, crel)
        after = _component_data(repo, new.rev, crel)
        changes = diff(before or {}, after or {})
        if changes:
            out[cid] = changes
    return out


def _component_data(repo: Repo, rev: str | None, crel: str) -> Any:
    if rev is None:
        file = Path(repo.top) / crel
        if not file.is_file():
            return None
        doc, _ = load_file(file, crel)
        return doc.data if doc else None
    blob = repo.show(rev, crel)
    if blob is None:
        return None
    doc, _ = load_bytes(blob, f"{rev[:7]}:{crel}")
    return doc.data if doc else None


def _rev_side(
    repo: Repo, sha: str, rev: str, rel: str, path: Path
) -> tuple[Side, list[Diagnostic]]:
    relpath = rel
    blob = repo.show(sha, rel)
    if blob is None:
        # the file may have had another name then: follow its renames back from HEAD
        try:
            for c in repo.log(rel):
                if repo.is_ancestor(c.sha, sha):
                    relpath = c.path
                    break
        except GitError:
            pass
        blob = repo.show(sha, relpath) if relpath != rel else None
    try:
        last = repo.log(relpath, follow=False, limit=1, start=sha)
    except GitError:
        last = []
    commit = last[0] if last else None
    label = rev if sha.startswith(rev) else f"{rev} ({sha[:7]})"
    if commit is not None:
        label += f", last changed {commit.day} by {commit.author}"
    shown = f"{sha[:7]}:{relpath}"
    if blob is None:
        return Side(label, relpath, sha, commit, exists=False), []
    doc, diags = load_bytes(blob, shown)
    if doc is None:
        return Side(label, relpath, sha, commit, exists=True), diags
    return Side(label, relpath, sha, commit, doc.data, content_hash(doc.data)), diags


def _file_side(path: Path, label: str | None = None) -> tuple[Side, list[Diagnostic]]:
    shown = display_path(path)
    if not path.exists():
        return Side(label or shown, shown, exists=False), []
    doc, diags = load_file(path, shown)
    if doc is None:
        return Side(label or shown, shown), diags
    return Side(label or shown, shown, data=doc.data, content_hash=content_hash(doc.data)), diags


def _finish(cmp: Comparison) -> Comparison:
    if any(d.severity.value == "error" for d in cmp.diagnostics) and (
        (cmp.old.data is None and cmp.old.exists) or (cmp.new.data is None and cmp.new.exists)
    ):
        return cmp  # a version does not load: the diagnostics say why
    cmp.changes = diff(
        cmp.old.data if cmp.old.exists else {}, cmp.new.data if cmp.new.exists else {}
    )
    return cmp
