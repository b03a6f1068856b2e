from decimal import Decimal

import pytest
from django.utils import translation

from monitoring.scoring import Figure
from monitoring.templatetags.monitoring_tags import fraction, measure, target_text
from objectives.models import Comparison, Target


@pytest.mark.parametrize(
    ("language", "value", "unit", "expected"),
    [
        ("vi", Decimal("94.5000"), "%", "94,5%"),
        ("vi", Decimal("100.0000"), "%", "100%"),
        ("vi", Decimal("2"), "lần/năm", "2 lần/năm"),
        ("vi", Decimal("12345.678"), "", "12.345,68"),
        ("en", Decimal("12345.678"), "", "12,345.68"),
        ("vi", None, "%", "–"),
    ],
)
def test_it_writes_figures_for_the_reader(language, value, unit, expected):
    with translation.override(language):
        assert measure(value, Target(unit=unit)) == expected


def test_it_writes_a_fraction_only_when_there_is_one():
    with translation.override("vi"):
        assert fraction(Figure(Decimal(96), Decimal(1890), Decimal(2000))) == "1.890/2.000"
        assert fraction(Figure(Decimal(96))) == ""


def test_it_names_a_target_by_its_wording_or_its_comparison():
    with translation.override("vi"):
        assert target_text(Target(wording="bằng không", comparison=Comparison.EXACTLY)) == (
            "bằng không"
        )
        assert target_text(Target(comparison=Comparison.AT_LEAST, value=96, unit="%")) == (
            "Tối thiểu (≥) 96%"
        )
        assert target_text(Target(comparison=Comparison.DECREASE_BY, value=0, unit="vụ")) == (
            "Giảm so với mốc"
        )
