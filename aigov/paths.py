"""Where aigov's own resources live, in a source checkout and in an installed wheel alike.

The wheel carries `templates/` and `schemas/` inside the package (`aigov/_resources/`); a
checkout or editable install reads them from the repository's top level. Same function, both.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    for candidate in (_PKG / "_resources" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"aigov resource folder '{name}' is missing from this installation")


def templates_dir() -> Path:
    return resource_dir("templates")


def schemas_dir() -> Path:
    return resource_dir("schemas")


SCHEMA_FILE = "aigov-record.schema.json"
ORGANISATION_SCHEMA_FILE = "aigov-organisation.schema.json"
COMPONENT_SCHEMA_FILE = "aigov-component.schema.json"
CONFIG_FILE = "aigov.yaml"
ROOT_MARKERS = (CONFIG_FILE, "mkdocs.yml", ".git")


def find_root(start: Path) -> Path:
    """The governance repository: the nearest folder at or above `start` with aigov.yaml,
    mkdocs.yml or .git; `start` itself when there is none."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return start


def display_path(path: Path, base: Path | None = None) -> str:
    base = (base or Path.cwd()).resolve()
    try:
        return (
            str(path.resolve().relative_to(base))
            if not path.is_symlink()
            else str(path.absolute().relative_to(base))
        )
    except ValueError:
        return str(path)
