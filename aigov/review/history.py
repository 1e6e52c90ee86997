"""A record's history: its git commits (who, when, what changed) and its sign-offs on one
timeline, plus the trend of evaluation results over time.

Data only; the site renders it as a history page per system.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigov.checks.facts import result_series
from aigov.model import Direction, Record
from aigov.review.diff import Change, diff, summary
from aigov.review.git import Commit, GitError, Repo, find_repo
from aigov.review.signoffs import (
    SignOffState,
    Status,
    Version,
    iter_versions,
    locate_approved,
    signoff_states,
)

if TYPE_CHECKING:
    from aigov.project import LoadedRecord

Transform = Callable[[Any], Any]  # e.g. public redaction, applied to every version's data


@dataclass
class CommitEntry:
    """One commit that touched the record."""

    commit: Commit
    content_hash: str
    changes: list[Change]  # content changes against the previous version (sign-offs excluded)
    signoffs_added: list[str]  # labels of sign-offs recorded in this commit
    created: bool = False  # the first version of the file
    approved_by: list[str] = field(
        default_factory=list
    )  # roles whose sign-off approved this content
    # a public history's commit that changed only withheld content: its subject and author
    # are blanked (they would say what changed), and it reads as "withheld change"
    withheld: bool = False

    @property
    def summary(self) -> str:
        if self.withheld:
            return "withheld change"
        if self.created:
            return "record created"
        if not self.changes and self.signoffs_added:
            return "sign-off recorded"
        if not self.changes:
            return "no content change (formatting, comments or order only)"
        return summary(self.changes)

    def to_dict(self) -> dict[str, Any]:
        c = self.commit
        return {
            "sha": c.sha,
            "short": c.short,
            "author": c.author,
            "date": c.date,
            "subject": c.subject,
            "path": c.path,
            "content_hash": self.content_hash,
            "created": self.created,
            "summary": self.summary,
            "signoffs_added": list(self.signoffs_added),
            "approved_by": list(self.approved_by),
            "withheld": self.withheld,
            "changes": [ch.to_dict() for ch in self.changes],
        }


@dataclass
class TrendPoint:
    date: str
    value: float
    threshold: float | None
    passes: bool | None


@dataclass
class Trend:
    """One metric's results over time (per dataset, split, slice and model)."""

    metric: str
    slice: str | None
    dataset: str | None
    direction: str
    points: list[TrendPoint]
    split: str | None = None
    component: str | None = None

    @property
    def title(self) -> str:
        parts = (self.slice, self.dataset, self.split, self.component)
        extra = ", ".join(x for x in parts if x)
        return f"{self.metric} ({extra})" if extra else self.metric

    @property
    def first(self) -> TrendPoint:
        return self.points[0]

    @property
    def last(self) -> TrendPoint:
        return self.points[-1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "slice": self.slice,
            "dataset": self.dataset,
            "split": self.split,
            "component": self.component,
            "direction": self.direction,
            "points": [p.__dict__ for p in self.points],
        }


@dataclass
class TimelineEntry:
    """One line of the timeline: a commit, a sign-off or uncommitted changes."""

    kind: str  # commit, signoff, uncommitted
    date: str  # YYYY-MM-DD
    title: str
    detail: str = ""
    commit: CommitEntry | None = None
    signoff: SignOffState | None = None
    changes: list[Change] = field(default_factory=list)
    sort_key: tuple[str, int, str] = ("", 0, "")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "date": self.date,
            "title": self.title,
            "detail": self.detail,
            "changes": [c.to_dict() for c in self.changes],
        }
        if self.commit:
            out["commit"] = self.commit.to_dict()
        if self.signoff:
            out["signoff"] = self.signoff.to_dict()
        return out


@dataclass
class History:
    system: str
    path: str
    available: bool
    reason: str = ""  # why git history is not available
    commits: list[CommitEntry] = field(default_factory=list)  # newest first
    signoffs: list[SignOffState] = field(default_factory=list)
    uncommitted: list[Change] | None = None  # working copy vs. last commit; None = clean
    trends: list[Trend] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)  # newest first

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "path": self.path,
            "available": self.available,
            "reason": self.reason,
            "commits": [c.to_dict() for c in self.commits],
            "signoffs": [s.to_dict() for s in self.signoffs],
            "uncommitted": [c.to_dict() for c in self.uncommitted]
            if self.uncommitted is not None
            else None,
            "trends": [t.to_dict() for t in self.trends],
            "timeline": [t.to_dict() for t in self.timeline],
        }


class HistoryIndex:
    """The git history of many records read at once: one `git log` for all of them and one
    `git cat-file --batch` for every version, instead of two git processes per record."""

    def __init__(self, repo: Repo | None, logs: dict[str, list[Commit]]) -> None:
        self.repo = repo
        self.logs = logs

    @classmethod
    def build(cls, sources: list[Path], *, limit: int | None = 200) -> HistoryIndex:
        repo = find_repo(sources[0]) if sources else None
        if repo is None:
            return cls(None, {})
        try:
            rels = [repo.rel(s) for s in sources]
            logs = repo.log_many(rels)
            wanted = [(c.sha, c.path) for r in rels for c in logs.get(r, [])[:limit]]
            repo.show_many(wanted)  # fills the repo's cache
        except GitError:
            return cls(repo, {})
        return cls(repo, logs)

    def commits(self, repo: Repo, source: Path) -> list[Commit] | None:
        if repo is not self.repo:
            return None
        try:
            return self.logs.get(repo.rel(source))
        except GitError:
            return None


def history(
    loaded: LoadedRecord,
    root: Path | None = None,
    *,
    transform: Transform | None = None,
    repo: Repo | None = None,
    limit: int | None = 200,
    index: HistoryIndex | None = None,
    today: dt.date | None = None,
) -> History:
    """The record's history from git and its sign-offs, on one timeline (newest first).

    `transform` is applied to every version's data before it is compared. For a public copy
    made by `aigov.audience.redact` the audience redaction is applied by default, so changes to
    internal fields never appear.
    """
    from aigov.audience import transform_for

    redacting = transform or transform_for(loaded)
    shown = redacting or (lambda d: d)
    hist = History(loaded.id, loaded.path, available=False)
    if loaded.record is not None:
        hist.trends = trends(loaded.record)
    repo = repo or find_repo(loaded.source)
    versions: list[Version] = []
    if repo is None:
        hist.reason = "the governance repository is not a git repository (or git is not installed)"
    else:
        try:
            known = index.commits(repo, loaded.source) if index is not None else None
            versions = iter_versions(
                repo,
                repo.rel(loaded.source),
                limit=limit,
                commits=known,
                current=_current(loaded),
            )
            hist.available = True
        except GitError as exc:
            versions = []
            hist.reason = str(exc)
        if hist.available and not versions:
            hist.reason = "the record has not been committed yet"
        hist.commits = _entries(versions, shown, redacted=redacting is not None)
        if versions and versions[0].content_hash != loaded.content_hash:
            hist.uncommitted = diff(
                shown(versions[0].data), shown(loaded.data), exclude=("signoffs",)
            )
    hist.signoffs = signoff_states(loaded, root, repo=repo, with_changes=False, today=today)
    locate_approved(hist.signoffs, versions, repo, loaded.source)
    for st in hist.signoffs:
        if st.status == Status.STALE and st.content_changed:
            st.looked_up = True
            st.no_git = not hist.available
            st.redacted = redacting is not None
            if st.approved is not None:
                st.changes = diff(
                    shown(st.approved.data), shown(loaded.data), exclude=("signoffs",)
                )
    for entry in hist.commits:
        entry.approved_by = [
            st.role for st in hist.signoffs if st.signoff.record_hash == entry.content_hash
        ]
    hist.timeline = _timeline(hist, versions)
    return hist


def _current(loaded: LoadedRecord) -> tuple[bytes, Any, str] | None:
    """The working file as (bytes, data, hash), when the loaded data is the file's own (a
    public copy's data is redacted, so it cannot stand in for a committed version)."""
    if loaded.edition.audience == "public" or loaded.data is None:
        return None
    try:
        return loaded.source.read_bytes(), loaded.data, loaded.content_hash
    except OSError:
        return None


def _entries(versions: list[Version], shown: Transform, *, redacted: bool) -> list[CommitEntry]:
    """One entry per version, newest first, each compared with the one before it as `shown`
    (redacted, for a public history). With `redacted`, a commit whose changes were all
    withheld keeps no subject and no author: they would tell what changed."""
    out: list[CommitEntry] = []
    for i, v in enumerate(versions):
        older = versions[i + 1] if i + 1 < len(versions) else None
        new_data = shown(v.data)
        if older is None:
            out.append(
                CommitEntry(v.commit, v.content_hash, [], _signoff_labels(new_data, None), True)
            )
            continue
        old_data = shown(older.data)
        changes = diff(old_data, new_data, exclude=("signoffs",))
        labels = _signoff_labels(new_data, old_data)
        withheld = (
            redacted
            and not changes
            and not labels
            and bool(diff(older.data, v.data))  # the content changed: only withheld parts
        )
        commit = replace(v.commit, subject="", author="", email="") if withheld else v.commit
        out.append(CommitEntry(commit, v.content_hash, changes, labels, withheld=withheld))
    return out


def _signoff_labels(new: Any, old: Any) -> list[str]:
    """Sign-offs present in `new` but not in `old`, as "Legal: Jonas Becker (approved)"."""

    def keys(data: Any) -> list[tuple[str, str, str, str]]:
        items = data.get("signoffs") if isinstance(data, dict) else None
        if not isinstance(items, list):
            return []
        return [
            (
                str(s.get("role", "")),
                str(s.get("reviewer", "")),
                str(s.get("date", "")),
                str(s.get("decision", "")),
            )
            for s in items
            if isinstance(s, dict)
        ]

    before = set(keys(old)) if old is not None else set()
    return [
        f"{role.capitalize()}: {who} ({decision.replace('_', ' ')}, {date})"
        for role, who, date, decision in keys(new)
        if (role, who, date, decision) not in before
    ]


def _timeline(hist: History, versions: list[Version]) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for entry in hist.commits:
        c = entry.commit
        entries.append(
            TimelineEntry(
                "commit",
                _utc_text(c.date),
                "Withheld change" if entry.withheld else c.subject or "(no commit message)",
                entry.summary if entry.withheld else f"{c.author} · {c.short} · {entry.summary}",
                commit=entry,
                changes=entry.changes,
                sort_key=(c.date, 0, ""),
            )
        )
    # a sign-off sits just after the commit that recorded it, when there is one
    recorded_in: dict[tuple[str, str, str], str] = {}
    for v in reversed(versions):  # oldest first: the first commit holding the sign-off
        items = v.data.get("signoffs") if isinstance(v.data, dict) else None
        for s in items if isinstance(items, list) else []:
            if isinstance(s, dict):
                key = (str(s.get("role")), str(s.get("reviewer")), str(s.get("date")))
                recorded_in.setdefault(key, v.commit.date)
    for st in hist.signoffs:
        s = st.signoff
        recorded = recorded_in.get((s.role.value, s.reviewer, s.date.isoformat()))
        approved = (
            f" · approved version {st.approved.commit.short} of {_utc_text(st.approved.commit.date)}"
            if st.approved
            else ""
        )
        dated = s.when
        recorded_text = _utc_text(recorded) if recorded else ""
        both = (
            f" · recorded {recorded_text}"
            if recorded_text and recorded_text[:10] != s.date.isoformat()
            else ""
        )
        flag = f" · {st.backdated}" if st.backdated else ""
        entries.append(
            TimelineEntry(
                "signoff",
                dated,
                f"{st.role_title} {s.decision.value.replace('_', ' ')} by {s.reviewer}",
                (st.superseded_note or f"{st.status.value}{approved}") + both + flag,
                signoff=st,
                changes=st.changes or [],
                # the date it carries orders it (chronological); the commit that recorded it
                # breaks ties within the day
                sort_key=(
                    _signoff_key(s.signed_at, s.time is not None, recorded),
                    1,
                    recorded or "",
                ),
            )
        )
    if hist.uncommitted is not None:
        entries.append(
            TimelineEntry(
                "uncommitted",
                dt.date.today().isoformat(),
                "Uncommitted changes",
                summary(hist.uncommitted),
                changes=hist.uncommitted,
                sort_key=("9999", 2, ""),
            )
        )
    entries.sort(key=lambda e: (_utc(e.sort_key[0]), e.sort_key[1], e.sort_key[2]), reverse=True)
    return entries


def _signoff_key(signed_at: dt.datetime, timed: bool, recorded: str | None) -> str:
    """Where a sign-off sits on the timeline: at its own time; a date-only one at the time of
    the commit that recorded it when that was the same day (UTC), else at the start of its day."""
    if not timed and recorded and _utc(recorded)[:10] == signed_at.date().isoformat():
        return _utc(recorded)
    return signed_at.isoformat()


def _utc_text(stamp: str) -> str:
    """A git timestamp as '2026-11-26 15:34 UTC'."""
    try:
        parsed = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed.strftime("%Y-%m-%d %H:%M UTC")


def _utc(stamp: str) -> str:
    """ISO timestamps with offsets, made comparable (as UTC)."""
    try:
        parsed = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed.isoformat()


def trends(record: Record) -> list[Trend]:
    """Evaluation results per series (metric, dataset, split, slice, model), oldest first: the
    trend, as `aigov check` and the cards group them."""
    if record.evaluations is None:
        return []
    out = []
    for items in result_series(record.evaluations.results).values():
        results = [r for _, r in items]
        first = results[0]
        direction = next((r.direction for r in results if r.direction), Direction.HIGHER_IS_BETTER)
        out.append(
            Trend(
                first.metric,
                first.slice,
                first.dataset,
                direction.value,
                [TrendPoint(r.date_text, r.value, r.threshold, r.passes()) for r in results],
                split=first.split,
                component=first.component,
            )
        )
    return out
