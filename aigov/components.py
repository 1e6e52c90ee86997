"""Shared components (`components/<id>.yaml`): models, datasets and vendors defined once and
referenced by id from records (`uses:`). Loading them, checking references, and the content
hash of each that a sign-off binds (`aigov.binding`). Nothing here prints or exits."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from aigov.answers import dotted
from aigov.diagnostics import Diagnostic, Severity
from aigov.hashing import content_hash
from aigov.model import ComponentFile, Record, SharedComponent
from aigov.paths import display_path
from aigov.yamlload import Document, FieldPath, load_file

FOLDER = "components"
KIND = "component file"
SCHEMA_HINT = (
    "`schemas/aigov-component.schema.json` describes the file (`aigov schema --component`)."
)


@dataclass
class LoadedComponent:
    path: str
    source: Path
    component: SharedComponent | None = None
    data: Any = None
    content_hash: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.component.id if self.component else self.source.stem


@dataclass
class Components:
    """Every component file of a repository, by id (valid ones only in `by_id`)."""

    files: list[LoadedComponent] = field(default_factory=list)

    @property
    def by_id(self) -> dict[str, LoadedComponent]:
        return {c.id: c for c in self.files if c.component is not None}

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for c in self.files for d in c.diagnostics]


def component_files(root: Path) -> list[Path]:
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )


def load_component(path: Path) -> LoadedComponent:
    shown = display_path(path)
    doc, diags = load_file(path, shown, kind=KIND)
    loaded = LoadedComponent(shown, path, diagnostics=list(diags))
    if doc is None:
        return loaded
    loaded.data = doc.data
    loaded.content_hash = content_hash(doc.data)
    try:
        comp = ComponentFile.model_validate(doc.data).root
    except ValidationError as exc:
        loaded.diagnostics += [_from_pydantic(doc, err) for err in exc.errors()]
        return loaded
    if comp.id != path.stem:
        loaded.diagnostics.append(
            _diag(
                doc,
                ("id",),
                "AIG-ID-FILENAME",
                f"id '{comp.id}' does not match the file name '{path.stem}'",
                f"Rename the file to {FOLDER}/{comp.id}.yaml, or set `id: {path.stem}`.",
            )
        )
    if not any(d.severity == Severity.ERROR for d in loaded.diagnostics):
        loaded.component = comp
    return loaded


def load_components(root: Path) -> Components:
    """The repository's components folder, each file validated (problems as diagnostics)."""
    return Components([load_component(p) for p in component_files(root)])


def component_digest(root: Path, component_id: str) -> str | None:
    """The content hash of `components/<id>.yaml` now (blind to comments and layout); None
    when there is no such readable file."""
    for suffix in (".yaml", ".yml"):
        path = root / FOLDER / f"{component_id}{suffix}"
        if path.is_file():
            st = path.stat()
            return _digest(path, st.st_mtime_ns, st.st_size)
    return None


def shared_component(root: Path, component_id: str) -> SharedComponent | None:
    """The valid component `components/<id>.yaml` of `root` now; None when there is no such
    file or it does not validate (it reports its own problems)."""
    for suffix in (".yaml", ".yml"):
        path = root / FOLDER / f"{component_id}{suffix}"
        if path.is_file():
            st = path.stat()
            return _component(path, st.st_mtime_ns, st.st_size)
    return None


@lru_cache(maxsize=1024)
def _component(path: Path, _mtime: int, _size: int) -> SharedComponent | None:
    return load_component(path).component


@lru_cache(maxsize=4096)
def _digest(path: Path, _mtime: int, _size: int) -> str | None:
    doc, _ = load_file(path, display_path(path), kind=KIND)
    return None if doc is None else content_hash(doc.data)


def used_digests(root: Path, record: Record) -> dict[str, str]:
    """The content hash of each shared component `record` uses, by id (what `aigov approve`
    writes into a sign-off's `component_hashes`)."""
    out = {}
    for use in record.uses:
        digest = component_digest(root, use.component)
        if digest is not None:
            out[use.component] = digest
    return out


def reference_problems(
    record: Record, path: str, position: Any, components: Components
) -> list[Diagnostic]:
    """Each `uses:` entry names a component file that exists; `position(where)` gives
    (line, col) in the record."""
    known = components.by_id
    broken = {c.id for c in components.files if c.component is None}
    out = []
    for i, use in enumerate(record.uses):
        if use.component in known or use.component in broken:
            continue  # a broken component file reports its own problems
        guess = difflib.get_close_matches(use.component, sorted(known), n=1, cutoff=0.6)
        hint = (
            f"Did you mean '{guess[0]}'?"
            if guess
            else (
                f"Known components: {', '.join(sorted(known))}."
                if known
                else f"Add {FOLDER}/{use.component}.yaml first."
            )
        )
        where: FieldPath = ("uses", i, "component")
        line, col = position(where)
        out.append(
            Diagnostic(
                path,
                line,
                col,
                "AIG-REF-COMPONENT",
                f"'{use.component}' is not a shared component ({FOLDER}/{use.component}.yaml)",
                hint=hint,
                field=dotted(where),
            )
        )
    return out


def users(component_id: str, records: list[Any]) -> list[Any]:
    """The loaded records that use a component."""
    return [
        r
        for r in records
        if r.record is not None and any(u.component == component_id for u in r.record.uses)
    ]


def _diag(doc: Document, where: FieldPath, code: str, message: str, hint: str,
          *, key: bool = False) -> Diagnostic:  # fmt: skip
    line, col = doc.position(where, key=key)
    return Diagnostic(doc.path, line, col, code, message, hint=hint, field=dotted(where))


def _from_pydantic(doc: Document, err: Any) -> Diagnostic:
    loc: tuple[str | int, ...] = tuple(err["loc"])
    if loc and loc[0] in ("model", "dataset", "vendor"):
        loc = loc[1:]  # the discriminator's tag
    kind = err["type"]
    where = dotted(loc) or "the file"
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        return _diag(
            doc,
            ("type",) if isinstance(doc.data, dict) and "type" in doc.data else (),
            "AIG-SCHEMA-VALUE",
            "a component needs `type:` model, dataset or vendor",
            "Add `type: model` (or dataset, vendor). " + SCHEMA_HINT,
        )
    if kind == "extra_forbidden":
        name = str(loc[-1])
        kind_name = doc.data.get("type") if isinstance(doc.data, dict) else None
        model = _MODELS.get(str(kind_name))
        allowed = list(model.model_fields) if model is not None and len(loc) == 1 else []
        guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        return _diag(
            doc,
            loc,
            "AIG-SCHEMA-KEY",
            f"unknown field '{name}'" + (f" in '{dotted(loc[:-1])}'" if len(loc) > 1 else ""),
            (f"Did you mean '{guess[0]}'? " if guess else "") + SCHEMA_HINT,
            key=True,
        )
    if kind == "missing":
        return _diag(
            doc, loc[:-1], "AIG-SCHEMA-MISSING", f"'{where}' is required",
            f"Add `{loc[-1]}:`. " + SCHEMA_HINT,
        )  # fmt: skip
    return _diag(doc, loc, "AIG-SCHEMA-VALUE", f"'{where}': {str(err['msg']).lower()}", SCHEMA_HINT)


def _models() -> dict[str, Any]:
    from aigov.model import DatasetComponentFile, ModelComponentFile, VendorComponentFile

    return {
        "model": ModelComponentFile,
        "dataset": DatasetComponentFile,
        "vendor": VendorComponentFile,
    }


_MODELS = _models()
