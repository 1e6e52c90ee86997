"""axe-core in the real browser, shared by the site's and the cards' accessibility tests.

axe-core comes from the test dependency axe-playwright-python (its bundled axe.min.js; nothing
is downloaded). WCAG 2.2 AA is axe's tags wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa."""

from __future__ import annotations

from typing import Any

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("critical", "serious")

AXE_RUN = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, count: v.nodes.length,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.slice(0, 160))}));
}
"""


def axe_source() -> str | None:
    """axe-core as axe-playwright-python ships it, or None when the package is missing."""
    try:
        from importlib import resources

        return (resources.files("axe_playwright_python") / "axe.min.js").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None


def axe_violations(page: Any, source: str) -> list[dict[str, Any]]:
    """Every WCAG 2.2 A/AA violation axe finds in the whole document open in `page`."""
    page.add_script_tag(content=source)
    return list(page.evaluate(AXE_RUN, WCAG_22_AA))


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING]
