"""Pictures rendered at build time as inline SVG: no chart library, no script, no network.

Every function returns `Markup` that is safe to drop into a page: all text that came from a
record is escaped here (`aigov.textsafety.svg_text`: no markup, no direction overrides, no code
point XML refuses), numbers are rounded so output is byte-stable, and links are only the
relative ones the caller passes in. Colours read well on white and in print, and every chart
carries a `<title>` and an `aria-label` so screen readers and search see words, not shapes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from aigov.i18n import N_, current, format_percent, gettext, ngettext, shown_date
from aigov.model import Likelihood, Severity
from aigov.textsafety import svg_text

# risk colours, from "fine" to "act now"; chosen to stay distinguishable when printed in grey
RISK_COLOURS = ("#d9f0d3", "#fee08b", "#fdae61", "#e8555a")
RISK_TEXT = ("#1b3d17", "#4a3b00", "#4a2300", "#ffffff")
PASS_COLOUR = "#2e7d32"
FAIL_COLOUR = "#c62828"
NEUTRAL_COLOUR = "#3f51b5"
GRID_COLOUR = "#d0d4dc"
INK = "#263238"
MUTED = "#5f6b7a"

SEVERITY_LABELS = {
    Severity.LOW: N_("Low"),
    Severity.MEDIUM: N_("Medium"),
    Severity.HIGH: N_("High"),
    Severity.CRITICAL: N_("Critical"),
}
LIKELIHOOD_LABELS = {
    Likelihood.RARE: N_("Rare"),
    Likelihood.UNLIKELY: N_("Unlikely"),
    Likelihood.POSSIBLE: N_("Possible"),
    Likelihood.LIKELY: N_("Likely"),
    Likelihood.ALMOST_CERTAIN: N_("Almost certain"),
}


def _n(value: float) -> str:
    """A coordinate: one decimal, no trailing zeros, never '-0'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def risk_band(severity: Severity, likelihood: Likelihood) -> int:
    """0 (low) … 3 (very high) from severity × likelihood (1…20)."""
    score = severity.score * likelihood.score
    if score <= 3:
        return 0
    if score <= 6:
        return 1
    if score <= 11:
        return 2
    return 3


RISK_BAND_NAMES = ("low", "moderate", "high", "very high")


@dataclass(frozen=True)
class HeatCell:
    """What one cell of a heat map holds: how many harms, and which (for the tooltip)."""

    count: int
    names: tuple[str, ...] = ()


HeatGrid = dict[tuple[Severity, Likelihood], HeatCell]


def heat_grid(points: Iterable[tuple[Severity, Likelihood, str]], *, limit: int = 8) -> HeatGrid:
    """Count harms per (severity, likelihood); keep up to `limit` names per cell."""
    counts: dict[tuple[Severity, Likelihood], list[str]] = {}
    totals: dict[tuple[Severity, Likelihood], int] = {}
    for severity, likelihood, name in points:
        key = (severity, likelihood)
        totals[key] = totals.get(key, 0) + 1
        names = counts.setdefault(key, [])
        if len(names) < limit:
            names.append(name)
    return {key: HeatCell(totals[key], tuple(counts[key])) for key in totals}


def heat_map(
    grid: HeatGrid,
    *,
    title: str,
    caption: str = "",
    band: Callable[[Severity, Likelihood], int] = risk_band,
) -> Markup:
    """Severity (rows, critical on top) × likelihood (columns) with the number of harms.

    `band` colours a cell 0 (low) … 3 (critical); pass the tier matrix the checks use so the
    picture and the derived tier agree."""
    cell_w, cell_h, left, top = 62, 34, 70, 28
    cols, rows = list(Likelihood), list(reversed(list(Severity)))
    width = left + cell_w * len(cols) + 8
    height = top + cell_h * len(rows) + 44
    total = sum(c.count for c in grid.values())
    label = ngettext(
        "{title}: {count} harm by severity and likelihood",
        "{title}: {count} harms by severity and likelihood",
        total,
    ).format(title=title, count=total)
    out = [
        f'<svg class="aigov-heatmap" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{svg_text(label)}">',
        f"<title>{svg_text(label)}</title>",
        f'<text x="{left}" y="16" font-size="12" font-weight="600" fill="{INK}">'
        f"{svg_text(title)}</text>",
    ]
    for r, severity in enumerate(rows):
        y = top + r * cell_h
        out.append(
            f'<text x="{left - 6}" y="{_n(y + cell_h / 2 + 4)}" font-size="11" '
            f'text-anchor="end" fill="{MUTED}">{gettext(SEVERITY_LABELS[severity])}</text>'
        )
        for c, likelihood in enumerate(cols):
            x = left + c * cell_w
            level = band(severity, likelihood)
            cell = grid.get((severity, likelihood))
            count = cell.count if cell else 0
            tip = ngettext(
                "{severity} severity, {likelihood}: {count} harm",
                "{severity} severity, {likelihood}: {count} harms",
                count,
            ).format(
                severity=gettext(SEVERITY_LABELS[severity]),
                likelihood=gettext(LIKELIHOOD_LABELS[likelihood]),
                count=count,
            )
            if cell and cell.names:
                more = count - len(cell.names)
                tip += " — " + "; ".join(cell.names)
                tip += gettext("; and {count} more").format(count=more) if more > 0 else ""
            opacity = "1" if count else "0.45"
            out.append(
                f'<g><title>{svg_text(tip)}</title><rect x="{x + 1}" y="{y + 1}" '
                f'width="{cell_w - 2}" height="{cell_h - 2}" rx="3" fill="{RISK_COLOURS[level]}" '
                f'fill-opacity="{opacity}"/>'
            )
            if count:
                out.append(
                    f'<text x="{_n(x + cell_w / 2)}" y="{_n(y + cell_h / 2 + 5)}" '
                    f'font-size="15" font-weight="700" text-anchor="middle" '
                    f'fill="{RISK_TEXT[level]}">{count}</text>'
                )
            out.append("</g>")
    base = top + cell_h * len(rows)
    for c, likelihood in enumerate(cols):
        out.append(
            f'<text x="{_n(left + c * cell_w + cell_w / 2)}" y="{base + 15}" font-size="11" '
            f'text-anchor="middle" fill="{MUTED}">{gettext(LIKELIHOOD_LABELS[likelihood])}</text>'
        )
    out.append(
        f'<text x="{_n(left + cell_w * len(cols) / 2)}" y="{base + 34}" font-size="11" '
        f'text-anchor="middle" fill="{MUTED}">{svg_text(gettext("likelihood →"))}</text>'
    )
    out.append(
        f'<text x="12" y="{_n(top + cell_h * len(rows) / 2)}" font-size="11" fill="{MUTED}" '
        f'text-anchor="middle" transform="rotate(-90 12 {_n(top + cell_h * len(rows) / 2)})">'
        f"{svg_text(gettext('severity →'))}</text>"
    )
    out.append("</svg>")
    svg = "".join(out)
    figcaption = f"<figcaption>{svg_text(caption)}</figcaption>" if caption else ""
    return Markup(f'<figure class="aigov-figure" data-search-exclude="">{svg}{figcaption}</figure>')


def completeness_bar(percent: float | None, *, width: int = 120, label: str = "") -> Markup:
    """A small horizontal bar 0–100 %; grey and 'n/a' when there is no score."""
    height = 14
    if percent is None:
        text = gettext("n/a")
        fill_w = 0.0
        colour = GRID_COLOUR
    else:
        percent = max(0.0, min(100.0, float(percent)))
        text = shown_percent(percent)
        fill_w = width * percent / 100
        colour = RISK_COLOURS[3] if percent < 50 else ("#f4a259" if percent < 80 else PASS_COLOUR)
    aria = (
        gettext("{label}: completeness {value}").format(label=label, value=text)
        if label
        else gettext("completeness {value}").format(value=text)
    )
    total_w = width + 42
    return Markup(
        f'<svg class="aigov-bar" xmlns="http://www.w3.org/2000/svg" width="{total_w}" '
        f'height="{height}" viewBox="0 0 {total_w} {height}" role="img" '
        f'aria-label="{svg_text(aria)}"><title>{svg_text(aria)}</title>'
        f'<rect x="0" y="2" width="{width}" height="{height - 4}" rx="5" fill="#eceff1"/>'
        f'<rect x="0" y="2" width="{_n(fill_w)}" height="{height - 4}" rx="5" fill="{colour}"/>'
        f'<text x="{width + 6}" y="{height - 3}" font-size="11" fill="{INK}">{svg_text(text)}</text>'
        "</svg>"
    )


def shown_percent(percent: float) -> str:
    """42%: English as aigov has always written it, other languages with their own sign."""
    if current() == "en":
        return f"{percent:.0f}%"
    return format_percent(round(percent) / 100)


@dataclass(frozen=True)
class TrendPoint:
    date: dt.date
    value: float
    passes: bool | None = None


def _fmt(value: float) -> str:
    """A chart value, rounded for the chart, with the language's separators (0.88, 0,88)."""
    return local_separators(_rounded(value))


_SEPARATORS = str.maketrans({",": ".", ".": ","})  # Dutch and German swap them


def local_separators(number: str) -> str:
    """A number aigov wrote the English way (1,234.5), with the language's separators."""
    return number if current() == "en" else number.translate(_SEPARATORS)


def _rounded(value: float) -> str:
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    if magnitude >= 0.01:
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"


@dataclass(frozen=True)
class _TrendFrame:
    """Where a trend chart's plot area is, and the dates and values it spans."""

    left: int
    top: int
    plot_w: int
    plot_h: int
    lo: float
    hi: float
    d0: int
    span: int
    count: int

    @classmethod
    def fit(
        cls, pts: Sequence[TrendPoint], threshold: float | None, width: int, height: int
    ) -> _TrendFrame:
        left, right, top, bottom = 44, 14, 26, 28
        values = [p.value for p in pts] + ([threshold] if threshold is not None else [])
        lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
        if hi == lo:
            pad = abs(hi) * 0.1 or 1.0
            lo, hi = lo - pad, hi + pad
        else:
            pad = (hi - lo) * 0.12
            lo, hi = lo - pad, hi + pad
        if pts:
            d0 = pts[0].date.toordinal()
            span = max(1, pts[-1].date.toordinal() - d0)
        else:
            d0, span = 0, 1
        plot_w, plot_h = width - left - right, height - top - bottom
        return cls(left, top, plot_w, plot_h, lo, hi, d0, span, len(pts))

    def y(self, value: float) -> float:
        return self.top + self.plot_h * (1 - (value - self.lo) / (self.hi - self.lo))

    def xy(self, p: TrendPoint) -> tuple[float, float]:
        x = self.left + (
            self.plot_w / 2
            if self.count == 1
            else self.plot_w * (p.date.toordinal() - self.d0) / self.span
        )
        return x, self.y(p.value)


def trend_chart(
    points: Sequence[TrendPoint],
    *,
    title: str,
    threshold: float | None = None,
    lower_is_better: bool = False,
    width: int = 320,
    height: int = 150,
    limit_word: str = N_("threshold"),
    css_class: str = "aigov-trend",
) -> Markup:
    """Evaluation results (or a monitor's readings, `limit_word="limit"`) over time: one line,
    points coloured pass/fail, the threshold dashed. `limit_word` is an English message,
    translated here."""
    limit_word = gettext(limit_word)
    pts = sorted(points, key=lambda p: p.date)
    frame = _TrendFrame.fit(pts, threshold, width, height)
    left, top, plot_w, plot_h = frame.left, frame.top, frame.plot_w, frame.plot_h
    aria = _trend_label(pts, title, threshold, lower_is_better, limit_word)
    out = [
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{svg_text(aria)}"><title>{svg_text(aria)}</title>',
        f'<text x="{left}" y="15" font-size="12" font-weight="600" fill="{INK}">'
        f"{svg_text(_clip(title, 52))}</text>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{GRID_COLOUR}"/>',
        *_trend_axis(frame),
    ]
    if threshold is not None:
        ty = frame.y(threshold)
        out.append(
            f'<line x1="{left}" y1="{_n(ty)}" x2="{left + plot_w}" y2="{_n(ty)}" '
            f'stroke="{FAIL_COLOUR}" stroke-dasharray="4 3" stroke-width="1.2"/>'
            f'<text x="{left + plot_w}" y="{_n(ty - 4)}" font-size="10" text-anchor="end" '
            f'fill="{FAIL_COLOUR}">{svg_text(limit_word)} {_fmt(threshold)}</text>'
        )
    out += _trend_marks(frame, pts, limit_word)
    out += _trend_dates(frame, pts, height)
    out.append("</svg>")
    return Markup(f'<figure class="aigov-figure" data-search-exclude="">{"".join(out)}</figure>')


def _trend_label(
    pts: Sequence[TrendPoint],
    title: str,
    threshold: float | None,
    lower_is_better: bool,
    limit_word: str = "threshold",
) -> str:
    """The chart in words, for screen readers and the tooltip (`limit_word` translated)."""
    if pts:
        first, last = pts[0], pts[-1]
        change = (
            gettext("{first} on {first_day} → {last} on {last_day}").format(
                first=_fmt(first.value),
                first_day=shown_date(first.date),
                last=_fmt(last.value),
                last_day=shown_date(last.date),
            )
            if len(pts) > 1
            else gettext("{value} on {day}").format(
                value=_fmt(last.value), day=shown_date(last.date)
            )
        )
    else:
        change = gettext("no results yet")
    goal = ""
    if threshold is not None:
        goal = (
            gettext("; {limit} {value} (at most)")
            if lower_is_better
            else gettext("; {limit} {value} (at least)")
        ).format(limit=limit_word, value=_fmt(threshold))
    return f"{title}: {change}{goal}"


def _trend_axis(frame: _TrendFrame) -> list[str]:
    """The value axis: three labels, and grid lines at the middle and the top."""
    out = []
    left, top, plot_w, plot_h = frame.left, frame.top, frame.plot_w, frame.plot_h
    lo, hi = frame.lo, frame.hi
    for frac in (0.0, 0.5, 1.0):
        value = lo + (hi - lo) * frac
        y = top + plot_h * (1 - frac)
        out.append(
            f'<text x="{left - 5}" y="{_n(y + 4)}" font-size="10" text-anchor="end" '
            f'fill="{MUTED}">{_fmt(value)}</text>'
        )
        if frac:
            out.append(
                f'<line x1="{left}" y1="{_n(y)}" x2="{left + plot_w}" y2="{_n(y)}" '
                f'stroke="{GRID_COLOUR}" stroke-width="0.5"/>'
            )
    return out


def _trend_marks(
    frame: _TrendFrame, pts: Sequence[TrendPoint], limit_word: str = "threshold"
) -> list[str]:
    """The line through the results, and one point per result coloured by its verdict."""
    out = []
    if len(pts) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in map(frame.xy, pts))
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{NEUTRAL_COLOUR}" stroke-width="2"/>'
        )
    for p in pts:
        x, y = frame.xy(p)
        colour = {True: PASS_COLOUR, False: FAIL_COLOUR, None: NEUTRAL_COLOUR}[p.passes]
        verdict = {
            True: gettext("passes"),
            False: gettext("misses the {limit}").format(limit=limit_word),
            None: gettext("no {limit}").format(limit=limit_word),
        }[p.passes]
        tip = f"{shown_date(p.date)}: {_fmt(p.value)} ({verdict})"
        out.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{colour}" stroke="#fff">'
            f"<title>{svg_text(tip)}</title></circle>"
        )
    return out


def _trend_dates(frame: _TrendFrame, pts: Sequence[TrendPoint], height: int) -> list[str]:
    """The first and last dates under the plot, and the latest value beside its point."""
    if not pts:
        return []
    left, top, plot_w = frame.left, frame.top, frame.plot_w
    out = [
        f'<text x="{left}" y="{height - 8}" font-size="10" fill="{MUTED}">'
        f"{svg_text(shown_date(pts[0].date))}</text>"
    ]
    if len(pts) > 1:
        out.append(
            f'<text x="{left + plot_w}" y="{height - 8}" font-size="10" text-anchor="end" '
            f'fill="{MUTED}">{svg_text(shown_date(pts[-1].date))}</text>'
        )
    lx, ly = frame.xy(pts[-1])
    anchor = "end" if len(pts) > 1 else "start"
    dx = -7 if len(pts) > 1 else 7
    out.append(
        f'<text x="{_n(lx + dx)}" y="{_n(max(top + 10, ly - 7))}" font-size="11" '
        f'font-weight="700" text-anchor="{anchor}" fill="{INK}">{_fmt(pts[-1].value)}</text>'
    )
    return out


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
