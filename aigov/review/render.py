"""Changes as text for a terminal: labels first, then what changed, with a word redline for
edited prose. Returns strings; the CLI prints them."""

from __future__ import annotations

from collections.abc import Sequence

import click

from aigov.review.diff import Change, show, summary, word_diff

_INLINE = 60  # values longer than this (or multi-line) go on their own lines


def _style(text: str, color: bool, **kw: object) -> str:
    return click.style(text, **kw) if color else text  # type: ignore[arg-type]


def _indent(text: str, pad: str) -> str:
    return "\n".join(pad + line if line else line for line in text.splitlines() or [""])


def redline(old: object, new: object, color: bool) -> str:
    """Edited text with deletions and insertions marked: [-old-]{+new+} or colours."""
    out = []
    for op, text in word_diff(old, new):
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
    head = _style(change.label, color, bold=True)
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
        return f"{head}\n  reordered: {', '.join(map(str, change.new or []))}"
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
