"""A small trend chart per target, drawn by the server as SVG: no script, no inline style
(colours come from classes in static/css/monitoring.css)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from monitoring.numbers import number

WIDTH, HEIGHT = 160, 44
PAD_X, PAD_TOP, PAD_BOTTOM = 6, 5, 5


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    outcome: str
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    segments: tuple[str, ...]  # "x,y x,y …" per <polyline>; a period without data breaks it
    dots: tuple[Dot, ...]
    target_y: float | None
    ticks: tuple[tuple[float, str], ...]

    def svg(self) -> SafeString:
        """The markup: presentation attributes and classes only, numbers never localised."""
        title = gettext("Diễn biến qua các kỳ")
        base = self.height - 1
        parts = [
            format_html(
                '<line class="trend-axis" x1="0" y1="{}" x2="{}" y2="{}"/>',
                base,
                self.width,
                base,
            )
        ]
        if self.target_y is not None:
            parts.append(
                format_html(
                    '<line class="trend-target" x1="0" y1="{}" x2="{}" y2="{}"/>',
                    self.target_y,
                    self.width,
                    self.target_y,
                )
            )
        parts.append(
            format_html_join(
                "",
                '<line class="trend-tick" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>',
                ((x, base - 2, base) for x, _label in self.ticks),
            )
        )
        parts.append(
            format_html_join(
                "", '<polyline class="trend-line" points="{}"/>', ((s,) for s in self.segments)
            )
        )
        parts.append(
            format_html_join(
                "",
                '<circle class="trend-dot outcome-{}" cx="{}" cy="{}" r="3"><title>{}</title>'
                "</circle>",
                ((d.outcome, d.x, d.y, d.title) for d in self.dots),
            )
        )
        described = "; ".join([title, *(d.title for d in self.dots)])
        return format_html(
            '<svg class="trend" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img" '
            'aria-label="{2}"><title>{3}</title>{4}</svg>',
            self.width,
            self.height,
            title,
            described,
            SafeString("".join(parts)),
        )


def _scale(values: list[Decimal], target_value):
    known = [float(v) for v in values if v is not None]
    if target_value is not None:
        known.append(float(target_value))
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    if high == low:
        low, high = low - 1, high + 1
    span = high - low
    inner = HEIGHT - PAD_TOP - PAD_BOTTOM

    def y(value) -> float:
        return round(PAD_TOP + inner * (1 - (float(value) - low) / span), 1)

    return y


def trend_chart(points, *, target_value=None) -> Chart:
    """`points`: PeriodPoint-like objects (period, value, outcome), in time order."""
    points = list(points)
    count = len(points)
    step = (WIDTH - 2 * PAD_X) / (count - 1) if count > 1 else 0
    y = _scale([p.value for p in points], target_value)
    segments, current, dots, ticks = [], [], [], []
    for index, point in enumerate(points):
        x = round(PAD_X + index * step if count > 1 else WIDTH / 2, 1)
        ticks.append((x, point.period.short_label))
        if point.value is None:
            if current:
                segments.append(" ".join(current))
            current = []
            continue
        current.append(f"{x},{y(point.value)}")
        title = f"{point.period.label}: {number(point.value)}"
        dots.append(Dot(x, y(point.value), point.outcome, title))
    if current:
        segments.append(" ".join(current))
    target_y = y(target_value) if target_value is not None else None
    return Chart(WIDTH, HEIGHT, tuple(segments), tuple(dots), target_y, tuple(ticks))
