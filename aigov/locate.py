"""Find a record file from what a person types: a path, a file name or a system id.

One answer for every command that names a system (`card`, `approve`, `diff`, `import
--into`): `systems/x.yaml` and `x.yaml` are paths; `x` is the record `systems/x.yaml`,
`systems/x.yml` or `systems/x/system.yaml`, or else the record whose `id:` is x (a file
named otherwise). When there is none, the message names the closest id and the known ones.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from aigov.errors import AigovError
from aigov.paths import display_path
from aigov.project import (
    FOLDER_RECORD,
    NAMED_RECORD,
    RECORD_SUFFIXES,
    discover,
    expected_id,
    load_project,
)


class NotFound(AigovError):
    """No record by that name; the message says what exists."""


def locate(system: str, root: Path) -> Path:
    """The record file `system` names, or NotFound."""
    given = Path(system)
    if given.suffix in RECORD_SUFFIXES or os.sep in system or "/" in system:
        if given.exists() or given.is_symlink():
            return given  # the loader reports what is wrong with it, at its position
        raise NotFound(f"no record file {system}")
    systems = root / "systems"
    for path in (
        *(systems / f"{system}{s}" for s in RECORD_SUFFIXES),
        *(systems / f"{system}{NAMED_RECORD}{s}" for s in RECORD_SUFFIXES),
        systems / system / FOLDER_RECORD,
    ):
        if path.is_file():
            return path
    ids = _ids_by_file(root)
    found = _by_declared_id(system, root, ids)
    if found is not None:
        return found
    guess = difflib.get_close_matches(system, list(ids), n=1, cutoff=0.6)
    hint = f" Did you mean '{guess[0]}'?" if guess else ""
    known = sorted(ids)
    listing = (
        f" Records: {', '.join(known[:12])}{' …' if len(known) > 12 else ''}." if known else ""
    )
    raise NotFound(f"no system '{system}' in {display_path(systems)}.{hint}{listing}")


def known_ids(root: Path) -> list[str]:
    """The ids the record files' names give, sorted."""
    return sorted(_ids_by_file(root))


def _ids_by_file(root: Path) -> dict[str, Path]:
    systems = root / "systems"
    if not systems.is_dir():
        return {}
    files, _ = discover([systems], root)
    return {expected_id(f): f for f in files}


def _by_declared_id(system: str, root: Path, ids: dict[str, Path]) -> Path | None:
    """The record whose `id:` is `system` though its file is named otherwise (adds the
    declared ids to `ids` for the suggestion)."""
    if not ids:
        return None
    project = load_project(sorted(set(ids.values())), root=root, jobs=1)
    for rec in project.records:
        if rec.record is None:
            continue
        if rec.record.id == system:
            return rec.source
        ids.setdefault(rec.record.id, rec.source)
    return None
