"""Numbers as the dashboard prints them: "96,5%", "3 lần/năm", "960/1.000"."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

from monitoring.scoring import Outcome

register = template.Library()


def number(value) -> str:
    """At most two decimals, no trailing zeros, grouped and punctuated for the language."""
    text = format(Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP), "f")
    return number_format(Decimal(text.rstrip("0").rstrip(".")), force_grouping=True)


@register.filter
def measure(value, target) -> str:
    """A value in the target's unit, localised; an en dash when there is none."""
    if value is None:
        return "–"
    text = number(value)
    unit = (getattr(target, "unit", "") or "").strip()
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


@register.filter
def fraction(figure) -> str:
    """ "960/1.000" when the figure has a numerator and denominator, else ""."""
    numerator = getattr(figure, "numerator", None)
    denominator = getattr(figure, "denominator", None)
    if numerator is None or not denominator:
        return ""
    return f"{number(numerator)}/{number(denominator)}"


@register.filter
def outcome_label(outcome) -> str:
    try:
        return Outcome(outcome).label
    except ValueError:
        return ""


OUTCOME_ICONS = {
    Outcome.REACHED: "bi-check-circle-fill",
    Outcome.NOT_REACHED: "bi-x-circle-fill",
    Outcome.PENDING: "bi-hourglass-split",
    Outcome.ASSESSED: "bi-chat-left-text",
    Outcome.NO_DATA: "bi-dash-circle",
}


@register.filter
def outcome_icon(outcome) -> str:
    return OUTCOME_ICONS.get(outcome, "bi-dash-circle")
