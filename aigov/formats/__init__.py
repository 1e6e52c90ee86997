"""Formatters: each turns the same list of diagnostics into one output format.

A new format is one module with a `render(diagnostics, context) -> str` function and one entry
in FORMATS; the CLI offers exactly these names.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from aigov.diagnostics import Diagnostic


@dataclass
class ReportContext:
    """What a formatter may need besides the diagnostics.

    `root` is the folder SARIF paths are relative to (the git top level of the governance
    repository, else that repository; None: the current folder). `site_url` is the built
    site's address from the user's mkdocs.yml ("" when it has none) and `directory_urls` its
    `use_directory_urls`: SARIF links each rule to its anchor on the site's rule reference.
    Diagnostic paths are relative to `cwd` (the current folder when the context was made).
    """

    command: str
    files: list[str] = field(default_factory=list)
    color: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    root: Path | None = None
    site_url: str = ""
    directory_urls: bool = True
    cwd: Path = field(default_factory=Path.cwd)


class Renderer(Protocol):
    def __call__(self, diagnostics: list[Diagnostic], context: ReportContext) -> str: ...


FORMATS: dict[str, str] = {
    "text": "aigov.formats.text",
    "json": "aigov.formats.json_format",
    "github": "aigov.formats.github",
    "sarif": "aigov.formats.sarif",
    "junit": "aigov.formats.junit",
    "markdown": "aigov.formats.markdown",
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
