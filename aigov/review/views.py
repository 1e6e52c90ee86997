"""Review state as plain values for templates: changes, sign-offs, stale groups.

Cards and the site's history page show sign-offs and changes the same way; both read these.
"""

from __future__ import annotations

from typing import Any

from aigov.review.diff import Change, show, word_diff
from aigov.review.signoffs import SignOffState, Status

LONG = 80  # text values longer than this are shown as a word redline
MAX_CHANGES = 200  # per timeline entry; the rest is summarised


def change_view(c: Change) -> dict[str, Any]:
    """A change as plain strings for a template (values spelled out, long texts redlined)."""
    old = show(c.old) if c.kind in ("changed", "removed", "reordered") else None
    new = show(c.new) if c.kind in ("changed", "added", "reordered") else None
    if c.kind == "reordered":
        old = ", ".join(map(str, c.old or []))
        new = ", ".join(map(str, c.new or []))
    words = None
    if (
        c.kind == "changed"
        and isinstance(c.old, str)
        and isinstance(c.new, str)
        and max(len(c.old), len(c.new)) > LONG
    ):
        words = [{"op": op, "text": text} for op, text in word_diff(c.old, c.new)]
    return {
        "kind": c.kind,
        "label": c.label,
        "field": c.field,
        "old": old,
        "new": new,
        "words": words,
    }


def changes_view(changes: list[Change] | None) -> dict[str, Any]:
    if changes is None:
        return {"known": False, "items": [], "more": 0}
    return {
        "known": True,
        "items": [change_view(c) for c in changes[:MAX_CHANGES]],
        "more": max(0, len(changes) - MAX_CHANGES),
    }


def signoff_view(st: SignOffState) -> dict[str, Any]:
    s = st.signoff
    return {
        "reviewer": s.reviewer,
        "role": st.role_title,
        "decision": s.decision.value.replace("_", " "),
        "date": s.date.isoformat(),
        "conditions": list(s.conditions),
        "status": st.status.value,
        "effective": st.effective,
        "superseded": st.superseded_note,
        "headline": st.headline,
        "summary": st.change_summary,
        "approved_commit": st.approved.commit.short if st.approved else None,
        "approved_date": st.approved.commit.day if st.approved else None,
        "revision": s.revision,
        "changes": changes_view(st.changes if st.status == Status.STALE else []),
    }


def stale_groups(states: list[SignOffState]) -> list[dict[str, Any]]:
    """Stale approvals of the same version, shown once: "Changed since the legal and risk
    approvals of 2026-08-28 and 2026-08-31"."""
    groups: dict[str, list[SignOffState]] = {}
    for st in states:
        if st.effective and st.status == Status.STALE:
            groups.setdefault(st.signoff.record_hash or "", []).append(st)
    out = []
    for members in groups.values():
        first = members[0]
        if len(members) == 1:
            headline = first.headline
        else:
            roles = [m.role_title.lower() for m in members]
            dates = sorted({m.signoff.date.isoformat() for m in members})
            when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
            names = ", ".join(roles[:-1]) + f" and {roles[-1]}"
            headline = f"Changed since the {names} sign-offs of {when}"
        out.append(
            {
                "headline": headline,
                "reviewers": [m.signoff.reviewer for m in members],
                "summary": first.change_summary,
                "sentence": first.change_summary[:1].upper() + first.change_summary[1:],
                "approved_commit": first.approved.commit.short if first.approved else None,
                "changes": changes_view(first.changes),
            }
        )
    return out
