"""GitHub Actions workflow commands, so problems annotate the YAML lines in a pull request."""

from __future__ import annotations

from aigov.diagnostics import Diagnostic, Severity
from aigov.formats import ReportContext


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for d in diagnostics:
        props = f"file={_prop(d.path)}"
        if d.line:
            props += f",line={d.line},col={d.column}"
        props += f",title={_prop(d.code)}"
        message = d.message + (f" — {d.hint}" if d.hint else "")
        out.append(f"::{level[d.severity]} {props}::{_escape(message)}")
    return "\n".join(out)
