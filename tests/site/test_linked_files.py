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
