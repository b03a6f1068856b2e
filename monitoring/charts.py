"""A trend chart per target, drawn by the server as SVG that reads without hovering: each
period's name under its point, each value written above it, the target line labelled, and a
scale that starts at zero (0–100 % for a rate; for a count or any other unit, zero to a little
above the larger of the target and the values), so that 97 % is drawn near the top, not at the
bottom. No script and no inline style (the page's CSP): colours are presentation attributes,
which static/css/monitoring.css refines by class, so the same markup prints in the PDF summary.
"""

import base64
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from monitoring.numbers import number

MIN_WIDTH, STEP, HEIGHT = 200, 28, 90
LEFT, RIGHT, TOP, BOTTOM = 28, 6, 14, 16  # room for the scale, the values and the periods
FONT = 10

OUTCOME_FILL = {
    "reached": "#146c43",
    "not_reached": "#b02a37",
    "pending": "#997404",
    "assessed": "#0a58ca",
    "no_data": "#6c757d",
}


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    outcome: str
    title: str
    text: str  # the value as written above the dot


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    segments: tuple[str, ...]  # "x,y x,y …" per <polyline>; a period without data breaks it
    dots: tuple[Dot, ...]
    target_y: float | None
    ticks: tuple[tuple[float, str], ...]  # (x, period's short name)
    scale: tuple[tuple[float, str], ...] = ()  # (y, value) on the left axis
    target_text: str = ""

    @property
    def base(self) -> float:
        return self.height - BOTTOM

    @property
    def target_label_y(self) -> float:
        """Above the target line, unless a point near its right end (where the label is
        written) sits on or above the line: then below it, clear of that point's value."""
        label_from = self.width - RIGHT - len(self.target_text) * FONT * 0.55
        crowded = any(d.x >= label_from - FONT and d.y <= self.target_y + FONT for d in self.dots)
        below = self.target_y + FONT + 1
        return round(below if crowded and below < self.base - 1 else self.target_y - 2, 1)

    def svg(self) -> SafeString:
        """The markup: presentation attributes and classes only, numbers never localised."""
        title = gettext("Diễn biến qua các kỳ")
        base = self.base
        parts = [
            format_html(
                '<line class="trend-axis" x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#adb5bd"/>'
                '<line class="trend-axis" x1="{0}" y1="{3}" x2="{0}" y2="{1}" stroke="#adb5bd"/>',
                LEFT,
                base,
                self.width - RIGHT,
                TOP,
            ),
            format_html_join(
                "",
                '<text class="trend-scale" x="{0}" y="{1}" font-size="{2}" text-anchor="end" '
                'dominant-baseline="middle" fill="#6c757d">{3}</text>',
                ((LEFT - 3, y, FONT, label) for y, label in self.scale),
            ),
        ]
        if self.target_y is not None:
            parts.append(
                format_html(
                    '<line class="trend-target" x1="{0}" y1="{1}" x2="{2}" y2="{1}" '
                    'stroke="#495057" stroke-dasharray="4 2"/>'
                    '<text class="trend-target-label" x="{2}" y="{3}" font-size="{4}" '
                    'text-anchor="end" fill="#495057">{5}</text>',
                    LEFT,
                    self.target_y,
                    self.width - RIGHT,
                    self.target_label_y,
                    FONT,
                    self.target_text,
                )
            )
        parts.append(
            format_html_join(
                "",
                '<text class="trend-period" x="{0}" y="{1}" font-size="{2}" '
                'text-anchor="middle" fill="#495057">{3}</text>',
                ((x, self.height - 4, FONT, label) for x, label in self.ticks),
            )
        )
        parts.append(
            format_html_join(
                "",
                '<polyline class="trend-line" points="{}" fill="none" stroke="#0d6efd" '
                'stroke-width="1.5"/>',
                ((s,) for s in self.segments),
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle class="trend-dot outcome-{0}" cx="{1}" cy="{2}" r="3" fill="{3}">'
                "<title>{4}</title></circle>"
                '<text class="trend-value" x="{1}" y="{5}" font-size="{6}" '
                'text-anchor="middle" fill="#212529">{7}</text>',
                (
                    (
                        d.outcome,
                        d.x,
                        d.y,
                        OUTCOME_FILL.get(d.outcome, "#6c757d"),
                        d.title,
                        round(d.y - 5, 1),
                        FONT,
                        d.text,
                    )
                    for d in self.dots
                ),
            )
        )
        described = "; ".join([title, *(d.title for d in self.dots)])
        if self.target_text:
            described += "; " + self.target_text
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="trend" viewBox="0 0 {0} {1}" '
            'width="{0}" height="{1}" role="img" '
            'aria-label="{2}"><title>{3}</title>{4}</svg>',
            self.width,
            self.height,
            title,
            described,
            SafeString("".join(parts)),
        )

    def data_uri(self) -> str:
        """The chart as an image address, for the PDF summary: WeasyPrint draws an image's SVG
        without styling each of its nodes as part of the page (a third of the render time)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg().encode()).decode()


def _top(values: list[float], target: float | None, *, percent: bool) -> float:
    """The top of the scale: 100 for a rate (more only if a value exceeds it); else a fifth
    above the larger of the target and the values, so a count is seen against its target."""
    highest = max([*values, target or 0.0, 0.0])
    if percent:
        return max(100.0, highest)
    return highest * 1.2 if highest > 0 else 1.0


def _with_unit(value, unit: str) -> str:
    return f"{number(value)}%" if unit == "%" else number(value)


def trend_chart(points, *, target_value=None, unit: str = "") -> Chart:
    """`points`: PeriodPoint-like objects (period, value, outcome), in time order; `unit` the
    target's unit ("%" draws a 0–100 % scale)."""
    points = list(points)
    count = len(points)
    width = max(MIN_WIDTH, LEFT + RIGHT + STEP * count)
    inner_w = width - LEFT - RIGHT
    step = inner_w / count if count else 0
    values = [float(p.value) for p in points if p.value is not None]
    target = float(target_value) if target_value is not None else None
    low = min([0.0, *values])
    high = _top(values, target, percent=unit.strip() == "%")
    inner_h = HEIGHT - TOP - BOTTOM

    def y(value) -> float:
        return round(TOP + inner_h * (1 - (float(value) - low) / (high - low)), 1)

    segments, current, dots, ticks = [], [], [], []
    for index, point in enumerate(points):
        x = round(LEFT + step * (index + 0.5), 1)
        ticks.append((x, point.period.short_label))
        if point.value is None:
            if current:
                segments.append(" ".join(current))
            current = []
            continue
        current.append(f"{x},{y(point.value)}")
        title = f"{point.period.label}: {_with_unit(point.value, unit.strip())}"
        dots.append(Dot(x, y(point.value), point.outcome, title, number(point.value)))
    if current:
        segments.append(" ".join(current))
    scale = ((y(low), number(Decimal(str(low)))), (y(high), number(Decimal(str(high)))))
    target_y = y(target_value) if target_value is not None else None
    target_text = ""
    if target_value is not None:
        target_text = gettext("Chỉ tiêu %(value)s") % {
            "value": _with_unit(target_value, unit.strip())
        }
    return Chart(
        width,
        HEIGHT,
        tuple(segments),
        tuple(dots),
        target_y,
        tuple(ticks),
        scale,
        target_text,
    )
