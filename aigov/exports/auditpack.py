"""The auditor's pack: one folder (or zip) with the portfolio inventory and, per system, its
record, cards, regulatory exports, cited evidence files and sign-off history, and a
`SHA256SUMS` manifest over everything in it (`sha256sum -c SHA256SUMS` verifies it).

    audit-pack/
      README.md                      what this is, which revision, as of when, how to verify
      inventory.csv, inventory.xlsx  one row per system, links into the pack
      organisation.yaml              the portfolio-wide controls, when the repository has one
      systems/<id>/record/<id>.yaml  the record as committed (or in the working copy)
      systems/<id>/cards/            system card and model cards: .md, .html, .json (.pdf)
      systems/<id>/exports/          every export kind of aigov.exports.registry
      systems/<id>/files/<path>      each cited file (evidence, linked documents), at its
                                     repository path, so the cards' links work
      systems/<id>/signoffs/history.json   commits and sign-offs on one timeline
      SHA256SUMS

`--as-of DATE` builds the pack from a checkout of the commit the main line was at that day
(`aigov.git.commit_at`, `checkout_copy`), judged on that day, so an auditor can sample any
point since go-live. Everything is made in a staging folder next to the target and moved into
place at the end; on any error nothing is left behind. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aigov.diagnostics import Severity
from aigov.errors import AigovError
from aigov.exports.inventory import Links, inventory_csv, inventory_rows, inventory_xlsx

MANIFEST = "SHA256SUMS"
README_TITLE = "# AI governance audit pack"
CARD_FORMATS = ("md", "html", "json")


class PackError(AigovError):
    """The pack cannot be built (bad records: exit 1; a usage or environment problem: 2)."""


@dataclass
class PackResult:
    target: Path
    systems: int
    files: int
    revision: str | None
    as_of: dt.date | None
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # system, kind, why
    missing_evidence: list[tuple[str, str]] = field(default_factory=list)  # system, path


Progress = Callable[[str], None]


def _no_progress(_: str) -> None:
    return None


def build_pack(
    root: Path,
    target: Path,
    *,
    today: dt.date | None = None,
    as_of: dt.date | None = None,
    config: Path | None = None,
    pdf: bool = False,
    generated_at: str | None = None,
    progress: Progress = _no_progress,
) -> PackResult:
    """Build the pack of the repository at `root` into `target` (a folder, or a `.zip` file).
    Raises PackError."""
    from aigov.git import GitError, checkout_copy, commit_at, toplevel

    root = root.resolve()
    target = target.absolute()
    _check_target(target)
    with ExitStack() as stack:
        revision: str | None = None
        source_root = root
        if as_of is not None:
            try:
                found = commit_at(root, as_of)
                top = toplevel(root)
            except GitError as err:
                raise PackError(
                    f"--as-of needs the repository's git history: {err}", exit_code=2
                ) from None
            if found is None:
                raise PackError(
                    f"the repository has no commit on or before {as_of.isoformat()}",
                    hint="Choose a date after the first commit (`git log --reverse` shows it).",
                    exit_code=2,
                )
            revision = found[0]
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="aigov-as-of-")))
            try:
                clone = checkout_copy(root, revision, work / "repo")
            except GitError as err:
                raise PackError(f"cannot check out {revision[:12]}: {err}", exit_code=2) from None
            source_root = clone / root.relative_to(top)
            if not source_root.is_dir():
                raise PackError(
                    f"the governance repository did not exist yet at {revision[:12]} "
                    f"({as_of.isoformat()})",
                    exit_code=2,
                )
            today = as_of
        staging = Path(
            stack.enter_context(
                tempfile.TemporaryDirectory(prefix=".aigov-pack-", dir=target.parent)
            )
        )
        files: dict[str, bytes] = {}
        result = _collect(
            source_root,
            files,
            today=today,
            config=config,
            pdf=pdf,
            generated_at=generated_at,
            revision=revision,
            as_of=as_of,
            progress=progress,
        )
        files[MANIFEST] = manifest(files)
        result.target = target
        result.files = len(files)
        progress("write")
        _write(files, staging, target, moment=today or dt.date.today())
    return result


# --- what goes in -----------------------------------------------------------------------------


def _collect(
    root: Path,
    files: dict[str, bytes],
    *,
    today: dt.date | None,
    config: Path | None,
    pdf: bool,
    generated_at: str | None,
    revision: str | None,
    as_of: dt.date | None,
    progress: Progress,
) -> PackResult:
    from aigov.exports.build import inputs_for
    from aigov.exports.governance import governance_facts
    from aigov.exports.registry import SystemContext, export_files
    from aigov.provenance import GitInfo
    from aigov.review.history import HistoryIndex, history
    from aigov.workspace import open_repository

    ws = open_repository(root, today=today, config=config, consequence="no audit pack was made")
    progress("load")
    project = ws.load()
    bad = [r for r in project.records if not r.valid]
    if bad or any(d.severity == Severity.ERROR for d in project.diagnostics):
        diags = [d for r in bad for d in r.diagnostics if d.severity == Severity.ERROR]
        diags += [d for d in project.diagnostics if d.severity == Severity.ERROR]
        raise PackError(
            f"{len(bad)} record{'s' if len(bad) != 1 else ''} do not validate, so no audit "
            "pack was made",
            diagnostics=sorted(diags),
            hint="Fix the problems above (`aigov validate` lists them too); a pack holds every "
            "system or none.",
            exit_code=1,
        )
    git = GitInfo.discover(ws.root)
    revision = revision or git.head
    index = HistoryIndex.build([r.source for r in project.records])
    printer_cm = _printer() if pdf else None
    printer = printer_cm.__enter__() if printer_cm is not None else None
    result = PackResult(Path("."), len(project.records), 0, revision, as_of)
    facts = []
    try:
        for loaded in project.records:
            progress(f"system {loaded.id}")
            base = f"systems/{loaded.id}"
            hist = history(loaded, ws.root, index=index, today=ws.today)
            inputs = inputs_for(
                loaded,
                root=ws.root,
                today=ws.today,
                generated_at=generated_at,
                git=git,
                organisation=ws.organisation,
            )
            ctx = SystemContext(inputs, ws.root, ws.policy, tuple(hist.signoffs))
            tier = loaded.check_summary.tier if loaded.check_summary else None
            facts.append(governance_facts(loaded, tier, hist.signoffs, ws.policy))
            files[f"{base}/record/{loaded.source.name}"] = loaded.source.read_bytes()
            _cards(files, base, loaded, ws, git, generated_at, printer)
            made, skipped = export_files(ctx, user_templates=_templates(ws.root), printer=printer)
            for item in made:
                data = item.make()
                files[f"{base}/exports/{item.name}"] = (
                    data.encode("utf-8") if isinstance(data, str) else data
                )
            result.skipped += [(loaded.id, s.kind, s.reason) for s in skipped]
            result.missing_evidence += [
                (loaded.id, p) for p in _evidence(files, base, loaded, ws.root)
            ]
            files[f"{base}/signoffs/history.json"] = _json(hist.to_dict())
    finally:
        if printer_cm is not None:
            printer_cm.__exit__(None, None, None)
    org = ws.root / "organisation.yaml"
    if org.is_file():
        files["organisation.yaml"] = org.read_bytes()
    rows = inventory_rows(facts, _pack_links)
    files["inventory.csv"] = inventory_csv(rows)
    files["inventory.xlsx"] = inventory_xlsx(rows)
    files["README.md"] = _readme(result, ws.today, git.head_date if as_of is None else None)
    return result


def _pack_links(system: str) -> Links:
    card = f"systems/{system}/cards/{system}.system-card.html"
    return Links(impact_assessment=f"{card}#impact", card=card)


def _templates(root: Path) -> Path | None:
    folder = root / "templates"
    return folder if folder.is_dir() else None


def _printer() -> Any:
    from aigov.cards.pdf import PdfPrinter, PdfUnavailable

    try:
        return PdfPrinter()
    except PdfUnavailable as err:
        raise PackError(
            f"--pdf needs headless Chromium: {err}",
            hint="Install the pdf extra (pip install 'aigov[pdf]') and Chromium, or leave out "
            "--pdf: the HTML cards hold the same content.",
            exit_code=2,
        ) from None


def _cards(
    files: dict[str, bytes],
    base: str,
    loaded: Any,
    ws: Any,
    git: Any,
    generated_at: str | None,
    printer: Any,
) -> None:
    from aigov.cards import CardOptions, check_inputs, component_ids, render_card

    checks = check_inputs(loaded, ws.options)
    options = CardOptions(
        today=ws.today,
        link_base="../files",  # cards/ sits next to files/, whose tree mirrors the repository
        # the templates put link_base before these too
        model_href="../cards/{system}.{model}.model-card.html",
        system_href="../cards/{system}.system-card.html",
    )
    jobs: list[tuple[str | None, str]] = [(None, f"{loaded.id}.system-card")]
    jobs += [(m, f"{loaded.id}.{m}.model-card") for m in component_ids(loaded)]
    formats = [*CARD_FORMATS, *(["pdf"] if printer is not None else [])]
    for model, name in jobs:
        for fmt in formats:
            out = render_card(
                loaded,
                fmt,
                root=ws.root,
                model=model,
                options=options,
                checks=checks,
                generated_at=generated_at,
                git=git,
                user_templates=_templates(ws.root),
                printer=printer,
            )
            files[f"{base}/cards/{name}.{fmt}"] = (
                out.encode("utf-8") if isinstance(out, str) else out
            )


def _evidence(files: dict[str, bytes], base: str, loaded: Any, root: Path) -> list[str]:
    """Copy every file the record cites by path into `<base>/files/<path>`; the paths that
    name no usable file (the checks report them)."""
    from aigov.evidence import EvidencePathError, iter_evidence, resolve_evidence

    missing: list[str] = []
    for ref in iter_evidence(loaded.data):
        if ref.path is None:
            continue
        rel = "/".join(p for p in ref.path.strip().split("/") if p not in ("", "."))
        try:
            real = resolve_evidence(root, rel, noun=ref.noun)
        except EvidencePathError:
            if rel not in missing:
                missing.append(rel)
            continue
        if "\n" in rel or "\\" in rel:
            continue
        files.setdefault(f"{base}/files/{rel}", real.read_bytes())
    return missing


def _json(value: Any) -> bytes:
    from aigov.textsafety import json_text

    return (json_text(value, indent=2, sort_keys=True, default=str) + "\n").encode("utf-8")


def _readme(result: PackResult, today: dt.date, head_date: str | None) -> bytes:
    lines = [
        README_TITLE,
        "",
        "Made by aigov from the governance records: the portfolio inventory (inventory.csv, "
        "inventory.xlsx) and, per system, its record, cards, regulatory exports, cited "
        "evidence files and sign-off history.",
        "",
        f"- Revision: {result.revision or 'not in git (working copy)'}",
        f"- As of: {result.as_of.isoformat() if result.as_of else 'the working copy'}",
        f"- Judged on: {today.isoformat()}",
        f"- Systems: {result.systems}",
        "",
        "Verify that nothing was changed or left out: `sha256sum -c SHA256SUMS` in this folder.",
    ]
    if result.skipped:
        lines += ["", "## Exports not made", ""]
        lines += [f"- {s}: {k}: {why}" for s, k, why in result.skipped]
    if result.missing_evidence:
        lines += ["", "## Cited evidence not found", ""]
        lines += [f"- {s}: {p}" for s, p in result.missing_evidence]
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- manifest and writing ---------------------------------------------------------------------


def manifest(files: dict[str, bytes]) -> bytes:
    """`sha256sum` lines (`<hex>  <path>`), sorted by path, over every file but itself."""
    lines = [
        f"{hashlib.sha256(data).hexdigest()}  {path}\n"
        for path, data in sorted(files.items())
        if path != MANIFEST
    ]
    return "".join(lines).encode("utf-8")


def _check_target(target: Path) -> None:
    if target.suffix.lower() == ".zip":
        if target.is_dir():
            raise PackError(f"{target} is a folder, not a zip file", exit_code=2)
    elif target.exists() and not _replaceable(target):
        raise PackError(
            f"{target} exists and is not an audit pack aigov made",
            hint="Choose another folder, or a path ending in .zip; aigov only replaces a "
            "folder that holds an earlier audit pack.",
            exit_code=2,
        )
    if not target.parent.is_dir():
        raise PackError(f"the folder {target.parent} does not exist", exit_code=2)


def _replaceable(folder: Path) -> bool:
    """An empty folder, or one holding an earlier pack (README title and manifest)."""
    if not folder.is_dir():
        return False
    if not any(folder.iterdir()):
        return True
    readme = folder / "README.md"
    try:
        return (folder / MANIFEST).is_file() and readme.read_text("utf-8").startswith(README_TITLE)
    except (OSError, UnicodeDecodeError):
        return False


def _write(files: dict[str, bytes], staging: Path, target: Path, *, moment: dt.date) -> None:
    if target.suffix.lower() == ".zip":
        tmp = staging / "pack.zip"
        tmp.write_bytes(pack_zip(files, target.stem, moment))
        os.replace(tmp, target)
        return
    folder = staging / "pack"
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    old = staging / "previous"
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(folder, target)
    except OSError:
        if old.exists():
            os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def pack_zip(files: dict[str, bytes], top: str, moment: dt.date) -> bytes:
    """The pack as a zip with one top folder, entries sorted and dated `moment`, so the same
    pack gives the same bytes."""
    out = io.BytesIO()
    stamp = (max(moment.year, 1980), moment.month, moment.day, 0, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[rel])
    return out.getvalue()
