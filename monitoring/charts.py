"""A small trend chart per target, drawn by the server as SVG: no script, no inline style
(colours come from classes in static/css/monitoring.css)."""

from dataclasses import dataclass
from decimal import Decimal

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
        dots.append(Dot(x, y(point.value), point.outcome, f"{point.period.label}: {point.value}"))
    if current:
        segments.append(" ".join(current))
    target_y = y(target_value) if target_value is not None else None
    return Chart(WIDTH, HEIGHT, tuple(segments), tuple(dots), target_y, tuple(ticks))
