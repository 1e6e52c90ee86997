"""`aigov serve`'s first pass after a save: the pages of the records that changed, before the
rest of the site.

Saving one record changes that record's own pages (system page, history, model cards,
downloads) and, usually, a line or two of the portfolio's pages. Those are the site's largest
pages (registers of every harm and control), and regenerating and re-rendering them took most
of a save's time at 1,000 systems. So the preview renders the changed records' own pages first
and reloads the browser; the full pass follows and reloads it again when the portfolio's pages
are up to date.

`QuickPass.changed` says which systems changed since the last full pass, or None when only a
full pass can tell (the first build, a record added or removed, more than a few changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aigov.site.portfolio import Portfolio, SystemView

MOST = 8  # more records changed at once than this (a branch switch): the full pass alone


@dataclass
class QuickPass:
    """What the last full pass showed of each record file: its record (the load cache hands
    back the same object while the file and what it cites are unchanged), its findings and
    its preview problems."""

    shown: dict[str, tuple[Any, list[Any], list[Any]]] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        """A full pass has run: there is something to compare with."""
        return bool(self.shown)

    def remember(self, portfolio: Portfolio) -> None:
        """After a full pass: what every system page now shows."""
        self.shown = {v.loaded.path: _shown(v) for v in portfolio.systems}

    def changed(self, portfolio: Portfolio) -> list[SystemView] | None:
        """The systems whose pages differ from the last full pass's, or None: a full pass."""
        if not self.shown:
            return None
        paths = {v.loaded.path for v in portfolio.systems}
        if paths != set(self.shown):
            return None
        out = []
        for view in portfolio.systems:
            record, findings, problems = self.shown[view.loaded.path]
            now = _shown(view)
            if now[0] is not record or now[1] != findings or now[2] != problems:
                out.append(view)
        return out if len(out) <= MOST else None


def _shown(view: SystemView) -> tuple[Any, list[Any], list[Any]]:
    return view.loaded.record, list(view.loaded.diagnostics), list(view.problems)
