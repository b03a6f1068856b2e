"""Numbers as the dashboard prints them: "96,5%", "3 lần/năm", "960/1.000"."""

from decimal import Decimal

from django import template
from django.utils.text import Truncator

from monitoring.numbers import number
from monitoring.result_sources import source_link
from monitoring.scoring import Outcome, score
from objectives.models import Comparison

register = template.Library()


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
def as_entered(snapshot, target) -> str:
    """A result kept in a correction (Result.snapshot) as it was entered, in the reader's
    format: "960/1.000", "96,5%", or the start of a written assessment; "–" when empty."""
    snapshot = snapshot or {}
    numerator, denominator = snapshot.get("numerator"), snapshot.get("denominator")
    if numerator not in (None, "") and denominator not in (None, ""):
        return f"{number(Decimal(numerator))}/{number(Decimal(denominator))}"
    if snapshot.get("value") not in (None, ""):
        return measure(Decimal(snapshot["value"]), target)
    assessment = (snapshot.get("assessment") or "").strip()
    return Truncator(assessment).chars(60) if assessment else "–"


@register.filter
def period_outcome(result, target) -> str:
    """Đạt / Không đạt of one period's result against the target, for the rows the head
    confirms; "" where a period alone says nothing (a count summed over the year, a written
    assessment, no value)."""
    if result is None or target.is_cumulative or result.value is None:
        return ""
    outcome = score(
        comparison=target.comparison,
        target_value=target.value,
        actual=result.value,
        baseline=target.baseline,
    )
    return outcome if outcome in (Outcome.REACHED, Outcome.NOT_REACHED) else ""


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


@register.filter
def target_text(target) -> str:
    """The target as printed ("≥ 96%", "bằng không"), else its comparison and value."""
    if target.wording:
        return target.wording
    label = str(target.get_comparison_display())
    no_figure = target.value is None or (
        target.comparison in (Comparison.INCREASE_BY, Comparison.DECREASE_BY) and not target.value
    )
    if target.comparison == Comparison.NOT_SCORED or no_figure:
        return label
    return f"{label} {measure(target.value, target)}"


@register.simple_tag
def result_source(result):
    """Where a computed result comes from (monitoring.result_sources.SourceLink), or None."""
    return None if result is None else source_link(result)
