from datetime import date

import pytest
from django.utils import translation

from monitoring.periods import (
    ReportingFrequency,
    ended_periods,
    entry_period,
    period_containing,
    period_from_key,
    periods_for,
)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_it_makes_twelve_months_with_labels_and_last_days():
    months = periods_for(ReportingFrequency.MONTHLY, 2024)
    assert len(months) == 12
    assert months[0].label == "Tháng 01/2024"
    assert months[0].key == "2024-M01"
    assert months[1].end == date(2024, 2, 29)  # leap year
    assert periods_for(ReportingFrequency.MONTHLY, 2023)[1].end == date(2023, 2, 28)
    assert months[11].start == date(2024, 12, 1) and months[11].end == date(2024, 12, 31)


def test_it_makes_quarters_with_roman_numerals():
    quarters = periods_for(ReportingFrequency.QUARTERLY, 2024)
    assert [q.label for q in quarters] == [
        "Quý I/2024",
        "Quý II/2024",
        "Quý III/2024",
        "Quý IV/2024",
    ]
    assert [(q.start, q.end) for q in quarters][1] == (date(2024, 4, 1), date(2024, 6, 30))
    assert quarters[3].key == "2024-Q4"


def test_it_makes_halves_and_the_year():
    first, second = periods_for(ReportingFrequency.HALF_YEARLY, 2024)
    assert first.label == "6 tháng đầu năm 2024"
    assert second.label == "6 tháng cuối năm 2024"
    assert (first.end, second.start) == (date(2024, 6, 30), date(2024, 7, 1))
    (year,) = periods_for(ReportingFrequency.YEARLY, 2024)
    assert year.label == "Năm 2024"
    assert (year.start, year.end, year.key) == (date(2024, 1, 1), date(2024, 12, 31), "2024-Y")


def test_it_has_no_periods_for_continuous_updating_only_dated_entries():
    assert periods_for(ReportingFrequency.CONTINUOUS, 2024) == []
    entry = entry_period(date(2024, 3, 15))
    assert entry.key == "2024-03-15"
    assert entry.label == "Ngày 15/03/2024"
    assert period_from_key("2024-03-15") == entry


def test_it_reads_every_key_back():
    for frequency in ("monthly", "quarterly", "half_yearly", "yearly"):
        for period in periods_for(frequency, 2025):
            assert period_from_key(period.key) == period


@pytest.mark.parametrize(
    "key", ["2024-M13", "2024-Q5", "2024-H3", "2024", "Q1-2024", "", "2024-02-30"]
)
def test_it_refuses_keys_that_name_no_period(key):
    with pytest.raises(ValueError):
        period_from_key(key)


def test_it_crosses_the_year_boundary_correctly():
    assert period_containing(ReportingFrequency.QUARTERLY, date(2024, 12, 31)).key == "2024-Q4"
    assert period_containing(ReportingFrequency.QUARTERLY, date(2025, 1, 1)).key == "2025-Q1"
    assert period_containing(ReportingFrequency.MONTHLY, date(2025, 1, 1)).key == "2025-M01"
    december = period_from_key("2024-M12")
    assert december.is_last_of_year and december.due_on == date(2025, 1, 10)
    # On New Year's Day every period of the old year has ended, none of the new one.
    assert len(ended_periods(ReportingFrequency.MONTHLY, 2024, date(2025, 1, 1))) == 12
    assert ended_periods(ReportingFrequency.MONTHLY, 2025, date(2025, 1, 1)) == []


def test_it_counts_a_period_as_ended_only_after_its_last_day():
    quarters = ended_periods(ReportingFrequency.QUARTERLY, 2024, date(2024, 3, 31))
    assert quarters == []
    assert [q.key for q in ended_periods("quarterly", 2024, date(2024, 4, 1))] == ["2024-Q1"]
