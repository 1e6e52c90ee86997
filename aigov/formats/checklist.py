"""A gate checklist as text: what `aigov check --gate STAGE` prints for each system, and what
`aigov new` prints for the record it just wrote."""

from __future__ import annotations

import click

from aigov.checks.engine import ChecklistItem
from aigov.diagnostics import Severity
from aigov.model import Stage
from aigov.project import LoadedRecord
from aigov.terminal import escape

_MARKS = {"done": "✓", "not_applicable": "–", "missing": "✗", "unknown": "?"}
_MARK_COLOURS = {"done": "green", "not_applicable": "cyan", "missing": "red", "unknown": "yellow"}


def _e(text: object) -> str:
    return escape(str(text), one_line=True)


def checklist_text(
    rec: LoadedRecord, items: list[ChecklistItem], target: Stage, colour: bool
) -> str:
    """One system's checklist: a verdict line, then each item (open ones first) with what is
    missing and how to fix it."""
    assert rec.record is not None
    current = rec.record.stage.value if rec.record.stage else "idea (no stage recorded)"
    missing = [i for i in items if not i.done]
    blocking = [i for i in items if i.blocking]
    name = click.style(_e(rec.id), bold=True) if colour else _e(rec.id)
    if not missing:
        verdict = f"ready: all {len(items)} items done"
    elif blocking:
        verdict = f"not ready: {len(missing)} of {len(items)} items open, {len(blocking)} blocking"
    else:
        verdict = f"ready with {len(missing)} open warning{'s' if len(missing) != 1 else ''}"
    if colour:
        verdict = click.style(verdict, fg="red" if blocking else ("yellow" if missing else "green"))
    lines = [f"== {name} ({_e(rec.path)}): {current} → {target.value}: {verdict}"]
    order = {"missing": 0, "unknown": 1, "not_applicable": 2, "done": 3}
    for item in sorted(items, key=lambda i: (order[i.status], i.severity != Severity.ERROR)):
        mark = _MARKS[item.status]
        if colour:
            mark = click.style(mark, fg=_MARK_COLOURS[item.status])
        level = "" if item.done else f" [{item.severity.value}]"
        lines.append(f"  {mark} {item.rule.id} {item.rule.title}{level}")
        if item.status == "not_applicable" and item.justification:
            lines.append(f"      not applicable: {_e(item.justification)}")
        for d in item.diagnostics:
            where = _e(f"{d.path}:{d.line}:{d.column}" if d.line else d.path)
            lines.append(f"      {where}: {_e(d.message)}")
        if not item.done:
            hint = f"      fix: {item.rule.hint}"
            lines.append(click.style(hint, dim=True) if colour else hint)
    return "\n".join(lines)
