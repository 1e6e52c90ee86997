"""What every step of `aigov build` shares: its options, its result, its error, and the
name of the build folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aigov.diagnostics import Diagnostic, Severity
from aigov.errors import SetupError
from aigov.site.leakscan import Marker
from aigov.site.portfolio import InvalidRecord
from aigov.site.writer import WriteStats

BUILD_DIR = ".aigov-build"
PUBLIC_FOLDER = "public"  # a public edition's own pages folder and config: .aigov-build/public/
ENGINES = ("mkdocs", "properdocs", "zensical")

Progress = Callable[[str, int, int], None]


def build_folder(root: Path, audience: str) -> Path:
    """Where an edition's pages and config are generated. A public edition has a folder of
    its own, which only ever holds public pages: nothing withheld is written and then left
    out by configuration (an engine that ignores the setting would publish it)."""
    base = root / BUILD_DIR
    return base if audience == "internal" else base / PUBLIC_FOLDER


def no_progress(stage: str, done: int, total: int) -> None:
    return None


class BuildError(SetupError):
    """The site could not be built; the previous site (if any) is untouched."""

    diagnostic: Diagnostic  # always set: a build fails at one place

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[Any, ...]:  # raised in the page generator's child process
        return (type(self), (self.diagnostic,))


@dataclass
class BuildOptions:
    root: Path
    site_dir: Path | None = None  # default: the user's site_dir, else <root>/site
    config_file: Path | None = None  # default: <root>/mkdocs.yml
    today: dt.date | None = None
    built_at: dt.datetime | None = None  # default: SOURCE_DATE_EPOCH, else now (provenance)
    engine: str = "mkdocs"
    strict: bool = False  # MkDocs warnings fail the build
    jobs: int | None = None
    render: bool = True  # False: generate pages only (aigov serve renders itself)
    audience: str = "internal"  # "public" leaves internal and confidential parts out
    serve_url: str | None = None
    # aigov serve's first pass after a save: only the changed records' own pages
    # (aigov.site.quickpass); build_site returns None when only a full pass can tell
    first_pass: bool = False


@dataclass
class BuildResult:
    root: Path
    site_dir: Path
    build_dir: Path
    config_file: Path
    systems: int = 0
    invalid: int = 0
    pages: int = 0
    files: int = 0
    write: WriteStats = field(default_factory=WriteStats)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # record findings
    warnings: list[Diagnostic] = field(default_factory=list)  # about the build itself
    rendered: bool = False
    invalid_records: list[InvalidRecord] = field(default_factory=list)  # not in the site
    # the preview only: records that stopped validating, shown in their last good version
    kept_records: list[InvalidRecord] = field(default_factory=list)
    project_diagnostics: list[Diagnostic] = field(default_factory=list)  # tied to no record
    user_config: Path | None = None
    audience: str = "internal"
    engine: str = ""  # the engine and version that rendered the site ("MkDocs 1.6.1 (...)")
    # a public edition: the withheld fields' texts the built site is scanned for, and how
    # often each word occurs in the public records (aigov.site.leakscan); never printed
    withheld: list[Marker] = field(default_factory=list, repr=False)
    public_words: dict[str, int] = field(default_factory=dict, repr=False)
    scanned: int = 0  # files of a public site scanned for withheld content

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == Severity.WARNING)
