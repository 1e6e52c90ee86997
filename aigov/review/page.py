"""The history page of one system in the site: review state, timeline, evaluation trend.

`history_page(pages, view)` renders `systems/<id>/history.md` with the site's template
environment (`templates/site/history.md.j2`). For a public build the view's record is the
redacted copy, so every diff on the page is computed between redacted versions.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aigov.review.diff import Change, show, word_diff
from aigov.review.history import History, HistoryIndex, history
from aigov.review.signoffs import SignOffState, Status

LONG = 80  # text values longer than this are shown as a word redline
MAX_CHANGES = 200  # per timeline entry; the rest is summarised


def page_path(system_id: str) -> str:
    return f"systems/{system_id}/history.md"


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


def context(hist: History) -> dict[str, Any]:
    timeline = []
    for e in hist.timeline:
        item: dict[str, Any] = {
            "kind": e.kind,
            "date": e.date,
            "title": e.title,
            "detail": e.detail,
            "changes": changes_view(e.changes),
        }
        if e.commit is not None:
            c = e.commit.commit
            item.update(
                author=c.author,
                short=c.short,
                sha=c.sha,
                summary=e.commit.summary,
                approved_by=e.commit.approved_by,
                signoffs_added=e.commit.signoffs_added,
            )
        if e.signoff is not None:
            item["signoff"] = signoff_view(e.signoff)
        timeline.append(item)
    return {
        "hist": hist,
        "stale_groups": stale_groups(hist.signoffs),
        "available": hist.available,
        "reason": hist.reason,
        "signoffs": [signoff_view(s) for s in hist.signoffs if s.effective],
        "superseded": [signoff_view(s) for s in hist.signoffs if not s.effective],
        "timeline": timeline,
        "trends": hist.trends,
        "commits": len(hist.commits),
    }


def history_page(pages: Any, view: Any) -> None:
    """Render the history page of one system into the site (`pages` is aigov.site Pages)."""
    from aigov.site.pages import front_matter

    index = getattr(pages, "_aigov_history_index", None)
    if index is None:  # the first history page of a build reads every record's history at once
        index = HistoryIndex.build([v.loaded.source for v in pages.pf.systems])
        setattr(pages, "_aigov_history_index", index)  # noqa: B010
    hist = history(view.loaded, pages.inputs.root, index=index)
    # this record's state, not the repository's: editing one record rewrites one history page
    stamp = replace(pages.inputs.stamp, dirty=view.loaded.path in pages.inputs.stamp.dirty_records)
    pages.render(
        page_path(view.id),
        "site/history.md.j2",
        front_matter(f"History · {view.name}", search_exclude=True, hide=["navigation"]),
        view=view,
        audience=str(getattr(view.loaded, "audience", "internal")),
        stamp=stamp,
        **context(hist),
    )
