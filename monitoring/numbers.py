"""How figures are written: "96,5" and "1.890" in Vietnamese, "96.5" and "1,890" in English."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def plain(value) -> Decimal:
    """The value to two decimals without trailing zeros: 120.0000 → 120, 97.5000 → 97.5."""
    text = format(Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP), "f")
    return Decimal(text.rstrip("0").rstrip("."))


def number(value) -> str:
    """At most two decimals, no trailing zeros, grouped and punctuated for the language."""
    return number_format(plain(value), force_grouping=True)
