"""Golden files: every card format for every example record, compared byte for byte.

After an intended change to the cards or the examples, regenerate and review the diff:

    make golden        # AIGOV_UPDATE_GOLDEN=1 pytest tests/cards -k golden

The inputs are fixed: records are copied out of git, loaded from the copy's root, checked as
of 2026-09-01 and generated "at" 2026-09-01T00:00:00Z, so the files do not depend on the
machine, the checkout or the clock. The PDF is compared through its text (what pypdf
extracts, whitespace removed): its bytes carry creation dates and its line breaks depend on
the fonts installed.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from pathlib import Path

import pytest

from aigov.cards import PdfPrinter, render_card

from .conftest import FIXTURES, GENERATED_AT, REPO, Repo

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("AIGOV_UPDATE_GOLDEN") == "1"
EXAMPLES = sorted(p.stem for p in (REPO / "systems").glob("*.yaml"))
FIXTURE_IDS = sorted(p.stem for p in (FIXTURES / "systems").glob("*.yaml"))
PDF_CARDS = (("support-copilot", "reply-drafter"),)


def artifacts(repo: Repo, system: str) -> dict[str, str]:
    """File name → content of every card of one system."""
    loaded = repo.records[system]
    checks = repo.checks[system]
    common = {
        "root": repo.root,
        "options": repo.options(),
        "checks": checks,
        "generated_at": GENERATED_AT,
    }
    out: dict[str, str] = {}
    for fmt in ("md", "html", "json"):
        out[f"system.{fmt}"] = str(render_card(loaded, fmt, **common))  # type: ignore[arg-type]
    out["decision-summary.md"] = decision_summary(out["system.md"])
    components = loaded.record.approach.components if loaded.record.approach else []  # type: ignore[union-attr]
    for i, comp in enumerate(components):
        formats = ("md", "hf", "html", "json") if i == 0 else ("md", "hf")
        for fmt in formats:
            name = f"{comp.id}.hf.md" if fmt == "hf" else f"{comp.id}.{fmt}"
            out[name] = str(render_card(loaded, fmt, model=comp.id, **common))  # type: ignore[arg-type]
    return out


def decision_summary(md: str) -> str:
    """The decision summary of a Markdown system card, with the banner above it: what a
    reviewer reads first, kept as its own golden file so its changes are reviewed as such."""
    banner = md.split("\n!!! ", 1)[1].split("\n## 1. ", 1)[0] if "\n!!! " in md else ""
    body = md.split("\n## 1. Decision summary\n", 1)[1].split("\n## 2. ", 1)[0]
    return "!!! " + banner.strip() + "\n\n## 1. Decision summary\n" + body.rstrip() + "\n"


def pdf_text(data: bytes) -> str:
    """The PDF's text, normalised (NFKC, no whitespace), in 100-character lines for diffs."""
    import io

    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    return "\n".join(flat[i : i + 100] for i in range(0, len(flat), 100)) + "\n"


def compare(folder: Path, produced: dict[str, str]) -> None:
    problems: list[str] = []
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            if stale.name not in produced:
                stale.unlink()
    for name, text in produced.items():
        path = folder / name
        if UPDATE:
            path.write_text(text, "utf-8", newline="\n")
            continue
        if not path.exists():
            problems.append(f"{path.relative_to(REPO)} is missing")
            continue
        want = path.read_text("utf-8")
        if want != text:
            diff = difflib.unified_diff(
                want.splitlines(), text.splitlines(), "golden", "now", lineterm="", n=1
            )
            problems.append(f"{path.relative_to(REPO)} differs:\n" + "\n".join(list(diff)[:40]))
    if not UPDATE and folder.exists():
        extra = sorted(p.name for p in folder.iterdir() if p.name not in produced)
        if extra:
            problems.append(f"{folder.relative_to(REPO)} has files no card produces: {extra}")
    assert not problems, (
        "\n\n".join(problems)
        + "\n\nIf the change is intended, run `make golden` and review the diff."
    )


@pytest.mark.parametrize("system", EXAMPLES)
def test_golden_example_cards(examples: Repo, system: str) -> None:
    assert system in examples.records, f"systems/{system}.yaml does not validate"
    compare(GOLDEN / "examples" / system, artifacts(examples, system))


@pytest.mark.parametrize("system", FIXTURE_IDS)
def test_golden_fixture_cards(fixtures: Repo, system: str) -> None:
    compare(GOLDEN / "fixtures" / system, artifacts(fixtures, system))


@pytest.mark.browser
@pytest.mark.parametrize(("system", "model"), PDF_CARDS)
def test_golden_pdf_text(examples: Repo, printer: PdfPrinter, system: str, model: str) -> None:
    html = str(
        render_card(
            examples.records[system],
            "html",
            root=examples.root,
            model=model,
            options=examples.options(),
            checks=examples.checks[system],
            generated_at=GENERATED_AT,
        )
    )
    pdf = printer.print(html)  # no footer: page breaks must not move text around
    compare(GOLDEN / "pdf" / system, {f"{model}.pdf.txt": pdf_text(pdf)})
