"""The history page of one system: review state, timeline, evaluation trend.

`history_page(pages, view)` renders `systems/<id>/history.md` from the history
`aigov.review.history` reads out of git (`templates/site/history.md.j2`, with the sign-off
and change views of `aigov.review.views`). For a public build the view's record is the
redacted copy, so every diff on the page is computed between redacted versions.
"""

from __future__ import annotations

from typing import Any

from aigov.i18n import gettext
from aigov.review.history import History, history
from aigov.review.views import changes_view, signoff_view, stale_blocks
from aigov.site.pages.core import Pages, front_matter
from aigov.site.portfolio import SystemView


def page_path(system_id: str) -> str:
    return f"systems/{system_id}/history.md"


def context(hist: History, data: Any = None) -> dict[str, Any]:
    """The history template's variables (`data`: the record's data as this edition shows it,
    to name changes the way a reviewer knows them)."""
    timeline = []
    for e in hist.timeline:
        item: dict[str, Any] = {
            "kind": e.kind,
            "date": e.date,
            "title": e.title,
            "detail": e.detail,
            "changes": changes_view(e.changes, data),
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
                withheld=e.commit.withheld,  # public: no subject, author or commit shown
            )
        if e.signoff is not None:
            item["signoff"] = signoff_view(e.signoff, data)
        timeline.append(item)
    return {
        "hist": hist,
        "stale_groups": stale_blocks(hist.signoffs, data),
        "available": hist.available,
        "reason": hist.reason,
        "signoffs": [signoff_view(s, data) for s in hist.signoffs if s.effective],
        "superseded": [signoff_view(s, data) for s in hist.signoffs if not s.effective],
        "timeline": timeline,
        "trends": hist.trends,
        "commits": len(hist.commits),
    }


# the last history computed for each record file, for `aigov serve`: a save changes one
# record, and diffing every other record's versions again took most of a save's time
_HISTORIES: dict[str, tuple[tuple[object, ...], History]] = {}


def _history(pages: Pages, view: SystemView) -> History:
    stamp = pages.inputs.stamp
    key = (
        view.loaded.content_hash,
        str(view.loaded.edition.audience),
        stamp.today,
        stamp.revision,  # a commit adds versions
        str(pages.inputs.root),
    )
    kept = _HISTORIES.get(view.loaded.path)
    if kept is not None and kept[0] == key and stamp.revision is not None:
        return kept[1]
    hist = history(view.loaded, pages.inputs.root, index=pages.history_index, today=stamp.today)
    if pages.inputs.keep:
        _HISTORIES[view.loaded.path] = (key, hist)
    return hist


def history_page(pages: Pages, view: SystemView) -> None:
    """Render the history page of one system into the site."""
    hist = _history(pages, view)
    # this record's state, not the repository's: editing one record rewrites one history page
    values = context(hist, view.loaded.data)
    derived = _derived_since(hist, view, pages)
    for group in values["stale_groups"]:
        group["derived"] = derived.get(group["record_hash"] or "", [])
    stamp = pages.inputs.stamp.for_record(view.loaded.path)
    pages.render(
        page_path(view.id),
        "site/history.md.j2",
        front_matter(
            gettext("History · {name}").format(name=view.name),
            search_exclude=True,
            hide=["navigation"],
        ),
        view=view,
        audience=str(view.loaded.edition.audience),
        stamp=stamp,
        **values,
    )


def _derived_since(hist: History, view: SystemView, pages: Pages) -> dict[str, list[str]]:
    """What the changes since each stale approval did to the derived facts. Internal editions
    only: a public copy's data is redacted, and its derived facts would not be the record's."""
    from aigov.checks import CheckOptions, default_policy
    from aigov.review.derived import derived_since_approvals

    if str(view.loaded.edition.audience) != "internal":
        return {}
    options = CheckOptions(
        today=view.today, policy=view.policy or default_policy(), root=pages.inputs.root
    )
    return derived_since_approvals(
        hist.signoffs, view.loaded.data, options, display=view.loaded.path
    )
