"""Files that records link to by relative path (evidence, record links, data source links) are
copied into the site, resolved exactly as AIG-EVIDENCE-001 resolves them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aigov.site.build import BUILD_DIR, BuildOptions, build_site

RECORD = """\
schema_version: 1
id: linked-demo
name: Linked demo
data:
  sources:
    - {id: guide, name: Triage guide, link: "./evidence/linked-demo/guide.md#steps"}
    - {id: outside, name: Outside, link: ../outside.md}
links:
  - {title: Runbook, url: evidence/linked-demo/runbook.pdf}
  - {title: Missing, url: evidence/linked-demo/no-such-guide.md}
  - {title: Wiki, url: "https://wiki.example.com/ai/linked-demo"}
controls:
  manage:
    - id: ctl-review
      title: Human review
      evidence: [{title: Review log, path: evidence/linked-demo/log.txt}]
"""


def test_relative_links_are_copied_like_evidence_and_broken_ones_reported(tmp_path: Path):
    root = tmp_path / "governance"
    (root / "systems").mkdir(parents=True)
    (root / "evidence" / "linked-demo").mkdir(parents=True)
    (root / "aigov.yaml").write_text("", encoding="utf-8")
    (root / "systems" / "linked-demo.yaml").write_text(RECORD, encoding="utf-8")
    folder = root / "evidence" / "linked-demo"
    (folder / "guide.md").write_text("# Triage guide\n", encoding="utf-8")
    (folder / "runbook.pdf").write_bytes(b"%PDF-1.4 runbook\n")
    (folder / "log.txt").write_text("log\n", encoding="utf-8")
    (tmp_path / "outside.md").write_text("never published\n", encoding="utf-8")

    result = build_site(BuildOptions(root=root, today=dt.date(2026, 5, 1), render=False))

    docs = root / BUILD_DIR / "docs"
    assert (docs / "evidence/linked-demo/runbook.pdf").read_bytes() == b"%PDF-1.4 runbook\n"
    assert (docs / "evidence/linked-demo/log.txt").is_file()
    assert (docs / "evidence/linked-demo/guide.md").is_file()  # shown as an evidence page
    assert not list(docs.rglob("outside.md"))
    broken = {
        (d.field, d.line): d.message for d in result.diagnostics if d.code == "AIG-EVIDENCE-001"
    }
    assert broken == {
        ("links.1.url", 10): "link 'Missing': linked file 'evidence/linked-demo/no-such-guide.md' "
        "does not exist",
        ("data.sources.1.link", 7): "data source 'Outside': linked path '../outside.md' leaves "
        "the governance repository ('..')",
    }


SCRIPT_CAPABLE = (
    "report.xht",
    "report.xhtm",
    "report.xhtml",
    "feed.atom",
    "feed.rss",
    "types.xsd",
    "binding.xbl",
    "chart.svg",
    "page.html",
    "page.htm",
    "data.xml",
    "style.xsl",
    "tool.js",
    "NOTES",
)


def test_only_inert_evidence_types_are_published_and_the_rest_is_named(tmp_path: Path):
    """Every type a browser could run stays out of the site; the page says where it is."""
    from tests.site.conftest import build_process

    root = tmp_path / "governance"
    folder = root / "evidence" / "scripty"
    (root / "systems").mkdir(parents=True)
    folder.mkdir(parents=True)
    (root / "aigov.yaml").write_text("", encoding="utf-8")
    payload = (
        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">'
        "<script>document.title='aigov-pwned'</script></html>\n"
    )
    entries = []
    for name in SCRIPT_CAPABLE:
        (folder / name).write_text(payload, encoding="utf-8")
        entries.append(f"        - {{title: Evidence {name}, path: evidence/scripty/{name}}}")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 report\n")
    (folder / "photo.PNG").write_bytes(b"\x89PNG\r\n")
    entries += [
        "        - {title: The report, path: evidence/scripty/report.pdf}",
        "        - {title: The photo, path: evidence/scripty/photo.PNG}",
    ]
    record = (
        "schema_version: 1\nid: scripty\nname: Scripty\n"
        "links:\n  - {title: Feed link, url: evidence/scripty/feed.rss}\n"
        "controls:\n  manage:\n    - id: ctl-review\n      title: Human review\n"
        "      evidence:\n" + "\n".join(entries) + "\n"
    )
    (root / "systems" / "scripty.yaml").write_text(record, encoding="utf-8")

    run = build_process(root)
    assert run.returncode == 0, run.stdout + run.stderr

    site = root / "site"
    published = {p.name for p in site.rglob("*") if p.is_file()}
    assert not published & set(SCRIPT_CAPABLE), published & set(SCRIPT_CAPABLE)
    assert not [p for p in site.rglob("*") if p.is_file() and b"aigov-pwned" in p.read_bytes()]
    assert (site / "evidence/scripty/report.pdf").read_bytes() == b"%PDF-1.4 report\n"
    assert (site / "evidence/scripty/photo.PNG").is_file()
    assert "evidence/scripty/chart.svg is linked from a record but kept out of the site" in (
        run.stderr
    )

    page = (site / "systems/scripty/index.html").read_text(encoding="utf-8")
    card = (site / "systems/scripty/scripty.card.html").read_text(encoding="utf-8")
    for html in (page, card):
        gap = ' <span class="muted small">' if html is card else " "
        for name in SCRIPT_CAPABLE:
            assert (
                f"Evidence {name}{gap}"
                f"(kept in the repository at <code>evidence/scripty/{name}</code>; not "
                "published on the site, for safety)"
            ) in html, name
            assert f'evidence/scripty/{name}"' not in html, name  # never an href
        assert '../../evidence/scripty/report.pdf"' in html
    assert "Feed link (kept in the repository at <code>evidence/scripty/feed.rss</code>" in page
