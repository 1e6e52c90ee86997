"""Build-time pictures: well-formed SVG, the right numbers, record text escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from aigov.checks.tier import harm_tier
from aigov.model import Likelihood, RiskTier, Severity
from aigov.site import svg

NS = "{http://www.w3.org/2000/svg}"
TIERS = [t.value for t in RiskTier]


def _svg(markup: str) -> ET.Element:
    root = ET.fromstring(markup)  # a <figure> or an <svg>; both must be well-formed XML
    return root if root.tag.endswith("svg") else root.find(f"{NS}svg") or root[0]


def _band(s: Severity, lk: Likelihood) -> int:
    return TIERS.index(harm_tier(s, lk).value)


def test_heat_map_counts_harms_per_cell_and_escapes_their_names() -> None:
    grid = svg.heat_grid(
        [
            (Severity.HIGH, Likelihood.LIKELY, "a"),
            (Severity.HIGH, Likelihood.LIKELY, "<script>alert(1)</script>"),
            (Severity.LOW, Likelihood.RARE, "c"),
        ]
    )
    markup = svg.heat_map(grid, title="Before controls", band=_band)
    root = ET.fromstring(markup)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "2" in texts and "1" in texts
    tips = " ".join(t.text or "" for t in root.iter(f"{NS}title"))
    assert "High severity, Likely: 2 harms" in tips
    assert "<script>" in tips  # as text, parsed back from &lt;script&gt;
    assert "<script" not in markup  # never as markup
    assert root.get("data-search-exclude") is not None  # pictures are not search text


def test_heat_map_colours_follow_the_tier_matrix() -> None:
    grid = svg.heat_grid([(Severity.CRITICAL, Likelihood.ALMOST_CERTAIN, "x")])
    markup = str(svg.heat_map(grid, title="t", band=_band))
    assert svg.RISK_COLOURS[3] in markup  # critical × almost certain is the critical colour


def test_trend_chart_marks_each_result_against_the_threshold() -> None:
    points = [
        svg.TrendPoint(dt.date(2026, 1, 1), 0.72, False),
        svg.TrendPoint(dt.date(2026, 5, 1), 0.88, True),
    ]
    markup = svg.trend_chart(points, title="Grounded answers", threshold=0.85)
    root = ET.fromstring(markup)
    circles = list(root.iter(f"{NS}circle"))
    assert [c.get("fill") for c in circles] == [svg.FAIL_COLOUR, svg.PASS_COLOUR]
    label = root.find(f"{NS}svg").get("aria-label")
    assert "0.72 on 2026-01-01 → 0.88 on 2026-05-01" in label
    assert "threshold 0.85 (at least)" in label
    assert root.find(f".//{NS}polyline") is not None


def test_pictures_are_byte_stable() -> None:
    points = [svg.TrendPoint(dt.date(2026, 1, d), 1 / d, None) for d in range(1, 6)]
    assert svg.trend_chart(points, title="t") == svg.trend_chart(list(reversed(points)), title="t")
    assert svg.completeness_bar(33.333) == svg.completeness_bar(33.333)


def test_completeness_bar_without_a_score_says_so() -> None:
    markup = str(svg.completeness_bar(None, label="Data"))
    assert "n/a" in markup and 'aria-label="Data: completeness n/a"' in markup
    assert "120%" not in str(svg.completeness_bar(120))  # clamped to 100
