"""Small display helpers for the editor, review and workflow pages."""

from django import template
from django.utils import formats

from objectives.forms import plain_decimal
from objectives.models import Comparison
from objectives.printing.rows import target_wording
from objectives.wording import figure_warnings

register = template.Library()

SYMBOLS = {
    Comparison.AT_LEAST: "≥",
    Comparison.AT_MOST: "≤",
    Comparison.EXACTLY: "=",
    Comparison.GREATER_THAN: ">",
    Comparison.LESS_THAN: "<",
    Comparison.INCREASE_BY: "+",
    Comparison.DECREASE_BY: "−",
}


@register.filter
def plain_number(value) -> str:
    """96.0000 → "96", 95.5000 → "95,5" (in Vietnamese)."""
    if value is None or value == "":
        return ""
    return formats.number_format(plain_decimal(value), use_l10n=True)


@register.filter
def target_label(target) -> str:
    """What a target says: its printed wording, else "≥ 96 %"."""
    if target.wording:
        return target.wording
    if target.value is None:
        return str(target.get_comparison_display())
    symbol = SYMBOLS.get(target.comparison, "")
    return " ".join(p for p in (symbol, plain_number(target.value), target.unit) if p)


@register.filter
def lines(text) -> list[str]:
    """The non-empty lines of a multi-line field (recipients, legal bases, measures)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def lines_summary(text) -> str:
    """The lines of a list field on one line, for a summary: "Như điều 4; Lưu: VT" — each line's
    own bullet ("- ") and closing separator (";", ",", ".") dropped, so none is doubled."""
    return "; ".join(
        line.lstrip("-–•+ ").rstrip(";,. ") for line in lines(text) if line.lstrip("-–•+ ")
    )


@register.filter
def printed_wording(target) -> str:
    """A target as the issued document prints it ("≥ 96%", or the wording typed)."""
    return target_wording(target)


@register.filter
def figure_mismatches(objective) -> list[str]:
    """The editor's warnings where the text names a figure the targets do not have."""
    return figure_warnings(objective)
