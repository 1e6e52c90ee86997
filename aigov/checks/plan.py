"""A gate checklist as a plan: who answers what, what blocks and why, what to do first.

`gate_plan(items, target, current)` arranges the items of `gate_checklist` for people: grouped
by who usually answers them (the rule metadata's `owner`), open items first, the top next
actions picked out, and the counts that explain "blocking". Formatters (text, Markdown) render
it; nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from aigov.checks.engine import ChecklistItem
from aigov.diagnostics import Severity
from aigov.fieldmodel.titles import OWNERS
from aigov.i18n import N_, _, ngettext
from aigov.model import Stage

NEXT_ACTIONS = 5  # how many open items the plan picks out to do first

# status order within a group, after the blocking items: what to act on first
_ORDER = {"missing": 0, "unknown": 1, "not_applicable": 2, "done": 3}

# the checklist's marks, each translated where shown (joined by three spaces)
LEGEND: tuple[str, ...] = (
    N_("✗ missing"),
    N_("? answered `unknown` (still open)"),
    N_("– not applicable (with a reason)"),
    N_("✓ done"),
)


@dataclass(frozen=True)
class OwnerGroup:
    owner: str  # a key of aigov.fieldmodel.titles.OWNERS
    items: tuple[ChecklistItem, ...]

    @property
    def title(self) -> str:
        return _(OWNERS[self.owner])

    @property
    def open(self) -> tuple[ChecklistItem, ...]:
        return tuple(i for i in self.items if not i.done)

    @property
    def blocking(self) -> int:
        return sum(i.blocking for i in self.items)


@dataclass(frozen=True)
class GatePlan:
    target: Stage
    current: Stage | None
    items: tuple[ChecklistItem, ...]
    groups: tuple[OwnerGroup, ...]
    next_actions: tuple[ChecklistItem, ...]

    @property
    def open(self) -> int:
        return sum(not i.done for i in self.items)

    @property
    def blocking(self) -> int:
        return sum(i.blocking for i in self.items)

    @property
    def unknown_blocking(self) -> int:
        return sum(i.blocking and i.status == "unknown" for i in self.items)

    @property
    def ready(self) -> bool:
        return self.blocking == 0

    def verdict(self) -> str:
        total = len(self.items)
        if not self.open:
            return _("ready: all {total} items done").format(total=total)
        if self.blocking:
            return _("not ready: {open} of {total} items open, {blocking} blocking").format(
                open=self.open, total=total, blocking=self.blocking
            )
        return ngettext(
            "ready with {n} open warning", "ready with {n} open warnings", self.open
        ).format(n=self.open)

    def blocking_explained(self) -> str:
        """What "blocking" means here, in one sentence (empty when nothing blocks)."""
        if not self.blocking:
            return ""
        text = ngettext(
            "Blocking: {n} error-level item must be done (or marked not applicable with a "
            "reason) before the move to {stage}; warnings do not block.",
            "Blocking: {n} error-level items must be done (or marked not applicable with a "
            "reason) before the move to {stage}; warnings do not block.",
            self.blocking,
        ).format(n=self.blocking, stage=self.target.value)
        if self.unknown_blocking:
            n = self.unknown_blocking
            text += " " + ngettext(
                "{n} of them is answered `unknown`: an honest gap, but the gate needs the "
                "answer, so it still blocks.",
                "{n} of them are answered `unknown`: an honest gap, but the gate needs the "
                "answer, so they still block.",
                n,
            ).format(n=n)
        return text


def _priority(item: ChecklistItem) -> tuple[int, int, int]:
    owners = list(OWNERS)
    return (
        0 if item.blocking else 1,
        0 if item.severity == Severity.ERROR else 1,
        owners.index(item.rule.owner),
    )


def gate_plan(items: list[ChecklistItem], target: Stage, current: Stage | None) -> GatePlan:
    """The checklist arranged as a plan (items keep their registry order within a group)."""
    groups = []
    for owner in OWNERS:
        mine = [i for i in items if i.rule.owner == owner]
        if mine:
            mine.sort(
                key=lambda i: (not i.blocking, _ORDER[i.status], i.severity != Severity.ERROR)
            )
            groups.append(OwnerGroup(owner, tuple(mine)))
    open_items = [i for i in items if not i.done]
    first = sorted(open_items, key=_priority)[:NEXT_ACTIONS]
    return GatePlan(target, current, tuple(items), tuple(groups), tuple(first))
