"""Find a record file from what a person types: a path, or a system id."""

from __future__ import annotations

import difflib
from pathlib import Path

from aigov.project import FOLDER_RECORD, RECORD_SUFFIXES


class NotFound(Exception):
    """No record by that name; the message says what exists."""


def locate(system: str, root: Path) -> Path:
    """`systems/x.yaml`, `x.yaml`, or the id `x` → the record file."""
    given = Path(system)
    if given.is_file():
        return given
    candidates = [root / "systems" / f"{system}{suffix}" for suffix in RECORD_SUFFIXES] + [
        root / "systems" / system / FOLDER_RECORD
    ]
    for path in candidates:
        if path.is_file():
            return path
    known = known_ids(root)
    guess = difflib.get_close_matches(system, known, n=1, cutoff=0.6)
    if given.suffix in RECORD_SUFFIXES or "/" in system:
        raise NotFound(f"no record file {system}")
    hint = f" Did you mean '{guess[0]}'?" if guess else ""
    listing = (
        f" Records: {', '.join(known[:12])}{' …' if len(known) > 12 else ''}." if known else ""
    )
    raise NotFound(f"no system '{system}' in {root / 'systems'}.{hint}{listing}")


def known_ids(root: Path) -> list[str]:
    folder = root / "systems"
    if not folder.is_dir():
        return []
    ids = []
    for entry in sorted(folder.iterdir()):
        if entry.is_file() and entry.name.endswith(RECORD_SUFFIXES):
            ids.append(entry.name.rsplit(".", 1)[0])
        elif entry.is_dir() and (entry / FOLDER_RECORD).is_file():
            ids.append(entry.name)
    return ids
