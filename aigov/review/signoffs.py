"""Sign-offs bound to content: which are current, which went stale, and what changed since.

A sign-off carries the content hash of the record it approved (`aigov approve` writes it).
When the record's content hash differs now, the sign-off is stale. Nothing in the entry is
believed: git history says who made it and whether it was edited since (`aigov.review.verify`);
an edited one is invalid, and one whose maker cannot be checked is unverified, never current. To show *what* changed, the
approved version is looked up in the file's git history (the commit whose content has that
hash) and compared field by field with the current record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigov.binding import Lapse, lapses
from aigov.hashing import content_hash
from aigov.model import ConditionStatus, ReviewDecision, SignOff
from aigov.paths import find_root
from aigov.review import splice
from aigov.review.diff import Change, diff, show, summary, top_sections
from aigov.review.git import Commit, GitError, Repo, find_repo
from aigov.review.labels import field_title
from aigov.review.verify import (
    Trust,
    Verdict,
    approved_revision,
    backdated,
    entries_of,
    verdict_key,
    verify_keyed,
    verify_signoffs,
)
from aigov.yamlload import load_bytes

if TYPE_CHECKING:
    from aigov.project import LoadedRecord


class Status(StrEnum):
    CURRENT = "current"  # approved exactly this content, made by the reviewer (git says so)
    STALE = "stale"  # the content changed after approval
    UNBOUND = "unbound"  # no content hash: cannot tell what was approved
    INVALID = "invalid"  # edited after it was made, or its hash is not the revision it names
    UNVERIFIED = "unverified"  # claims this content, but who made it cannot be confirmed


@dataclass(frozen=True)
class Version:
    """A version of the record found in git history."""

    commit: Commit
    data: Any
    content_hash: str


@dataclass
class SignOffState:
    """One sign-off and what it means for the current content."""

    index: int
    signoff: SignOff
    status: Status
    superseded_by: int | None = None  # a later sign-off for the same role
    superseded_on: str = ""  # the date (and time) of that later sign-off
    superseded_by_signoff: SignOff | None = None
    approved: Version | None = None  # the approved version, when found in git
    first_held: Commit | None = None  # the first commit that held the approved content
    backdated: str = ""  # "dated …, before the version it approves (…)"
    lapses: list[Lapse] = field(default_factory=list)  # why it no longer binds (stale)
    changes: list[Change] | None = None  # since approval; None = not known
    looked_up: bool = False  # whether git history was consulted
    redacted: bool = False  # changes were computed between public (redacted) versions
    no_git: bool = False  # the record is not in a git repository (or git is missing)
    verdict: Verdict | None = None  # what git history says about the entry (None: not asked)

    @property
    def effective(self) -> bool:
        """The latest sign-off for its role (the one that counts)."""
        return self.superseded_by is None

    @property
    def superseded_note(self) -> str:
        """'Superseded by the legal sign-off of 2026-05-01', or '' for the effective one. A
        superseded sign-off is history, not a stale approval: its content binding no longer
        matters."""
        if self.superseded_by is None:
            return ""
        when = f" of {self.superseded_on}" if self.superseded_on else ""
        return f"Superseded by the {self.role_title.lower()} sign-off{when}"

    @property
    def role(self) -> str:
        return self.signoff.role.value

    @property
    def role_title(self) -> str:
        return field_title(self.role)

    @property
    def decided(self) -> str:
        """'approval', 'approval with conditions' or 'rejection'."""
        return {
            ReviewDecision.APPROVED: "approval",
            ReviewDecision.APPROVED_WITH_CONDITIONS: "approval with conditions",
            ReviewDecision.REJECTED: "rejection",
        }[self.signoff.decision]

    @property
    def headline(self) -> str:
        """One line a reviewer reads first."""
        s = self.signoff
        who = f"{self.role_title} {self.decided} by {s.reviewer} on {s.when}"
        if self.status == Status.INVALID:
            return _invalid_headline(self.invalid_reason)
        if self.status == Status.UNVERIFIED:
            return f"{who}: unverified ({self.trust_reason})"
        if self.status == Status.CURRENT:
            return f"{who}: current (the record has not changed since)"
        if self.status == Status.UNBOUND:
            return (
                f"{who}: not bound to content (no record hash), so changes since cannot be detected"
            )
        return self.changed_since

    @property
    def changed_since(self) -> str:
        """'Changed since the legal approval of 2026-12-03 10:14 UTC by Jonas Becker'."""
        s = self.signoff
        return f"Changed since the {self.role_title.lower()} {self.decided} of {s.when} by {s.reviewer}"

    @property
    def approved_revision(self) -> str:
        """The short id of the revision this sign-off approved ('' when not known)."""
        return self.approved.commit.short if self.approved else ""

    @property
    def content_changed(self) -> bool:
        return any(lapse.kind == "content" for lapse in self.lapses)

    @property
    def open_conditions(self) -> list[str]:
        return [c.text for c in self.signoff.condition_items if c.status == ConditionStatus.OPEN]

    @property
    def invalid_reason(self) -> str:
        return self.verdict.invalid if self.verdict else ""

    @property
    def trust(self) -> str:
        """signed, committed, pending, foreign or unknown ('' when git was not asked)."""
        return self.verdict.trust.value if self.verdict else ""

    @property
    def trust_reason(self) -> str:
        return self.verdict.reason if self.verdict else ""

    @property
    def change_summary(self) -> str:
        if self.status != Status.STALE:
            return ""
        others = [lapse.text for lapse in self.lapses if lapse.kind != "content"]
        if not self.content_changed:
            return "; ".join(others)
        content = self._content_summary()
        return "; ".join([content, *others])

    def _content_summary(self) -> str:
        if self.changes is None:
            if not self.looked_up:
                return "the record changed after this sign-off"
            if self.no_git:
                return "the record changed after approval (without git history the changes cannot be shown)"
            return "the approved version is not in the git history, so the changes are unknown"
        if not self.changes:
            if self.redacted:
                return "the changes are all in parts withheld from this edition"
            return "the approved version differs only in values that compare equal"
        return f"{summary(self.changes)} in {', '.join(top_sections(self.changes))}"

    def to_dict(self) -> dict[str, Any]:
        s = self.signoff
        return {
            "reviewer": s.reviewer,
            "role": s.role.value,
            "decision": s.decision.value,
            "date": s.date.isoformat(),
            "time": s.time.strftime("%H:%M") if s.time else None,
            "conditions": [c.model_dump(mode="json", exclude_none=True) for c in s.condition_items],
            "comment": s.comment,
            "scope": s.scope,
            "valid_until": s.valid_until.isoformat() if s.valid_until else None,
            "record_hash": s.record_hash,
            "revision": s.revision,
            "approved_revision": self.approved.commit.sha if self.approved else None,
            "backdated": self.backdated or None,
            "lapses": [lapse.text for lapse in self.lapses],
            "status": self.status.value,
            "trust": self.trust or None,
            "trust_reason": self.trust_reason or None,
            "invalid": self.invalid_reason or None,
            "effective": self.effective,
            "superseded": self.superseded_note,
            "headline": self.headline,
            "approved_commit": self.approved.commit.sha if self.approved else None,
            "changes": [c.to_dict() for c in self.changes] if self.changes is not None else None,
        }


def signoff_states(
    loaded: LoadedRecord,
    root: Path | None = None,
    *,
    with_changes: bool = False,
    repo: Repo | None = None,
    today: dt.date | None = None,
) -> list[SignOffState]:
    """The state of every sign-off in the record, oldest first.

    A sign-off is stale when the record's content changed, an evidence file it binds changed,
    or it expired (`aigov.binding.lapses`, judged on `today`, default the real today). With
    `with_changes`, stale sign-offs get the field-level changes since approval, from the
    approved version in git history (`locate_approved`).
    """
    rec = loaded.record
    if rec is None:
        return []
    current = loaded.content_hash or content_hash(loaded.data)
    base = root or find_root(loaded.source.parent)
    day = today or dt.date.today()
    states: list[SignOffState] = []
    latest: dict[str, int] = {}
    order = sorted(range(len(rec.signoffs)), key=lambda i: (rec.signoffs[i].signed_at, i))
    verdicts = signoff_verdicts(loaded, repo)
    for i, s in enumerate(rec.signoffs):
        verdict = verdicts[i] if i < len(verdicts) else None
        lapsed = lapses(s, current, today=day, root=base)
        st = SignOffState(i, s, _status(s, lapsed, verdict), verdict=verdict, lapses=lapsed)
        st.backdated = verdict.backdated if verdict else ""
        states.append(st)
    for i in order:
        role = rec.signoffs[i].role.value
        if role in latest:
            earlier = states[latest[role]]
            earlier.superseded_by = i
            earlier.superseded_on = rec.signoffs[i].when
            earlier.superseded_by_signoff = rec.signoffs[i]
        latest[role] = i
    if with_changes and any(st.signoff.record_hash for st in states):
        # a public copy (aigov.audience.redact) redacts the approved version the same way
        from aigov.audience import transform_for

        shown = transform_for(loaded) or _same
        repo = repo or find_repo(loaded.source)
        versions: list[Version] = []
        if repo is not None:
            try:
                versions = iter_versions(repo, repo.rel(loaded.source))
            except GitError:
                versions = []
        locate_approved(states, versions, repo, loaded.source)
        for st in states:
            if st.status == Status.STALE:
                st.lapses = [
                    describe_component_lapse(lapse, base, st.signoff) for lapse in st.lapses
                ]
        for st in states:
            if st.status != Status.STALE or not st.content_changed:
                continue
            st.looked_up = True
            st.no_git = repo is None
            st.redacted = shown is not _same
            if st.approved is not None:
                st.changes = diff(
                    shown(st.approved.data), shown(loaded.data), exclude=("signoffs",)
                )
    return states


def describe_component_lapse(lapse: Lapse, root: Path, s: SignOff) -> Lapse:
    """A component lapse with what changed in the component since approval ("version: 3.1 →
    3.2"), from the approved version of `components/<id>.yaml` in git history; other lapses,
    and components whose approved version is not in history, as they are."""
    if lapse.kind != "component" or not lapse.path:
        return lapse
    cid = Path(lapse.path).stem
    digest = s.component_hashes.get(cid)
    source = root / lapse.path
    if digest is None or not source.is_file():
        return lapse
    found = find_versions(source, [digest]).get(digest)
    if found is None:
        return lapse
    doc, _ = load_bytes(source.read_bytes(), lapse.path)
    if doc is None:
        return lapse
    changes = diff(found.data, doc.data)
    if not changes:
        return lapse
    shown = [_change_words(c) for c in changes[:3]]
    more = f" and {len(changes) - 3} more" if len(changes) > 3 else ""
    return Lapse(lapse.kind, f"{lapse.text}: {'; '.join(shown)}{more}", lapse.path)


def _change_words(c: Change) -> str:
    if c.kind == "changed":
        return f"{c.field} {show(c.old)} → {show(c.new)}"
    return f"{c.field} {c.kind}"


def locate_approved(
    states: list[SignOffState], versions: list[Version], repo: Repo | None, source: Path
) -> None:
    """Set each sign-off's approved version: the one answer to "which revision did this
    sign-off approve" (`aigov.review.verify.approved_revision`), the revision it records and
    never a later commit that merely has the same content hash. `versions` are the file's
    committed versions, newest first."""
    commits = [v.commit for v in versions]
    hashes: list[str | None] = [v.content_hash for v in versions]
    by_sha = {v.commit.sha: v for v in versions}

    def resolve(revision: str) -> Commit | None:
        if repo is None:
            return None
        try:
            found = repo.log(repo.rel(source), limit=1, start=repo.resolve(revision))
        except GitError:
            return None
        return found[0] if found else None

    for st in states:
        s, verdict = st.signoff, st.verdict
        approved: Commit | None
        first: Commit | None
        if verdict is not None and verdict.approved is not None:
            approved, first = verdict.approved, verdict.first_held
        else:
            approved, first = approved_revision(
                s.revision or "",
                s.record_hash or "",
                verdict.commit if verdict else None,
                commits,
                hashes,
                resolve,
            )
            if first is not None and not st.backdated:
                st.backdated = backdated(
                    {"date": s.date.isoformat(), "time": s.time.isoformat() if s.time else None},
                    first,
                    verdict.commit if verdict else None,
                )
        st.first_held = first
        st.approved = by_sha.get(approved.sha) if approved else None
        if approved is not None and st.approved is None and repo is not None:
            st.approved = _version_at(repo, approved)


def _version_at(repo: Repo, commit: Commit) -> Version | None:
    blob = repo.show(commit.sha, commit.path)
    if blob is None:
        return None
    doc, _ = load_bytes(blob, f"{commit.short}:{commit.path}")
    return None if doc is None else Version(commit, doc.data, content_hash(doc.data))


@dataclass(frozen=True)
class Verified:
    """The sign-off verdicts a check computed for a record (`CheckSummary.verified`), with
    what they were computed for: later stages of the same run (portfolio, cards, site
    history) use them while HEAD, the file and its entries are what they were, instead of
    reading git history again."""

    key: tuple[str, str]  # aigov.review.verify.verdict_key: HEAD, the file, its entries
    file_state: tuple[int, int, int] | None  # the file's mtime, size and inode then
    verdicts: tuple[Verdict, ...]


def verified_signoffs(loaded: LoadedRecord) -> Verified | None:
    """Verify the record's sign-offs against git history, for `CheckSummary.verified`; None
    when it has none or no history was read."""
    if loaded.record is None or not loaded.record.signoffs or loaded.audience != "internal":
        return None
    state = _file_state(loaded.source)
    key, verdicts = verify_keyed(
        loaded.source, loaded.data, doc=loaded.doc, data_hash=loaded.content_hash
    )
    return None if key is None else Verified(key, state, tuple(verdicts))


def _file_state(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _carried(loaded: LoadedRecord, repo: Repo | None) -> list[Verdict] | None:
    """The verdicts the check left on the record, when they still hold: the same commit is
    checked out, and the entries are the same (for a public copy, whose entries are
    redacted: the file is unchanged since)."""
    found = getattr(loaded.check_summary, "verified", None)
    if not isinstance(found, Verified):
        return None
    repo = repo if repo is not None else find_repo(loaded.source)
    if repo is None:
        return None
    try:
        head = repo.current_head()
        if head is None:
            return None
        rel = repo.rel(loaded.source)
    except GitError:
        return None
    if loaded.audience == "internal":
        still = found.key == verdict_key(head, rel, entries_of(loaded.data))
    else:
        still = found.key[0] == verdict_key(head, rel, [])[0] and (
            found.file_state is not None and _file_state(loaded.source) == found.file_state
        )
    return list(found.verdicts) if still else None


def signoff_verdicts(loaded: LoadedRecord, repo: Repo | None = None) -> list[Verdict]:
    """What git history says about each sign-off entry of the record file (the check's
    verdicts, when it left ones that still hold)."""
    if loaded.record is None or not loaded.record.signoffs:
        return []
    carried = _carried(loaded, repo)
    if carried is not None:
        return carried
    if loaded.edition.audience == "public":  # redacted: compare the file's own entries
        try:
            doc, _ = load_bytes(loaded.source.read_bytes(), loaded.path)
        except OSError:
            doc = None
        if doc is None:
            return []
        return verify_signoffs(loaded.source, doc.data, repo, doc=doc)
    return verify_signoffs(
        loaded.source, loaded.data, repo, doc=loaded.doc, data_hash=loaded.content_hash
    )


def _status(s: SignOff, lapsed: list[Lapse], verdict: Verdict | None) -> Status:
    """Invalid first (tampering), then what the binding says; a match made by someone the
    history cannot confirm as the reviewer is unverified, not current."""
    if verdict is not None and verdict.invalid:
        return Status.INVALID
    if not s.record_hash:
        return Status.UNBOUND
    if lapsed:
        return Status.STALE
    if verdict is not None and verdict.trust not in (Trust.SIGNED, Trust.COMMITTED):
        return Status.UNVERIFIED
    return Status.CURRENT


def binding_text(st: SignOffState) -> str:
    """What a card's "bound to this content" cell says for an invalid or unverified sign-off
    ('' for the others, which the templates word themselves)."""
    if st.status == Status.INVALID:
        return _invalid_headline(st.invalid_reason)
    if st.status == Status.UNVERIFIED:
        return f"Unverified: {st.trust_reason}" if st.trust_reason else "Unverified"
    return ""


def _invalid_headline(reason: str) -> str:
    """'Invalid: the sign-off was edited after it was made (decision changed in ...)'."""
    if reason.startswith("the sign-off was edited after it was made"):
        return "Invalid: " + reason
    return f"Invalid: {reason}" if reason else "Invalid"


def _same(data: Any) -> Any:
    return data


def stale_signoffs(
    loaded: LoadedRecord, root: Path | None = None, *, with_changes: bool = False
) -> list[SignOffState]:
    """Effective (latest per role) sign-offs that no longer bind what they approved."""
    return [
        s
        for s in signoff_states(loaded, root, with_changes=with_changes)
        if s.status == Status.STALE and s.effective
    ]


def find_versions(
    source: Path, hashes: Iterable[str], *, repo: Repo | None = None
) -> dict[str, Version]:
    """For each content hash, the newest committed version of the file with that content
    (for `aigov diff`-style lookups; what a sign-off approved is `locate_approved`'s)."""
    wanted = set(hashes)
    if not wanted:
        return {}
    repo = repo or find_repo(source)
    if repo is None:
        return {}
    found: dict[str, Version] = {}
    try:
        for version in iter_versions(repo, repo.rel(source)):
            if version.content_hash in wanted and version.content_hash not in found:
                found[version.content_hash] = version
                if len(found) == len(wanted):
                    break
    except GitError:
        return found
    return found


def iter_versions(
    repo: Repo,
    relpath: str,
    *,
    limit: int | None = None,
    commits: list[Commit] | None = None,
    current: tuple[bytes, Any, str] | None = None,
) -> list[Version]:
    """Every committed version of the file, newest first (deletions and unreadable versions
    are skipped). `commits` (from `Repo.log_many`) saves asking git again; `current` (the
    working file's bytes, data and hash) saves parsing a version identical to it."""
    if commits is None:
        commits = repo.log(relpath, limit=limit)
    elif limit:
        commits = commits[:limit]
    blobs = repo.show_many([(c.sha, c.path) for c in commits])
    # versions that differ from one read in full only in their sign-offs (most of a record's
    # history: `aigov approve` writes nothing else) are read through that block alone
    references: dict[tuple[str, int], tuple[splice.Reference, Any]] = {}
    out = []
    for commit, blob in zip(commits, blobs, strict=True):
        if blob is None:
            continue
        parsed = repo.parsed.get(blob)
        if parsed is None:
            name = f"{commit.short}:{commit.path}"
            if current is not None and blob == current[0]:
                parsed = (current[1], current[2])
            elif (quick := splice.whole_version(blob, references, name)) is not None:
                parsed = quick
            else:
                doc, _ = load_bytes(blob, name)
                if doc is None:
                    continue
                parsed = (doc.data, content_hash(doc.data))
                if (found := splice.reference_of(doc, parsed[1])) is not None:
                    references[found[0]] = (found[1], doc.data)
            repo.parsed[blob] = parsed
        out.append(Version(commit, parsed[0], parsed[1]))
    return out


@dataclass
class ReviewState:
    """Everything a card or page needs to show about a record's review state."""

    signoffs: list[SignOffState] = field(default_factory=list)

    @property
    def effective(self) -> list[SignOffState]:
        return [s for s in self.signoffs if s.effective]

    @property
    def stale(self) -> list[SignOffState]:
        return [s for s in self.effective if s.status == Status.STALE]

    @property
    def current(self) -> list[SignOffState]:
        return [s for s in self.effective if s.status == Status.CURRENT]

    def to_dict(self) -> dict[str, Any]:
        return {"signoffs": [s.to_dict() for s in self.signoffs]}


def review_state(
    loaded: LoadedRecord, root: Path | None = None, *, today: dt.date | None = None
) -> ReviewState:
    """Sign-off states with the changes since each stale approval (git history consulted)."""
    return ReviewState(signoff_states(loaded, root, with_changes=True, today=today))
