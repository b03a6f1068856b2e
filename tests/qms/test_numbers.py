"""Numbers typed the way each language writes them: "1.000" is one thousand in Vietnamese."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import number_format
from hypothesis import given
from hypothesis import strategies as st

from qms_objectives.numbers import LocalDecimalField, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.000", "1000"),
        ("1.000.000", "1000000"),
        ("12.345", "12345"),
        ("1.234,5", "1234.5"),
        ("95,5", "95.5"),
        (",5", "0.5"),
        ("96.5", "96.5"),  # a decimal point typed on an English keyboard
        ("1.5", "1.5"),
        ("12.3456", "12.3456"),
        ("1 000", "1000"),
        ("1\u00a0000,25", "1000.25"),
        ("-3", "-3"),
        ("0", "0"),
    ],
)
def test_it_reads_vietnamese_numbers(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,000", "1000"), ("1,234.5", "1234.5"), ("1.000", "1"), ("96,5", "96.5")],
)
def test_it_reads_english_numbers(text, expected):
    assert parse_number(text, decimal=".", group=",") == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["", "-", "abc", "1.2.3", "1,2,3", "12.34.567", "1.234.5", "1e5", "NaN", "9,5,"]
)
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


class _Form(forms.Form):
    rate = LocalDecimalField(max_digits=14, decimal_places=4, required=False)


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("vi", "1.000", Decimal(1000)),
        ("vi", "95,5", Decimal("95.5")),
        ("en", "1,000.5", Decimal("1000.5")),
    ],
)
def test_the_form_field_reads_the_readers_language(language, typed, expected):
    with translation.override(language):
        form = _Form(data={"rate": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["rate"] == expected


def test_the_form_field_gives_a_translated_error_and_keeps_what_was_typed():
    form = _Form(data={"rate": "1.2.3"})
    assert not form.is_valid()
    assert form.errors["rate"] == ["Nhập một số."]
    assert 'value="1.2.3"' in str(form["rate"])
    assert 'inputmode="decimal"' in str(form["rate"])


def test_the_form_field_shows_a_value_the_way_it_is_read_back():
    with translation.override("vi"):
        html = str(_Form(initial={"rate": Decimal("95.5")})["rate"])
    assert 'value="95,5"' in html


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.sampled_from(["vi", "en"]))
def test_whatever_we_print_reads_back_as_the_same_number(value, language):
    with translation.override(language):
        printed = number_format(value, decimal_pos=2, force_grouping=True)
        decimal, group = (",", ".") if language == "vi" else (".", ",")
    assert parse_number(printed, decimal=decimal, group=group) == value
