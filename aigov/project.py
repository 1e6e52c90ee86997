"""A governance repository: find the record files, load and validate them (in parallel when
there are many), and hand back data. Nothing here prints or exits."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigov.answers import Answers
from aigov.citations import iter_evidence
from aigov.components import FOLDER, Components, load_components, reference_problems
from aigov.diagnostics import Diagnostic, Severity
from aigov.edition import INTERNAL, Audience, Edition, Withheld
from aigov.fieldmodel.paths import Rule
from aigov.hashing import content_hash
from aigov.model import Record, is_slug
from aigov.organisation import LoadedOrganisation, load_organisation
from aigov.paths import display_path, find_root
from aigov.validate import validate_document
from aigov.yamlload import Document, FieldPath, load_file

if TYPE_CHECKING:  # a value type only: aigov.checks itself builds on this module
    from aigov.checks.summary import CheckSummary

RECORD_SUFFIXES = (".yaml", ".yml")
FOLDER_RECORD = "system.yaml"
# `systems/<id>.aigov.yaml` is accepted too: a name specific enough for a public schema
# catalogue's fileMatch (schemas/catalog.json), where `*.yaml` under systems/ is not.
NAMED_RECORD = ".aigov"
PARALLEL_FROM = 48  # below this many files, starting worker processes costs more than it saves


@dataclass
class LoadedRecord:
    """One record file after loading, validation and (optionally) checks; `edition` says which
    audience this copy is for (aigov.audience.redact makes the others)."""

    path: str
    source: Path
    record: Record | None = None
    answers: Answers = field(default_factory=dict)
    data: Any = None
    content_hash: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    doc: Document | None = field(default=None, repr=False)
    id_position: tuple[int, int] = (1, 1)
    # set by aigov.checks: tier, completeness and counts, computed in the worker
    check_summary: CheckSummary | None = None
    edition: Edition = INTERNAL

    @property
    def id(self) -> str:
        return self.record.id if self.record else Path(self.path).stem

    @property
    def valid(self) -> bool:
        return self.record is not None and not any(
            d.severity == Severity.ERROR
            and d.code.startswith(("AIG-YAML", "AIG-SCHEMA", "AIG-REF", "AIG-IO", "AIG-ID"))
            for d in self.diagnostics
        )

    def position(self, where: FieldPath, *, key: bool = False) -> tuple[int, int]:
        return self.doc.position(where, key=key) if self.doc else (0, 0)

    def find_position(self, where: FieldPath) -> tuple[int, int]:
        """(line, column) of a field, loading the file again when the node tree was not kept."""
        if self.doc is not None:
            return self.position(where)
        doc, _ = load_file(self.source, self.path)
        return doc.position(where) if doc else (0, 0)

    # the edition's parts, read-only, under the names templates and older callers use

    @property
    def audience(self) -> Audience:
        return self.edition.audience

    @property
    def withheld(self) -> list[Withheld]:
        return list(self.edition.withheld)

    @property
    def confidential(self) -> list[tuple[str | int, ...]]:
        return list(self.edition.confidential)

    @property
    def visibility_rules(self) -> list[Rule]:
        return list(self.edition.visibility_rules)


Checker = Callable[[LoadedRecord], list[Diagnostic]]


@dataclass
class Project:
    root: Path
    records: list[LoadedRecord]
    diagnostics: list[Diagnostic] = field(default_factory=list)  # not tied to one loaded file
    # organisation.yaml (its problems are in `diagnostics`); None: none, or not a whole-portfolio load
    organisation: LoadedOrganisation | None = None
    # components/<id>.yaml: the shared models, datasets and vendors records use by id
    components: Components = field(default_factory=Components)

    @property
    def all_diagnostics(self) -> list[Diagnostic]:
        out = list(self.diagnostics)
        for rec in self.records:
            out.extend(rec.diagnostics)
        return sorted(out)

    @property
    def valid_records(self) -> list[LoadedRecord]:
        return [r for r in self.records if r.record is not None]


def discover(paths: Iterable[Path], root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Record files under the given paths (files are taken as they are)."""
    found: list[Path] = []
    diags: list[Diagnostic] = []
    for path in paths:
        if path.is_dir() and not path.name.endswith(RECORD_SUFFIXES):
            try:
                entries = sorted(path.iterdir())
            except OSError as exc:
                diags.append(
                    Diagnostic(
                        display_path(path),
                        0,
                        0,
                        "AIG-IO",
                        f"folder cannot be read: {exc.strerror or exc}",
                        hint="Check the folder's permissions (it must be readable by the user "
                        "running aigov).",
                    )
                )
                continue
            for entry in entries:
                if entry.is_dir():
                    if entry.name.endswith(RECORD_SUFFIXES):
                        found.append(entry)  # reported by the loader: a folder named like a record
                    elif (entry / FOLDER_RECORD).exists():
                        found.append(entry / FOLDER_RECORD)
                elif entry.name.endswith(RECORD_SUFFIXES) and not entry.name.startswith("."):
                    found.append(entry)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            diags.append(
                Diagnostic(
                    display_path(path),
                    0,
                    0,
                    "AIG-IO",
                    "no such file or folder",
                    hint="Check the path; records live in systems/<id>.yaml.",
                )
            )
    outside = []
    for path in found:
        target = _link_outside(path, root)
        if target is not None:
            diags.append(
                Diagnostic(
                    _shown(path),
                    0,
                    0,
                    "AIG-IO-OUTSIDE",
                    f"is a link to {target}, outside the governance repository",
                    hint="Copy the record into systems/ instead of linking to it.",
                )
            )
            outside.append(path)
    return [p for p in found if p not in outside], diags


def _link_outside(path: Path, root: Path) -> Path | None:
    """Where `path` really leads when a symbolic link (the file itself or a folder on the way)
    takes it outside the repository; None when it stays inside, or when the user named a file
    outside the repository directly (we read what we are asked to read, but never follow a link
    out of the repository)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a link loop: the loader reports it as unreadable
        return None
    if _inside(real, root) or real == Path(os.path.abspath(path)):
        return None
    return real


def _shown(path: Path) -> str:
    """The path as the user sees it, without following links (display_path resolves them)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except ValueError:
        return display_path(path)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root.resolve())
        return True
    except ValueError:
        return False


def expected_id(path: Path) -> str:
    """The id a record file's name gives: systems/<id>.yaml, <id>.aigov.yaml, <id>/system.yaml."""
    if path.name == FOLDER_RECORD:
        return path.parent.name
    stem = path.name.rsplit(".", 1)[0]
    return stem.removesuffix(NAMED_RECORD) if stem.endswith(NAMED_RECORD) else stem


def process_file(
    path: Path, checker: Checker | None = None, keep_doc: bool = False
) -> LoadedRecord:
    """load → validate → (check) for one file; the worker unit of the pipeline."""
    display = display_path(path)
    doc, diags = load_file(path, display)
    loaded = LoadedRecord(display, path, diagnostics=diags)
    if doc is None:
        return loaded
    loaded.doc = doc
    loaded.data = doc.data
    loaded.content_hash = content_hash(doc.data)
    record, answers, vdiags = validate_document(doc)
    loaded.record, loaded.answers = record, answers
    loaded.diagnostics.extend(vdiags)
    want = expected_id(path)
    loaded.id_position = doc.position(("id",))
    if record is not None and record.id != want:
        line, col = loaded.id_position
        hint = (
            f"Rename the file to {record.id}.yaml, or set `id: {want}`."
            if is_slug(want)
            else f"Rename the file to {record.id}.yaml (file names must be slugs too)."
        )
        loaded.diagnostics.append(
            Diagnostic(
                display,
                line,
                col,
                "AIG-ID-FILENAME",
                f"id '{record.id}' does not match the file name '{want}'",
                hint=hint,
                field="id",
            )
        )
    if checker is not None and record is not None:
        loaded.diagnostics.extend(checker(loaded))
    if not keep_doc:
        loaded.doc = None
    return loaded


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often while records load.

    Loading builds tens of thousands of small, acyclic objects per record (YAML nodes, plain
    data, pydantic models) that stay alive until the record is done. With CPython's default
    thresholds the collector rescans them over and over: measured at 35-40% of `aigov validate`
    on 1,000 records. Nothing here relies on prompt cycle collection, and reference counting
    still frees everything as usual, so collect an order of magnitude less often and restore
    the caller's settings afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 50_000), max(before[1], 20), max(before[2], 100))
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _process_batch(paths: list[Path], checker: Checker | None) -> list[LoadedRecord]:
    with fewer_collections():  # workers started by spawn or forkserver do not inherit it
        return [process_file(p, checker) for p in paths]


def load_project(
    paths: list[Path] | None = None,
    *,
    root: Path | None = None,
    checker: Checker | None = None,
    jobs: int | None = None,
    keep_docs: bool = False,
    pool: Executor | None = None,
    cache: LoadCache | None = None,
) -> Project:
    """Load every record under `paths` (default: <root>/systems), in worker processes when
    there are many: `pool` (of `jobs` workers) or a pool of its own. With `cache`, records
    whose file and cited evidence are unchanged since the last call are reused. Loading the
    whole portfolio (no `paths`) also loads `organisation.yaml`, its problems among the
    project's diagnostics."""
    root = (root or find_root(Path.cwd())).resolve()
    targets = paths or [root / "systems"]
    files, diags = discover(targets, root)
    jobs = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    reused = {f: hit for f in files if cache and (hit := cache.get(f)) is not None}
    todo = [f for f in files if f not in reused]
    started = time.time_ns()
    before = {f: _stat(f) for f in todo} if cache is not None else {}  # a save while loading
    with fewer_collections():
        if (pool is not None or jobs > 1) and len(todo) >= PARALLEL_FROM and not keep_docs:
            size = max(8, len(todo) // (max(jobs, 2) * 4))
            batches = [todo[i : i + size] for i in range(0, len(todo), size)]
            with nullcontext(pool) if pool is not None else ProcessPoolExecutor(jobs) as workers:
                results = workers.map(_process_batch, batches, [checker] * len(batches))
                loaded = [r for batch in results for r in batch]
        else:
            loaded = [process_file(p, checker, keep_doc=keep_docs) for p in todo]
    if cache is not None:
        for path, rec in zip(todo, loaded, strict=True):
            cache.put(path, rec, before[path], started)
    fresh = dict(zip(todo, loaded, strict=True))
    records = [reused[f] if f in reused else fresh[f] for f in files]
    duplicate_ids(records)
    components = load_components(root)
    diags = [*diags, *components.diagnostics]
    for rec in records:
        if rec.record is not None and rec.record.uses:
            rec.diagnostics.extend(
                reference_problems(rec.record, rec.path, rec.find_position, components)
            )
    organisation = load_organisation(root) if paths is None else None
    if organisation is not None:
        diags = [*diags, *organisation.diagnostics]
    return Project(root, records, diags, organisation, components)


class LoadCache:
    """Records loaded before, for a process that loads the same repository again and again
    (`aigov serve`). A record is reused while its file, every file it cites as evidence and
    every shared component it uses keep their size, modification time and inode, and while
    the check inputs given to `use` (the day, the policy) are the same; otherwise it is loaded again. Every hit is a copy,
    so findings one load adds (duplicate ids) never reach the next."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self.context: Any = None
        self.root = Path(".")
        # path → (the evidence paths it cites, their state and the file's, the record)
        self._entries: dict[Path, tuple[tuple[str, ...], tuple[Any, ...], LoadedRecord]] = {}

    def use(self, context: Any, root: Path) -> None:
        """Start a load of the repository at `root` with these check inputs; different ones
        empty the cache."""
        if (context, root) != (self.context, self.root):
            self._entries.clear()
            self.context, self.root = context, root

    def get(self, path: Path) -> LoadedRecord | None:
        entry = self._entries.get(path)
        if entry is None or entry[1] != (_stat(path), *self._cited(entry[0])):
            return None
        return replace(entry[2], diagnostics=list(entry[2].diagnostics))

    def put(self, path: Path, loaded: LoadedRecord, file_state: Any, started: int) -> None:
        """Keep `loaded`, read from `path` when it had `file_state` (stat before reading), in
        a load that began at `started` (ns). A file saved since the load began, the record or
        a cited one, is not trusted: its next save could share the modification time."""
        if len(self._entries) >= self.limit:
            self._entries.clear()
        refs = iter_evidence(loaded.data) if loaded.data is not None else []
        paths = {r.path.strip() for r in refs if r.path and r.path.strip()}
        # the shared components it uses bind its sign-offs as evidence files do
        paths |= {f"{FOLDER}/{c}.yaml" for c in _used_components(loaded.data)}
        cited = tuple(sorted(paths))
        cited_states = self._cited(cited)
        present = [st for st in (file_state, *cited_states) if st is not None]
        if file_state is None or any(st[0] >= started for st in present):
            self._entries.pop(path, None)
            return
        kept = replace(loaded, diagnostics=list(loaded.diagnostics))
        self._entries[path] = (cited, (file_state, *cited_states), kept)

    def _cited(self, cited: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple(_stat(self.root / c) for c in cited)


def _used_components(data: Any) -> list[str]:
    uses = data.get("uses") if isinstance(data, dict) else None
    if not isinstance(uses, list):
        return []
    return [str(u["component"]) for u in uses if isinstance(u, dict) and u.get("component")]


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def duplicate_ids(records: list[LoadedRecord]) -> list[Diagnostic]:
    """Report every record whose id an earlier one already uses. The diagnostic is attached
    to the later record too, so it is no longer `valid` and no card or page overwrites the
    first one's."""
    first: dict[str, LoadedRecord] = {}
    diags = []
    for rec in records:
        if rec.record is None:
            continue
        other = first.setdefault(rec.record.id, rec)
        if other is not rec:
            diag = Diagnostic(
                rec.path,
                *rec.id_position,
                "AIG-ID-DUPLICATE",
                f"id '{rec.record.id}' is also used by {other.path}",
                hint="Every system needs its own id; rename one of the two.",
                field="id",
            )
            if diag not in rec.diagnostics:
                rec.diagnostics.append(diag)
            diags.append(diag)
    return diags
