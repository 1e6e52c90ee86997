"""Machine-readable JSON: {"tool", "version", "command", "files", "summary", "diagnostics"}."""

from __future__ import annotations

import json

from aigov import __version__
from aigov.diagnostics import Diagnostic, count_by_severity
from aigov.formats import ReportContext


def render(diagnostics: list[Diagnostic], context: ReportContext) -> str:
    payload = {
        "tool": "aigov",
        "version": __version__,
        "command": context.command,
        "files": context.files,
        "summary": count_by_severity(diagnostics),
        "diagnostics": [d.to_dict() for d in diagnostics],
        **context.extra,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str)
