"""A gate checklist as text: what `aigov check --gate STAGE` prints for each system, and what
`aigov new` prints for the record it just wrote.

The checklist is a plan (aigov.checks.plan): a verdict, what "blocking" means, a legend, the
next actions, then the items grouped by who usually answers them, each located where its
answer goes, with the fix (and, on request, the rule's example).
"""

from __future__ import annotations

import click

from aigov.checks.engine import ChecklistItem
from aigov.checks.plan import LEGEND, GatePlan, gate_plan
from aigov.diagnostics import Diagnostic
from aigov.i18n import _
from aigov.model import Stage
from aigov.project import LoadedRecord
from aigov.terminal import escape

_MARKS = {"done": "✓", "not_applicable": "–", "missing": "✗", "unknown": "?"}
_MARK_COLOURS = {"done": "green", "not_applicable": "cyan", "missing": "red", "unknown": "yellow"}


def _e(text: object) -> str:
    return escape(str(text), one_line=True)


def where(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}" if d.line else d.path


def plan_of(rec: LoadedRecord, items: list[ChecklistItem], target: Stage) -> GatePlan:
    assert rec.record is not None
    return gate_plan(items, target, rec.record.stage)


def _mark(item: ChecklistItem, colour: bool) -> str:
    mark = _MARKS[item.status]
    return click.style(mark, fg=_MARK_COLOURS[item.status]) if colour else mark


def _dim(text: str, colour: bool) -> str:
    return click.style(text, dim=True) if colour else text


def _item_lines(item: ChecklistItem, colour: bool, examples: bool) -> list[str]:
    level = ""
    if not item.done:
        level = f" [{item.severity.value}{', blocks' if item.blocking else ''}]"
    lines = [f"    {_mark(item, colour)} {item.rule.id} {item.rule.title}{level}"]
    if item.status == "not_applicable" and item.justification:
        lines.append(
            "        " + _("not applicable: {reason}").format(reason=_e(item.justification))
        )
    for d in item.diagnostics:
        lines.append(f"        {_e(where(d))}: {_e(d.message)}")
    if not item.done:
        lines.append(_dim("        " + _("fix: {hint}").format(hint=item.rule.hint), colour))
        if examples and item.rule.example.strip():
            lines.append(_dim("        " + _("example:"), colour))
            for row in item.rule.example.rstrip().splitlines():
                lines.append(_dim(f"          {_e(row)}", colour))
    return lines


def _next_line(n: int, item: ChecklistItem) -> str:
    first = item.diagnostics[0] if item.diagnostics else None
    at = f" → {_e(where(first))}" if first is not None else ""
    return f"    {n}. {item.rule.title} ({item.rule.owner_title}, {item.rule.id}){at}"


def checklist_text(
    rec: LoadedRecord,
    items: list[ChecklistItem],
    target: Stage,
    colour: bool,
    *,
    examples: bool = False,
) -> str:
    """One system's checklist as a plan."""
    plan = plan_of(rec, items, target)
    current = plan.current.value if plan.current else _("idea (no stage recorded)")
    name = click.style(_e(rec.id), bold=True) if colour else _e(rec.id)
    verdict = plan.verdict()
    if colour:
        verdict = click.style(
            verdict, fg="red" if plan.blocking else ("yellow" if plan.open else "green")
        )
    lines = [f"== {name} ({_e(rec.path)}): {current} → {target.value}: {verdict}"]
    if plan.blocking:
        lines.append(f"  {plan.blocking_explained()}")
    lines.append(
        _dim("  " + _("Legend: {legend}").format(legend="   ".join(_(t) for t in LEGEND)), colour)
    )
    if plan.next_actions:
        lines.append("  " + _("Next:"))
        lines += [_next_line(n, item) for n, item in enumerate(plan.next_actions, 1)]
    for group in plan.groups:
        counts = _("{open} open").format(open=len(group.open)) if group.open else _("all done")
        if group.blocking:
            counts = _("{open} open, {blocking} blocking").format(
                open=len(group.open), blocking=group.blocking
            )
        lines.append(f"  {group.title} ({counts}):")
        done = [i for i in group.items if i.status == "done"]
        for item in group.items:
            if item.status != "done":
                lines += _item_lines(item, colour, examples)
        if done:  # done items on one line: the plan is what is left
            ids = ", ".join(i.rule.id for i in done)
            lines.append(f"    {_mark(done[0], colour)} " + _("done: {ids}").format(ids=ids))
    return "\n".join(lines)
