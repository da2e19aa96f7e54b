"""The report as one self-contained HTML file.

Rendered with jinja2 and autoescaping on: every piece of article text, outlet name and metadata
goes through the template as data and is escaped. The page loads nothing: its CSS and its bit of
JavaScript (a filter box, a "disagreements only" switch, expand/collapse, print expansion) are
inline, timelines are inline SVG drawn here, and URLs of articles are shown as text, never as
links. The output depends only on the report: no timestamp unless the report carries one.
"""
from __future__ import annotations

import datetime as _dt
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import jinja2

from checker.checks import format_number
from checker.readers import REPORT_MARK_HTML
from checker.report import VERDICTS, Report, Timeline
from checker.report.archive import Archive

# outlets' colours and shapes in timelines: colour-blind-safe hues, then shapes cycle
PALETTE = ("#0b6aa2", "#d1495b", "#2a9d5c", "#8e5cc2", "#e08a00", "#1a9aa0", "#8c5a3c",
           "#c2408f", "#5c6b7a", "#a7a21a")
SHAPES = ("circle", "square", "diamond", "triangle")

WIDTH, HEIGHT = 760, 250
LEFT, RIGHT, TOP, BOTTOM = 76, 24, 18, 40


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("checker.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are package data: no stat of each at every include
    )
    env.filters["num"] = format_number
    env.filters["css"] = css_class
    env.filters["basename"] = lambda p: str(p).replace("\\", "/").rsplit("/", 1)[-1]
    return env


def css_class(value: str | None) -> str:
    """A verdict or severity as a CSS class suffix: `credited differently` → `credited-differently`."""
    return "-".join(str(value or "none").lower().split())


# ------------------------------------------------------------------------------ timelines

@dataclass
class Mark:
    x: float
    y: float
    y_low: float | None
    y_high: float | None
    open_up: bool     # an interval without an upper bound (≥ 2,000): a dashed line up
    open_down: bool
    shape: str
    colour: str
    verdict: str
    anchor: str
    label: str


@dataclass
class Tick:
    pos: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    marks: list[Mark]
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # outlet, colour, shape
    unit: str = ""


def _nice_step(span: float, count: int = 4) -> float:
    if span <= 0:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def chart(timeline: Timeline) -> Chart:
    """The geometry of one timeline: x the publication date, y the value, a mark per claim."""
    style = {o: (PALETTE[i % len(PALETTE)], SHAPES[(i // len(PALETTE)) % len(SHAPES)])
             for i, o in enumerate(timeline.outlets)}
    days = {p.published: _dt.date.fromisoformat(p.published).toordinal() for p in timeline.points}
    d0, d1 = min(days.values()), max(days.values())
    pad_x = max(0.6, (d1 - d0) * 0.08)
    x_lo, x_hi = d0 - pad_x, d1 + pad_x
    ys = [p.value for p in timeline.points]
    ys += [v for p in timeline.points for v in (p.low, p.high) if v is not None]
    y_min, y_max = min(ys), max(ys)
    if y_min == y_max:
        y_min, y_max = y_min - 1, y_max + 1
    pad_y = (y_max - y_min) * 0.1  # keep marks off the frame
    y_min, y_max = (max(0.0, y_min - pad_y) if y_min >= 0 else y_min - pad_y), y_max + pad_y
    step = _nice_step(y_max - y_min)
    y_lo = math.floor(y_min / step) * step
    y_hi = math.ceil(y_max / step) * step
    if y_hi - y_lo < step * 2:
        y_hi = y_lo + step * 2
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def sx(day: float) -> float:
        return round(LEFT + (day - x_lo) / (x_hi - x_lo) * plot_w, 1)

    def sy(v: float) -> float:
        return round(TOP + (y_hi - v) / (y_hi - y_lo) * plot_h, 1)

    dates = sorted(days, key=days.get)
    every = max(1, math.ceil(len(dates) / 8))
    x_ticks = [Tick(sx(days[d]), d) for d in dates[::every]]
    y_ticks = []
    v = y_lo
    while v <= y_hi + step / 2:
        y_ticks.append(Tick(sy(v), format_number(round(v, 6))))
        v += step
    # marks of one date side by side, one slot per outlet
    outlets_on: dict[str, list[str]] = {}
    for p in timeline.points:
        slots = outlets_on.setdefault(p.published, [])
        if p.outlet not in slots:
            slots.append(p.outlet)
    marks = []
    for p in timeline.points:
        slots = outlets_on[p.published]
        dx = (slots.index(p.outlet) - (len(slots) - 1) / 2) * 12
        colour, shape = style[p.outlet]
        low = p.low if p.low is not None else None
        high = p.high if p.high is not None else None
        marks.append(Mark(
            x=round(sx(days[p.published]) + dx, 1), y=sy(p.value),
            y_low=sy(low) if low is not None and low != p.value else None,
            y_high=sy(high) if high is not None and high != p.value else None,
            open_up=high is None and low is not None,
            open_down=low is None and high is not None,
            shape=shape, colour=colour, verdict=p.verdict, anchor=p.anchor, label=p.label))
    return Chart(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, x_ticks, y_ticks, marks,
                 [(o, *style[o]) for o in timeline.outlets], timeline.unit)


# ------------------------------------------------------------------------------ the page

def render(report: Report | Archive) -> str:
    """The report as one HTML document (a str)."""
    return "".join(stream(report))


def stream(report: Report | Archive) -> Iterator[str]:
    """The report as one HTML document, in pieces as they are made: an archive's articles are
    built while the page is written, so a caller that writes each piece holds none of them."""
    charts = {s.gid: chart(s.timeline) for s in report.timelines if s.timeline}
    archive = isinstance(report, Archive)
    template = environment().get_template("archive.html.j2" if archive else "report.html.j2")
    return template.generate(report=report, s=report.summary, charts=charts, verdicts=VERDICTS,
                             open_limit=25, mark=REPORT_MARK_HTML, archive=archive)
