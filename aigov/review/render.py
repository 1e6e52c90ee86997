"""Changes as text for a terminal: labels first, then what changed, with a word redline for
edited prose. Returns strings; the CLI prints them. Every piece of record text (labels, values,
file names, commit authors) goes through `aigov.terminal.escape` before it is styled."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from aigov.review.diff import Change, summary, word_diff
from aigov.review.diff import show as _show
from aigov.terminal import escape

if TYPE_CHECKING:
    from aigov.review.compare import Comparison

_INLINE = 60  # values longer than this (or multi-line) go on their own lines


def show(value: object) -> str:
    """A value as text, control characters escaped (newlines kept)."""
    return escape(_show(value))


def _style(text: str, color: bool, **kw: object) -> str:
    return click.style(text, **kw) if color else text  # type: ignore[arg-type]


def _indent(text: str, pad: str) -> str:
    return "\n".join(pad + line if line else line for line in text.splitlines() or [""])


def redline(old: object, new: object, color: bool) -> str:
    """Edited text with deletions and insertions marked: [-old-]{+new+} or colours."""
    out = []
    for op, raw in word_diff(old, new):
        text = escape(raw)
        if op == "equal":
            out.append(text)
        elif op == "delete":
            out.append(
                _style(text, color, fg="red", strikethrough=True) if color else f"[-{text}-]"
            )
        else:
            out.append(
                _style(text, color, fg="green", underline=True) if color else f"{{+{text}+}}"
            )
    return "".join(out)


def change_text(change: Change, color: bool = False) -> str:
    head = _style(escape(change.label, one_line=True), color, bold=True)
    kind = change.kind
    if kind == "changed":
        old, new = show(change.old), show(change.new)
        if (
            isinstance(change.old, str)
            and isinstance(change.new, str)
            and (len(old) > _INLINE or len(new) > _INLINE or "\n" in old or "\n" in new)
        ):
            return f"{head}\n  changed:\n{_indent(redline(change.old, change.new, color), '    ')}"
        arrow = f"{_style(old, color, fg='red')} → {_style(new, color, fg='green')}"
        if "\n" in old or "\n" in new:
            return (
                f"{head}\n  changed from:\n{_indent(_style(old, color, fg='red'), '    ')}"
                f"\n  to:\n{_indent(_style(new, color, fg='green'), '    ')}"
            )
        return f"{head}\n  changed: {arrow}"
    if kind == "reordered":
        return (
            f"{head}\n  reordered: {escape(', '.join(map(str, change.new or [])), one_line=True)}"
        )
    value = change.new if kind == "added" else change.old
    colour = "green" if kind == "added" else "red"
    text = show(value)
    if "\n" in text or len(text) > _INLINE:
        return f"{head}\n  {kind}:\n{_indent(_style(text, color, fg=colour), '    ')}"
    return f"{head}\n  {kind}: {_style(text, color, fg=colour)}"


def changes_text(changes: Sequence[Change], color: bool = False) -> str:
    if not changes:
        return "No changes in content (formatting, comments and key order are ignored)."
    return (
        summary(changes).capitalize() + "\n\n" + "\n".join(change_text(c, color) for c in changes)
    )


def comparison_text(cmp: Comparison, color: bool = False) -> str:
    """`aigov diff` as text: which file, from which version to which, then the changes."""
    old = cmp.old.label + ("" if cmp.old.exists else " (the record does not exist there)")
    new = cmp.new.label + ("" if cmp.new.exists else " (the record does not exist there)")
    path = cmp.new.path if cmp.new.exists else cmp.old.path
    head = "\n".join(
        escape(part, one_line=True) for part in (path, f"  from: {old}", f"  to:   {new}")
    )
    head = _style(head, color, bold=True)
    out = f"{head}\n\n{changes_text(cmp.changes, color)}"
    for cid, changes in cmp.components.items():
        title = _style(
            escape(f"Shared component {cid} (components/{cid}.yaml) changed too; sign-offs "
                   "bound to it are stale:", one_line=True),
            color,
            bold=True,
        )  # fmt: skip
        out += f"\n\n{title}\n{changes_text(changes, color)}"
    return out
