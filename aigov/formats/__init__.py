"""Formatters: each turns the same list of diagnostics into one output format.

A new format is one module with a `render(diagnostics, context) -> str` function and one entry
in FORMATS; the CLI offers exactly these names.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Protocol

from aigov.diagnostics import Diagnostic


@dataclass
class ReportContext:
    """What a formatter may need besides the diagnostics."""

    command: str
    files: list[str] = field(default_factory=list)
    color: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Renderer(Protocol):
    def __call__(self, diagnostics: list[Diagnostic], context: ReportContext) -> str: ...


FORMATS: dict[str, str] = {
    "text": "aigov.formats.text",
    "json": "aigov.formats.json_format",
    "github": "aigov.formats.github",
    "sarif": "aigov.formats.sarif",
    "junit": "aigov.formats.junit",
}


def available() -> list[str]:
    names = []
    for name, module in FORMATS.items():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        names.append(name)
    return names


def render(name: str, diagnostics: list[Diagnostic], context: ReportContext) -> str:
    module = importlib.import_module(FORMATS[name])
    result: str = module.render(diagnostics, context)
    return result
