"""The preview keeps the last good version of a record that stops validating.

While `aigov serve` runs, a person saves half-finished edits: `severity: hihg`. Dropping the
record would turn the page she is looking at into a 404. Instead, `LastGood.keep(project)`
puts back the last loaded version of each record file that validated (already in memory, with
its cards in the card cache: nothing is loaded or rendered again for it) and returns, for each
such file, what is wrong with it now. The site shows that version with a banner naming the
problem's file:line:col and message, and the home page lists the file.

Only the preview uses this: `aigov build` never shows anything but the records as they are.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aigov.diagnostics import Diagnostic, Severity
from aigov.project import LoadedRecord, Project


class LastGood:
    """The last version of each record file that validated, by file."""

    def __init__(self) -> None:
        self._good: dict[Path, LoadedRecord] = {}
        self._root: Path | None = None

    def keep(self, project: Project) -> tuple[Project, dict[str, list[Diagnostic]]]:
        """`project` with each record that no longer validates replaced by its last good
        version; and, by the replaced record's path, the errors of the file as it is now."""
        root = project.root.resolve()
        if root != self._root:
            self._good, self._root = {}, root
        records: list[LoadedRecord] = []
        problems: dict[str, list[Diagnostic]] = {}
        present: set[Path] = set()
        for rec in project.records:
            key = rec.source.resolve()
            present.add(key)
            if rec.record is not None:
                self._good[key] = rec
                records.append(rec)
                continue
            good = self._good.get(key)
            if good is None:
                records.append(rec)  # never validated in this preview: listed as unreadable
                continue
            errors = [d for d in rec.diagnostics if d.severity == Severity.ERROR]
            problems[good.path] = errors or list(rec.diagnostics)
            records.append(good)
        for gone in set(self._good) - present:  # a deleted record's page goes with it
            del self._good[gone]
        return replace(project, records=records), problems
