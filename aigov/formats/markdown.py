"""Markdown to paste into a ticket: findings, or a gate checklist, as GitHub task lists.

`render(diagnostics, context)` is the `--format markdown` of `check` and `validate`: one
`- [ ]` item per finding, grouped by file. `checklist_markdown(...)` is `check --gate STAGE
--format markdown`: the gate plan (aigov.checks.plan) with the items grouped by who usually
answers them, each with where its answer goes, the fix, the rule's example and the `aigov
explain` / `aigov rules` commands that say more. Record text (messages, paths) goes through
`textsafety.markdown_text`; rule metadata is aigov's own Markdown.
"""

from __future__ import annotations

import re

from aigov.checks.engine import ChecklistItem
from aigov.checks.plan import GatePlan, gate_plan
from aigov.diagnostics import Diagnostic
from aigov.formats import ReportContext
from aigov.formats.links import RULES_PAGE, page_link, site_base
from aigov.model import Stage
from aigov.project import LoadedRecord
from aigov.textsafety import markdown_text

LEGEND = (
    "`[ ]` open, `[x]` done. An item answered `unknown` is still open: an honest gap, but the "
    "gate needs the answer."
)


_FIELD = re.compile(r"[A-Za-z0-9_.*]+")  # a dotted field path, safe inside a code span


def _md(text: object) -> str:
    return str(markdown_text(text))


def _where(d: Diagnostic) -> str:
    return _md(f"{d.path}:{d.line}:{d.column}" if d.line else d.path)


def _fence(text: str, indent: str) -> list[str]:
    """A fenced code block longer than any backtick run inside it."""
    run = longest = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    body = [f"{indent}{row}" if row else "" for row in text.rstrip().splitlines()]
    return [f"{indent}{fence}yaml", *body, f"{indent}{fence}"]


def _rule_link(rule_id: str, context: ReportContext | None) -> str:
    if context is None or not site_base(context.site_url):
        return ""
    return page_link(
        RULES_PAGE, rule_id, site_url=context.site_url, directory_urls=context.directory_urls
    )


def _explain(item: ChecklistItem) -> str:
    fields = []
    for d in item.diagnostics:
        if d.field and d.field not in fields:
            fields.append(d.field)
    if not fields:
        fields = list(item.rule.fields[:1])
    commands = [f"`aigov explain {f}`" for f in fields[:3] if _FIELD.fullmatch(f)]
    commands.append(f"`aigov rules {item.rule.id}`")
    return ", ".join(commands)


def _item(
    item: ChecklistItem, target: Stage, examples: bool, context: ReportContext | None
) -> list[str]:
    box = "x" if item.done else " "
    rule = item.rule
    link = _rule_link(rule.id, context)
    name = f"[{rule.id}]({link})" if link else rule.id
    head = f"- [{box}] **{name}** {rule.title}"
    if item.status == "unknown":
        head += " — answered `unknown`, still open"
    if item.blocking:
        head += f" — blocks {target.value}"
    elif not item.done:
        head += f" — {item.severity.value}"
    lines = [head]
    if item.status == "not_applicable" and item.justification:
        lines.append(f"  - Not applicable: {_md(item.justification)}")
    for d in item.diagnostics:
        lines.append(f"  - {_where(d)} — {_md(d.message)}")
    if not item.done:
        lines.append(f"  - Fix: {rule.hint}")
        if examples and rule.example.strip():
            lines.append("  - Example:")
            lines.append("")
            lines += _fence(rule.example, "    ")
            lines.append("")
        lines.append(f"  - More: {_explain(item)}")
    return lines


def plan_markdown(
    rec: LoadedRecord,
    plan: GatePlan,
    *,
    examples: bool = True,
    context: ReportContext | None = None,
) -> str:
    target = plan.target
    current = plan.current.value if plan.current else "idea"
    out = [f"## {_md(rec.id)}: {current} → {target.value}", ""]
    out += [f"**{plan.verdict()[0].upper()}{plan.verdict()[1:]}.** Record: {_md(rec.path)}", ""]
    if plan.blocking:
        out += [plan.blocking_explained(), ""]
    out += [LEGEND, ""]
    if plan.next_actions:
        out += ["### Next actions", ""]
        for n, item in enumerate(plan.next_actions, 1):
            first = item.diagnostics[0] if item.diagnostics else None
            at = f", {_where(first)}" if first is not None else ""
            out.append(f"{n}. {item.rule.title} ({item.rule.owner_title}, {item.rule.id}{at})")
        out.append("")
    for group in plan.groups:
        counts = f"{len(group.open)} open" if group.open else "all done"
        if group.blocking:
            counts += f", {group.blocking} blocking"
        out += [f"### {group.title} ({counts})", ""]
        for item in group.items:
            out += _item(item, target, examples, context)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def checklist_markdown(
    rec: LoadedRecord,
    items: list[ChecklistItem],
    target: Stage,
    *,
    examples: bool = True,
    context: ReportContext | None = None,
) -> str:
    """One system's gate checklist as a ticket-ready Markdown task list."""
    assert rec.record is not None
    plan = gate_plan(items, target, rec.record.stage)
    return plan_markdown(rec, plan, examples=examples, context=context)


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    """Findings as a task list per file (the `--format markdown` of check and validate)."""
    if not diagnostics:
        files = len(context.files)
        return f"No problems in {files} record{'s' if files != 1 else ''}.\n"
    by_file: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    out: list[str] = []
    for path, diags in by_file.items():
        out += [f"## {_md(path)}", ""]
        for d in diags:
            link = _rule_link(d.code, context) if d.code.startswith("AIG-") else ""
            code = f"[{d.code}]({link})" if link else d.code
            out.append(f"- [ ] **{code}** {_md(d.message)} — {d.severity.value}, {_where(d)}")
            if d.hint:
                out.append(f"  - Fix: {_md(d.hint)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
