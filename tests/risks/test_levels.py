"""Level = likelihood × impact, computed; bands 1–4 thấp, 5–9 trung bình, 10–16 cao, 20–25 rất
cao; the queryset filters and sorts by the same rule."""

import pytest
from django.core.exceptions import ValidationError

from risks.models import Band, Risk, band_of, band_range, band_table
from tests.risks.risk_support import make_risk

EXPECTED = {
    Band.LOW: {1, 2, 3, 4},
    Band.MEDIUM: {5, 6, 8, 9},
    Band.HIGH: {10, 12, 15, 16},
    Band.VERY_HIGH: {20, 25},
}


def test_it_bands_every_level_the_scales_can_give():
    found = {band: set() for band in Band}
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            risk = Risk(likelihood=likelihood, impact=impact)
            assert risk.level == likelihood * impact
            found[risk.band].add(risk.level)
    assert found == EXPECTED


@pytest.mark.parametrize(
    ("level", "band"),
    [
        (1, Band.LOW),
        (4, Band.LOW),
        (5, Band.MEDIUM),
        (9, Band.MEDIUM),
        (10, Band.HIGH),
        (16, Band.HIGH),
        (20, Band.VERY_HIGH),
        (25, Band.VERY_HIGH),
    ],
)
def test_it_puts_the_edges_in_the_right_band(level, band):
    assert band_of(level) == band


@pytest.mark.parametrize("level", [0, 26])
def test_a_level_outside_the_scale_has_no_band(level):
    with pytest.raises(ValueError):
        band_of(level)


def test_it_states_the_bands():
    assert [(row["low"], row["high"], str(row["label"])) for row in band_table()] == [
        (1, 4, "Thấp"),
        (5, 9, "Trung bình"),
        (10, 16, "Cao"),
        (20, 25, "Rất cao"),
    ]
    assert band_range(Band.HIGH) == (10, 16)


@pytest.mark.parametrize("field", ["likelihood", "impact"])
@pytest.mark.parametrize("value", [0, 6])
def test_points_stay_on_the_scale(agency, field, value):
    risk = Risk(agency=agency, year=2025, description="Mất dữ liệu", **{field: value})
    with pytest.raises(ValidationError) as caught:
        risk.full_clean(exclude=["objectives"])
    assert field in caught.value.error_dict


def test_the_queryset_filters_by_band_and_sorts_by_level(agency):
    low = make_risk(agency, likelihood=2, impact=2)
    high = make_risk(agency, likelihood=4, impact=4)
    very_high = make_risk(agency, likelihood=5, impact=4)

    assert list(Risk.objects.in_band(Band.HIGH)) == [high]
    assert list(Risk.objects.in_band(Band.VERY_HIGH)) == [very_high]
    ordered = Risk.objects.with_level().order_by("-level_value")
    assert [r.pk for r in ordered] == [very_high.pk, high.pk, low.pk]
    assert ordered[0].level_value == 20
