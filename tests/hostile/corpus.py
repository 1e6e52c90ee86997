"""The hostile-input corpus: the case table (cases.yaml), the committed files (corpus/), the
generators for inputs too big to commit, and the filesystem set-ups (links, folders, pipes).

A case places one bad input into a governance repository's `systems/` folder and names the
diagnostics aigov must report for it: code, line, column, a fragment of the message and of
the hint. `build_repo` places many cases into one repository so a command runs once over all
of them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
TABLE = HERE / "cases.yaml"
MARKER = "aigov-pwned-marker"  # what the code-execution payloads would create in the cwd

HEAD = "schema_version: 1\nid: {id}\nname: Claims triage\n"


@dataclass(frozen=True)
class Expected:
    code: str
    line: int
    column: int
    message: str
    hint: str
    path: str


@dataclass(frozen=True)
class Case:
    name: str
    file: str | None  # under corpus/
    generate: str | None  # a generator below
    setup: str | None  # a filesystem set-up below
    place: str  # where the input lands, relative to the repository root
    expect: tuple[Expected, ...]
    heavy: bool
    cli: bool  # part of the subprocess runs
    note: str
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def load_cases() -> list[Case]:
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    cases = []
    for entry in table["cases"]:
        name = entry["name"]
        file = entry.get("file")
        if file is None and not entry.get("generate") and not entry.get("setup"):
            file = f"{name}.yaml"
        place = entry.get("place") or f"systems/{file or name + '.yaml'}"
        expect = tuple(
            Expected(
                code=e["code"],
                line=int(e["line"]),
                column=int(e["column"]),
                message=e.get("message", ""),
                hint=e.get("hint", ""),
                path=e.get("path", place),
            )
            for e in entry.get("expect", [])
        )
        cases.append(
            Case(
                name=name,
                file=file,
                generate=entry.get("generate"),
                setup=entry.get("setup"),
                place=place,
                expect=expect,
                heavy=bool(entry.get("heavy", False)),
                cli=bool(entry.get("cli", True)),
                note=entry.get("note", ""),
                raw=entry,
            )
        )
    return cases


CASES = load_cases()
LIGHT = [c for c in CASES if not c.heavy]
HEAVY = [c for c in CASES if c.heavy]


# --- generators: inputs too big to commit, written at test time ------------------------------


def one_mb_line() -> bytes:
    """A whole record on one 1 MB line, with a misspelt key at its far end."""
    return (
        "{schema_version: 1, id: one-mb-line, name: Claims triage, summary: "
        + '"'
        + "x" * 1_000_000
        + '", sumary: typo}\n'
    ).encode()


def fifty_mb() -> bytes:
    """50 MB of ordinary-looking YAML (a pasted log): refused before it is parsed."""
    line = b"  - 2026-03-01T10:00:00Z claim CLM-0001 scored 0.91 routed to senior handler\n"
    head = HEAD.format(id="fifty-mb").encode() + b"tags:\n"
    return head + line * (50 * 1024 * 1024 // len(line) + 1)


def deep_nesting() -> bytes:
    """10,000 nested flow lists: libyaml's composer would recurse 10,000 deep in C."""
    return (HEAD.format(id="deep-nesting") + "tags: " + "[" * 10_000 + "]" * 10_000 + "\n").encode()


def deep_block_nesting() -> bytes:
    """3,000 nested block mappings (4.5 MB of indentation, just under the size limit)."""
    body = "".join(" " * (i + 1) + "k:\n" for i in range(3_000))
    return (HEAD.format(id="deep-block-nesting") + "owner:\n" + body).encode()


def alias_text_bomb() -> bytes:
    """A 4 MB anchor repeated by 1,000 aliases: 4 GB of text once expanded."""
    return (
        HEAD.format(id="alias-text-bomb")
        + 'summary: &big "'
        + "x" * 4_000_000
        + '"\ntags: ['
        + ", ".join(["*big"] * 1_000)
        + "]\n"
    ).encode()


def many_values() -> bytes:
    """1.2 million list items in 4.8 MB: more values than any record holds."""
    return (HEAD.format(id="many-values") + "tags:\n").encode() + b"- a\n" * 1_200_000


def many_unknown_keys() -> bytes:
    """20,000 unknown keys: every one is reported, and finding their lines stays linear."""
    return (
        HEAD.format(id="many-unknown-keys") + "".join(f"k{i}: 1\n" for i in range(20_000))
    ).encode()


def long_markup_line() -> bytes:
    """300 KB of Markdown and HTML markup characters in one field, on one line: every one
    needs an escape, and Python-Markdown's inline processing copied the rest of the text for
    each (quadratic); a site page now shows such text in a raw HTML block."""
    unit = "a<b>[c](d)*e_f&g`h|i~j "
    body = (unit * (300_000 // len(unit) + 1))[:300_000]
    return (HEAD.format(id="long-markup-line") + 'summary: "' + body + '"\n').encode()


GENERATORS: dict[str, Callable[[], bytes]] = {
    "one_mb_line": one_mb_line,
    "fifty_mb": fifty_mb,
    "deep_nesting": deep_nesting,
    "deep_block_nesting": deep_block_nesting,
    "alias_text_bomb": alias_text_bomb,
    "many_values": many_values,
    "many_unknown_keys": many_unknown_keys,
    "long_markup_line": long_markup_line,
}


# --- filesystem set-ups ------------------------------------------------------------------------


def _record(case_id: str) -> str:
    return HEAD.format(id=case_id)


def setup_symlink_outside_file(repo: Path, outside: Path, case: Case) -> None:
    target = outside / "secret-record.yaml"
    target.write_text(_record("symlink-outside-file"))
    (repo / case.place).symlink_to(target)


def setup_symlink_outside_folder(repo: Path, outside: Path, case: Case) -> None:
    folder = outside / "linked-folder"
    folder.mkdir(exist_ok=True)
    (folder / "system.yaml").write_text(_record("symlink-outside-folder"))
    (repo / case.place).parent.symlink_to(folder, target_is_directory=True)


def setup_symlink_loop(repo: Path, outside: Path, case: Case) -> None:
    link = repo / case.place
    link.symlink_to(link.name)


def setup_dangling_symlink(repo: Path, outside: Path, case: Case) -> None:
    (repo / case.place).symlink_to("no-such-record.yaml")


def setup_folder_named_like_record(repo: Path, outside: Path, case: Case) -> None:
    folder = repo / case.place
    folder.mkdir()
    (folder / "notes.txt").write_text("meeting notes\n")


def setup_fifo(repo: Path, outside: Path, case: Case) -> None:
    os.mkfifo(repo / case.place)


def setup_duplicate_id(repo: Path, outside: Path, case: Case) -> None:
    (repo / "systems" / "duplicate-id.yaml").write_text(_record("duplicate-id"))
    (repo / "systems" / "duplicate-id").mkdir()
    (repo / "systems" / "duplicate-id" / "system.yaml").write_text(
        _record("duplicate-id") + "summary: The same system, written twice.\n"
    )


def setup_hostile_file_name(repo: Path, outside: Path, case: Case) -> None:
    """A file name that is markup; written at test time (no such names in the git tree)."""
    body = (
        _record("hostile-file-name") if "broken" not in case.name else "schema_version: 1\nid: [\n"
    )
    (repo / case.place).write_text(body)


def setup_unreadable(repo: Path, outside: Path, case: Case) -> None:
    path = repo / case.place
    path.write_text(_record("unreadable"))
    path.chmod(0)


SETUPS: dict[str, Callable[[Path, Path, Case], None]] = {
    "symlink_outside_file": setup_symlink_outside_file,
    "symlink_outside_folder": setup_symlink_outside_folder,
    "symlink_loop": setup_symlink_loop,
    "dangling_symlink": setup_dangling_symlink,
    "folder_named_like_record": setup_folder_named_like_record,
    "fifo": setup_fifo,
    "duplicate_id": setup_duplicate_id,
    "unreadable": setup_unreadable,
    "hostile_file_name": setup_hostile_file_name,
}


def can_block_reads() -> bool:
    """chmod 000 stops reads only for an unprivileged user (root reads anything)."""
    return os.geteuid() != 0


def init_repo(root: Path) -> Path:
    """An empty governance repository: the marker file aigov looks for, and systems/."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "aigov.yaml").write_text("# hostile-input test repository\n")
    (root / "systems").mkdir(exist_ok=True)
    return root


def place(case: Case, repo: Path, outside: Path) -> None:
    """Put one case's input into `repo` (which already holds systems/)."""
    target = repo / case.place
    if case.setup:
        SETUPS[case.setup](repo, outside, case)
    elif case.generate:
        target.write_bytes(GENERATORS[case.generate]())
    else:
        assert case.file is not None
        shutil.copyfile(CORPUS / case.file, target)


def build_repo(root: Path, cases: Iterable[Case]) -> Path:
    """A governance repository under `root/repo` holding the given cases, with an `outside`
    folder next to it for the links that point out of the repository."""
    repo = init_repo(root / "repo")
    outside = root / "outside"
    outside.mkdir(exist_ok=True)
    for case in cases:
        place(case, repo, outside)
    return repo
