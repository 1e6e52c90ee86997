"""What a sign-off binds, and whether that still holds.

A sign-off binds the record's content (its content hash), the evidence files it rests on (the
SHA-256 of each, written by `aigov approve`), the shared components the record uses (the content
hash of each `components/<id>.yaml`, `component_hashes`) and, when it has one, a date it is valid until.
`lapses` says why a sign-off no longer binds what it approved: the record changed, an evidence
file changed, or it expired. Checks, cards and the site all ask here, so they agree.
Sign-offs recorded before evidence checksums existed have none: that is not a lapse.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from aigov.citations import iter_evidence
from aigov.components import FOLDER, component_digest
from aigov.evidence import EvidencePathError, resolve_evidence
from aigov.i18n import _
from aigov.model import SignOff

LapseKind = Literal["content", "evidence", "component", "expired"]


@dataclass(frozen=True)
class Lapse:
    """One reason a sign-off no longer binds what it approved."""

    kind: LapseKind
    text: str  # "the record changed after approval", "evidence FILE changed since approval"
    path: str = ""  # the evidence file, for kind "evidence"; the component file for "component"


def file_digest(root: Path, relpath: str) -> str | None:
    """'sha256:…' of an evidence file inside the repository, None when it cannot be read."""
    try:
        path = resolve_evidence(root, relpath)
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except (EvidencePathError, OSError):
        return None


def bound_paths(data: Any, signoff_index: int | None = None) -> list[str]:
    """The evidence files a sign-off rests on: those it cites itself and those the record's
    controls cite (the reviewer approved the controls with their evidence). `data` is the
    record's data; `signoff_index` picks the sign-off (None: a new one, which cites nothing
    yet)."""
    out: dict[str, None] = {}
    for ref in iter_evidence(data):
        if ref.path is None or ref.kind != "evidence" or not ref.where:
            continue
        head = ref.where[0]
        if head == "controls" or (
            head == "signoffs" and len(ref.where) > 1 and ref.where[1] == signoff_index
        ):
            out.setdefault(ref.path, None)
    return list(out)


def evidence_digests(root: Path, paths: list[str]) -> dict[str, str]:
    """The checksum of each readable file among `paths`, by path."""
    found = {p: file_digest(root, p) for p in paths}
    return {p: d for p, d in found.items() if d is not None}


def lapses(
    s: SignOff, current_hash: str, *, today: dt.date | None = None, root: Path | None = None
) -> list[Lapse]:
    """Why `s` no longer binds what it approved (empty: it still does). A sign-off without a
    content hash binds nothing and so cannot lapse by content."""
    out: list[Lapse] = []
    if s.record_hash and current_hash and s.record_hash != current_hash:
        out.append(Lapse("content", _("the record changed after approval")))
    if root is not None:
        for path, digest in s.evidence_hashes.items():
            if file_digest(root, path) != digest:
                out.append(
                    Lapse(
                        "evidence",
                        _("evidence {path} changed since approval").format(path=path),
                        path,
                    )
                )
        for cid, digest in s.component_hashes.items():
            now = component_digest(root, cid)
            where = f"{FOLDER}/{cid}.yaml"
            if now is None:
                gone = _("shared component {id} ({file}) is gone").format(id=cid, file=where)
                out.append(Lapse("component", gone, where))
            elif now != digest:
                out.append(
                    Lapse(
                        "component",
                        _("shared component {id} ({file}) changed since approval").format(
                            id=cid, file=where
                        ),
                        where,
                    )
                )
    if s.valid_until is not None and today is not None and today > s.valid_until:
        expired = _("the approval expired on {date}").format(date=s.valid_until.isoformat())
        out.append(Lapse("expired", expired))
    return out
