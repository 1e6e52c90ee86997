"""`path:line:col: code message` lines (the grep and editor quick-fix convention), with hints."""

from __future__ import annotations

import click

from aigov.diagnostics import Diagnostic, Severity
from aigov.formats import ReportContext
from aigov.i18n import _, ngettext
from aigov.terminal import escape

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _one_line(text: str) -> str:
    """File names and record text can hold newlines and terminal escapes: one diagnostic
    stays one line (plus its hint) and cannot forge another or recolour the terminal."""
    shown = escape(text, one_line=True)
    return shown if len(shown) <= 100_000 else shown[:99_997] + "..."


def line(d: Diagnostic, color: bool) -> str:
    location = _one_line(d.location)
    where = click.style(location, bold=True) if color else location
    sev = click.style(d.severity.value, fg=_COLOURS[d.severity]) if color else d.severity.value
    text = f"{where}: {d.code} {_one_line(d.message)} [{sev}]"
    if d.hint:
        hint = "    " + _("hint: {hint}").format(hint=_one_line(d.hint))
        text += "\n" + (click.style(hint, dim=True) if color else hint)
    return text


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.severity == Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity == Severity.WARNING for d in diagnostics)
    bad = len({d.path for d in diagnostics if d.severity == Severity.ERROR})
    if not diagnostics:
        return ngettext(
            "All good: {files} record checked, no problems.",
            "All good: {files} records checked, no problems.",
            files,
        ).format(files=files)
    counts = ", ".join(
        (
            ngettext("{n} error", "{n} errors", errors).format(n=errors),
            ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        )
    )
    if not files:  # a missing path, or a file that is not a record (an answers file)
        return f"{counts}."
    return ngettext(
        "{counts} in {files} record ({bad} with errors).",
        "{counts} in {files} records ({bad} with errors).",
        files,
    ).format(counts=counts, files=files, bad=bad)


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    lines = [line(d, context.color) for d in diagnostics]
    lines.append(summary(diagnostics, len(context.files)))
    return "\n".join(lines)
