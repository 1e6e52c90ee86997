"""The example site reads right in a real headless Chromium at 1366 px: no table column is
narrower than a word or cut off by the page, every aigov widget is readable in the light and the dark palette, a
register or evidence page printed on its own keeps its title and build line, and record
values are shown as they are (a reasoned not-applicable FRIA with its reason, unknown as
unknown)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.site.conftest import Site
from tests.site.test_browser import ARGS, CHROMIUM, Browser

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")

WIDTH = 1366

# The pages with tables and aigov widgets an auditor reads.
PAGES = [
    "index.html",
    "systems/index.html",
    "registers/harms.html",
    "registers/controls.html",
    "registers/nist-ai-rmf.html",
    "registers/nist-ai-600-1.html",
    "registers/eu-ai-act.html",
    "gaps/index.html",
    "gaps/by-system.html",
    "systems/claims-triage/index.html",
    "systems/claims-triage/history.html",
    "systems/candidate-screening-assistant/index.html",
    "evidence/claims-triage/fria-summary.html",
]

# Cells narrower than their longest word (pixels of slack for sub-pixel rounding); a line may
# break after a hyphen or a slash, as browsers do. Vertical headers (writing-mode) are
# measured along their own line, so they are left out.
NARROW_CELLS = """
() => {
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;left:-9999px';
  document.body.appendChild(probe);
  const out = [];
  for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
    const style = getComputedStyle(cell);
    if (style.writingMode !== 'horizontal-tb' || cell.offsetParent === null) continue;
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    // each word in the font it is drawn in (a <code> or a small note is not the cell's font)
    let longest = '', width = 0;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const holder = node.parentElement;
      if (!holder || holder.offsetParent === null) continue;
      const hs = getComputedStyle(holder);
      probe.style.font = hs.font;
      probe.style.letterSpacing = hs.letterSpacing;
      // a word is what a line may not break inside: spaces, and after a hyphen or slash
      for (const word of node.textContent.split(/\\s+|(?<=[-\\/])/)) {
        if (!word) continue;
        probe.textContent = word;
        const w = probe.getBoundingClientRect().width;
        if (w > width) { width = w; longest = word; }
      }
    }
    if (width > inner + 1.5) {
      const row = cell.closest('tr');
      out.push({text: (row ? row.innerText : cell.innerText).slice(0, 60).replace(/\\s+/g, ' '),
                word: longest, word_px: Math.round(width), cell_px: Math.round(inner)});
    }
  }
  // and no column is cut off: every cell lies inside each box that clips or scrolls it
  for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
    if (cell.offsetParent === null) continue;
    const right = cell.getBoundingClientRect().right;
    for (let box = cell.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX === 'visible') continue;
      const edge = box.getBoundingClientRect().right;
      if (right > edge + 1) {
        const row = cell.closest('tr');
        out.push({text: (row ? row.innerText : cell.innerText).slice(0, 60).replace(/\\s+/g, ' '),
                  cut_px: Math.round(right - edge), by: box.tagName + '.' + box.className});
        break;
      }
    }
  }
  probe.remove();
  return out;
}
"""

# Every aigov element that shows text of its own: its colour against what is really behind
# it (ancestors' backgrounds composited, alpha included), as a WCAG contrast ratio.
CONTRAST = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]);
  };
  const background = (el) => {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const bg = parse(getComputedStyle(n).backgroundColor);
      if (bg && bg[3] > 0) { layers.push(bg); if (bg[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const out = [];
  const seen = new Set();
  const roots = document.querySelectorAll('.md-content [class*="aigov"], .md-content [data-aigov-build]');
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (seen.has(el)) continue;
      seen.add(el);
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own || el.offsetParent === null || el.closest('svg')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
      const bg = background(el);
      const fg = over(parse(style.color), bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const need = large ? 3 : 4.5;
      if (ratio < need) {
        out.push({cls: (el.className && el.className.baseVal === undefined ? el.className : el.tagName) + '',
                  text: el.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, need});
      }
    }
  }
  return out;
}
"""


# Material's palette switch sets data-md-color-scheme on the body; the theme fades colours
# in, so transitions are switched off first (a colour read mid-fade is neither palette's).
PALETTE = """
(scheme) => {
  const still = document.createElement('style');
  still.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.appendChild(still);
  document.body.setAttribute('data-md-color-scheme', scheme);
  void document.body.offsetHeight;
}
"""


@pytest.fixture(scope="module")
def browser(example_server: str) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = chromium.new_page(viewport={"width": WIDTH, "height": 900})
        b = Browser(page, example_server)
        yield b
        chromium.close()
    assert not b.errors, f"console errors: {b.errors}"


def _palette(page: Any, scheme: str) -> None:
    """Material's palette switch sets data-md-color-scheme on the body."""
    page.evaluate(PALETTE, scheme)


def test_no_table_column_is_narrower_than_a_word_at_1366_px(browser: Browser) -> None:
    narrow = {}
    for path in PAGES:
        browser.open(path)
        found = browser.page.evaluate(NARROW_CELLS)
        if found:
            narrow[path] = found
    assert not narrow, narrow


def test_the_eu_page_keeps_what_documentation_lacks_readable(browser: Browser) -> None:
    browser.open("registers/eu-ai-act.html")
    page = browser.page
    detail = page.locator("tr.aigov-detail td").first
    assert "Documentation still lacks" in detail.inner_text()
    # the detail spans the table: as wide as the system's row, not a sliver of it
    row_width = page.locator("table[data-aigov-eu-high] tbody tr").first.bounding_box()
    box = detail.bounding_box()
    assert row_width is not None and box is not None
    assert box["width"] >= 0.9 * row_width["width"]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_aigov_widgets_are_readable_in_both_palettes(browser: Browser, scheme: str) -> None:
    poor = {}
    for path in PAGES:
        browser.open(path)
        _palette(browser.page, scheme)
        assert browser.page.evaluate("document.body.dataset.mdColorScheme") == scheme
        found = browser.page.evaluate(CONTRAST)
        if found:
            poor[path] = found[:8]
    assert not poor, poor


@pytest.mark.parametrize(
    "path", ["registers/controls.html", "evidence/support-copilot/eval-2026-11.html"]
)
def test_a_printed_register_or_evidence_page_stands_on_its_own(browser: Browser, path: str) -> None:
    browser.open(path)
    page = browser.page
    page.emulate_media(media="print")
    try:
        title = page.locator(".md-content h1").first
        assert title.is_visible() and title.inner_text().strip()
        line = page.locator("[data-aigov-build]")
        assert line.count() == 1 and line.is_visible()
        assert "Built" in line.inner_text() and "judged as of" in line.inner_text()
        assert all(not f.is_visible() for f in page.locator(".aigov-filters").all())
    finally:
        page.emulate_media(media="screen")


def test_record_values_are_shown_as_they_are(example_site: Site) -> None:
    """The candidate screening FRIA is not applicable with a reason; its contestability is
    unknown. Neither reads 'none recorded' or 'not stated'."""
    html = (example_site.site / "registers/eu-ai-act.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    row = next(
        tr
        for tr in soup.select("table[data-aigov-eu-high] tbody tr")
        if "Candidate screening" in tr.get_text()
    )
    cells = [" ".join(td.get_text().split()) for td in row.find_all("td")]
    fria, contest = cells[5], cells[4]
    assert fria.startswith("Not applicable: Art. 27 requires a FRIA"), fria
    assert "none recorded" not in fria
    assert contest.startswith("Unknown"), contest


def _axe_source() -> str | None:
    """axe-core as the test dependency axe-playwright-python ships it (no download)."""
    try:
        from importlib import resources

        return (resources.files("axe_playwright_python") / "axe.min.js").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None


AXE_RUN = """
async () => {
  const result = await axe.run(document.querySelector('.md-content'), {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  });
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.slice(0, 160))}));
}
"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_wcag_aa_violation_in_either_palette(browser: Browser, scheme: str) -> None:
    """axe-core's WCAG 2.1 A and AA rules over each page's content (aigov's part of it; the
    theme's header and navigation are Material's), in the light and the dark palette."""
    source = _axe_source()
    if source is None:
        pytest.skip("axe-playwright-python (a test dependency) is not installed")
    found = {}
    for path in PAGES:
        browser.open(path)
        _palette(browser.page, scheme)
        browser.page.add_script_tag(content=source)
        violations = browser.page.evaluate(AXE_RUN)
        if violations:
            found[path] = violations
    assert not found, found
