"""Numbers as people type them. In Vietnamese "1.000" is one thousand and "95,5" is 95.5;
Django's own parsing (without USE_THOUSAND_SEPARATOR, which would also print years as
"2.026") reads "1.000" as 1 — a denominator of 1 for 1,000 files handled. Here the group
separator is understood when the digits after it come in threes; a lone separator followed by
one, two or four digits is the other habit ("96.5" typed on an English keyboard) and reads as
the decimal point."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.formats import get_format, number_format

SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")  # grouping by spaces, as in "1 000"
DIGITS = re.compile(r"\d+")


def parse_number(text: str, *, decimal: str = ",", group: str = ".") -> Decimal:
    """The number `text` means with these separators (Vietnamese by default); ValueError when
    it is not one. "1.000" → 1000, "1.234,5" → 1234.5, "95,5" → 95.5, "96.5" → 96.5."""
    text = SPACES.sub("", text)
    sign = "-" if text.startswith("-") else ""
    text = text.removeprefix("-").removeprefix("+")
    if decimal in text:
        whole, fraction = text.split(decimal, 1)
    elif group in text and not _grouped(text, group) and text.count(group) == 1:
        whole, fraction = text.split(group)  # the decimal point, typed the other way
    else:
        whole, fraction = text, None
    if group in whole:
        if not _grouped(whole, group):
            raise ValueError(text)
        whole = whole.replace(group, "")
    fraction_ok = fraction is None or DIGITS.fullmatch(fraction)
    if not DIGITS.fullmatch(whole or "0") or not fraction_ok:
        raise ValueError(text)
    try:
        return Decimal(f"{sign}{whole or 0}.{fraction}" if fraction else f"{sign}{whole}")
    except InvalidOperation:
        raise ValueError(text) from None


def _grouped(text: str, group: str) -> bool:
    head, *groups = text.split(group)
    return (
        1 <= len(head) <= 3 and head.isdigit() and all(len(g) == 3 and g.isdigit() for g in groups)
    )


class LocalDecimalField(forms.DecimalField):
    """A decimal typed with the separators of the reader's language, and shown with them."""

    def __init__(self, **kwargs):
        kwargs["localize"] = True  # a text input showing "95,5", not a browser number input
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}

    def prepare_value(self, value):
        """A saved number shown as it is read back: "1.000", "95,5" (Django's own would show
        "1000", which the next save still reads right but nobody reads at a glance)."""
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            plain = format(Decimal(value).normalize(), "f")
            return number_format(Decimal(plain), use_l10n=True, force_grouping=True)
        return super().prepare_value(value)

    def to_python(self, value):
        if not isinstance(value, str) or value.strip() in self.empty_values:
            return super().to_python(value)
        try:
            return parse_number(
                value,
                decimal=get_format("DECIMAL_SEPARATOR"),
                group=get_format("THOUSAND_SEPARATOR"),
            )
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
