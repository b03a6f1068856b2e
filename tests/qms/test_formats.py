import datetime
from decimal import Decimal

from django import forms
from django.utils import formats, translation


class _Form(forms.Form):
    day = forms.DateField()
    # Our forms localize numbers (ModelForms set localized_fields = "__all__").
    rate = forms.DecimalField(max_digits=6, decimal_places=2, localize=True)


def test_it_reads_day_first_dates_and_comma_decimals_in_vietnamese():
    with translation.override("vi"):
        form = _Form(data={"day": "05/10/2023", "rate": "95,5"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2023, 10, 5)
    assert form.cleaned_data["rate"] == Decimal("95.5")


def test_it_prints_dates_dd_mm_yyyy_in_both_languages():
    day = datetime.date(2023, 1, 2)
    for language in ("vi", "en"):
        with translation.override(language):
            assert formats.date_format(day, "SHORT_DATE_FORMAT") == "02/01/2023"
            assert formats.date_format(day) == "02/01/2023"


def test_it_refuses_an_impossible_date_with_a_field_error():
    with translation.override("vi"):
        form = _Form(data={"day": "31/02/2023", "rate": "1"})
        assert not form.is_valid()
    assert "day" in form.errors
