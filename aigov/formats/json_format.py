"""Machine-readable JSON: {"$schema", "format", "format_version", "tool", "version", "command",
"files", "summary", "diagnostics"} plus the command's own keys (schemas/aigov-check.schema.json,
schemas/aigov-validate.schema.json)."""

from __future__ import annotations

import json

from aigov import __version__
from aigov.diagnostics import Diagnostic, count_by_severity
from aigov.formats import ReportContext
from aigov.formats.contract import VERSIONS, versioned


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
    if context.command in VERSIONS:
        payload = versioned(context.command, payload)
    return json.dumps(payload, indent=2, ensure_ascii=False, default=str)
