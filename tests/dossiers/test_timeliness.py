"""The rules of issue 23 on the eleven dossiers of its table, as they stand, and edge cases."""

from datetime import UTC, date, datetime, timedelta

import pytest

from dossiers.timeliness import (
    VIETNAM,
    DossierTimes,
    Standing,
    Supplement,
    Tally,
    bounds,
    effective_due,
    local,
    on_time_rate,
    percent,
    standing,
    tally,
)

Q1 = bounds(date(2025, 1, 1), date(2025, 3, 31))
Q2 = bounds(date(2025, 4, 1), date(2025, 6, 30))
YEAR = bounds(date(2025, 1, 1), date(2025, 12, 31))


def at(day: str, hour: int = 9, minute: int = 0, year: int = 2025) -> datetime:
    d, m = (int(part) for part in day.split("/"))
    return datetime(year, m, d, hour, minute, tzinfo=VIETNAM)


def dossier(received, due, finished=None, supplements=(), withdrawn=False, **kw):
    return DossierTimes(
        received=received,
        due=due,
        finished=finished,
        supplements=tuple(Supplement(a, b) for a, b in supplements),
        withdrawn=withdrawn,
        **kw,
    )


ELEVEN = {
    "D01": dossier(at("02/01", 8), at("10/01", 17), at("09/01", 10)),
    "D02": dossier(at("05/01"), at("12/01", 17), at("12/01", 16, 30)),
    "D03": dossier(at("06/01"), at("13/01", 17), at("14/01", 9)),
    "D04": dossier(
        at("10/01"), at("20/01", 17), at("24/01", 15), [(at("12/01", 10), at("17/01", 10))]
    ),
    "D05": dossier(
        at("03/02"),
        at("20/02", 17),
        at("15/02", 10),
        [(at("05/02"), at("06/02")), (at("10/02"), at("11/02"))],
    ),
    "D06": dossier(at("25/03"), at("05/04", 17)),
    "D07": dossier(at("15/03"), at("28/03", 17)),
    "D08": dossier(at("20/12", 9, year=2024), at("03/01", 17), at("02/01", 11)),
    "D09": dossier(at("08/01"), at("15/01", 17), withdrawn=True),
    "D10": dossier(at("28/03"), at("15/04", 17), at("02/04", 10)),
    "D11": dossier(at("11/02"), None, at("12/02", 10)),
}

Q1_STANDINGS = {
    "D01": Standing.BEFORE,
    "D02": Standing.ON_TIME,
    "D03": Standing.LATE,
    "D04": Standing.BEFORE,
    "D05": Standing.LATE,
    "D06": Standing.PENDING_WITHIN,
    "D07": Standing.OVERDUE,
    "D08": Standing.BEFORE,
    "D09": None,
    "D10": Standing.PENDING_WITHIN,
    "D11": Standing.NO_DEADLINE,
}


@pytest.mark.parametrize("code", sorted(ELEVEN))
def test_each_of_the_eleven_dossiers_stands_in_q1_as_the_table_says(code):
    assert standing(ELEVEN[code], Q1) == Q1_STANDINGS[code]


def test_q1_2025_counts_and_rate_are_six_of_nine():
    counts = tally(ELEVEN.values(), Q1)
    assert (counts.before, counts.on_time, counts.late) == (3, 1, 2)
    assert (counts.pending_within, counts.overdue) == (2, 1)
    assert (counts.in_time, counts.in_rate) == (6, 9)
    assert str(on_time_rate(counts)) == "66.67"


def test_the_year_2025_as_one_period_is_five_of_nine():
    counts = tally(ELEVEN.values(), YEAR)
    assert (counts.before, counts.on_time, counts.late) == (4, 1, 2)
    assert (counts.pending_within, counts.overdue) == (0, 2)
    assert (counts.in_time, counts.in_rate) == (5, 9)
    assert str(on_time_rate(counts)) == "55.56"


def test_the_year_is_not_the_sum_of_its_quarters():
    ends = [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31)]
    quarters = [bounds(date(2025, end.month - 2, 1), end) for end in ends]
    summed = Tally()
    for quarter in quarters:
        summed.add(tally(ELEVEN.values(), quarter))
    # D06 and D07 are pending at the end of each quarter: four times in the sum, once a year.
    assert summed.in_rate > tally(ELEVEN.values(), YEAR).in_rate


def test_d04_effective_due_is_pushed_back_by_the_five_days_with_the_citizen():
    d04 = ELEVEN["D04"]
    assert effective_due(d04, as_of=d04.finished) == local(at("25/01", 17))


def test_d10_is_pending_within_in_q1_and_before_in_q2():
    assert standing(ELEVEN["D10"], Q1) == Standing.PENDING_WITHIN
    assert standing(ELEVEN["D10"], Q2) == Standing.BEFORE


def test_in_q2_only_the_dossiers_still_open_or_finished_in_it_count():
    counts = tally(ELEVEN.values(), Q2)
    # D06, D07 still open at 30/06 (both past due), D10 finished 02/04 before its due.
    assert (counts.before, counts.on_time, counts.late, counts.overdue) == (1, 0, 0, 2)
    assert counts.received == 0 and counts.carried_over == 3


def test_withdrawn_and_no_deadline_dossiers_are_outside_the_rate_but_received():
    counts = tally(ELEVEN.values(), Q1)
    # Received in Q1: all but D08 (2024) and D09 (withdrawn) → 9; D11 among them.
    assert counts.received == 9
    assert counts.no_deadline == 1
    assert counts.carried_over == 1  # D08


# --- midnight boundaries ------------------------------------------------------------------------


def test_finished_at_midnight_belongs_to_the_new_period():
    d = dossier(at("20/03"), at("10/04", 17), datetime(2025, 4, 1, 0, 0, tzinfo=VIETNAM))
    assert standing(d, Q1) == Standing.PENDING_WITHIN
    assert standing(d, Q2) == Standing.BEFORE


def test_finished_at_the_last_millisecond_belongs_to_the_ending_period():
    moment = datetime(2025, 3, 31, 23, 59, 59, 999000, tzinfo=VIETNAM)
    d = dossier(at("20/03"), at("10/04", 17), moment)
    assert standing(d, Q1) == Standing.BEFORE
    assert standing(d, Q2) is None


def test_received_at_midnight_of_the_next_period_is_not_pending_in_this_one():
    d = dossier(datetime(2025, 4, 1, 0, 0, tzinfo=VIETNAM), at("10/04", 17))
    assert standing(d, Q1) is None
    assert standing(d, Q2) == Standing.OVERDUE  # due 10/04, still open on 30/06


def test_utc_times_are_read_in_vietnam_time():
    # 31/03 17:30 UTC is 01/04 00:30 in Hà Nội: finished in Q2.
    finished = datetime(2025, 3, 31, 17, 30, tzinfo=UTC)
    d = dossier(at("20/03"), at("10/04", 17), finished)
    assert standing(d, Q1) == Standing.PENDING_WITHIN
    assert standing(d, Q2) == Standing.BEFORE


def test_pending_with_a_due_at_the_periods_last_afternoon_is_overdue():
    d = dossier(at("20/03"), at("31/03", 17))
    assert standing(d, Q1) == Standing.OVERDUE


def test_pending_with_a_due_at_the_next_midnight_is_within():
    d = dossier(at("20/03"), datetime(2025, 4, 1, 0, 0, tzinfo=VIETNAM))
    assert standing(d, Q1) == Standing.PENDING_WITHIN


# --- exactly at the effective due ---------------------------------------------------------------


def test_finished_exactly_at_the_effective_due_is_on_time():
    d = dossier(at("10/01"), at("20/01", 17), at("22/01", 17), [(at("15/01", 8), at("17/01", 8))])
    assert effective_due(d, as_of=d.finished) == local(at("22/01", 17))
    assert standing(d, Q1) == Standing.ON_TIME


def test_one_minute_after_the_effective_due_is_late():
    d = dossier(
        at("10/01"), at("20/01", 17), at("22/01", 17, 1), [(at("15/01", 8), at("17/01", 8))]
    )
    assert standing(d, Q1) == Standing.LATE


def test_earlier_on_the_due_day_is_on_time_not_before():
    d = dossier(at("10/01"), at("20/01", 17), at("20/01", 8))
    assert standing(d, Q1) == Standing.ON_TIME


# --- supplements ----------------------------------------------------------------------------------


def test_a_supplement_spanning_two_periods_counts_up_to_each_periods_end():
    # Due 25/03; asked 20/03, answered 10/04 (21 days): effective due 15/04.
    d = dossier(at("10/03"), at("25/03", 17), at("14/04", 10), [(at("20/03", 17), at("10/04", 17))])
    # At the end of Q1 the citizen still held it: the clock stopped, so it is within.
    assert standing(d, Q1) == Standing.PENDING_WITHIN
    assert effective_due(d, as_of=d.finished) == local(at("15/04", 17))
    assert standing(d, Q2) == Standing.BEFORE


def test_a_supplement_spanning_two_periods_finished_after_its_effective_due_is_late():
    d = dossier(at("10/03"), at("25/03", 17), at("16/04", 10), [(at("20/03", 17), at("10/04", 17))])
    assert standing(d, Q2) == Standing.LATE


def test_an_unanswered_request_at_the_periods_end_keeps_the_dossier_within():
    d = dossier(at("10/03"), at("25/03", 17), supplements=[(at("24/03", 10), None)])
    assert standing(d, Q1) == Standing.PENDING_WITHIN


def test_an_unanswered_request_made_after_the_due_leaves_it_overdue():
    d = dossier(at("10/03"), at("20/03", 17), supplements=[(at("24/03", 10), None)])
    assert standing(d, Q1) == Standing.OVERDUE


def test_a_request_made_after_the_periods_end_does_not_count_in_it():
    d = dossier(
        at("10/03"),
        at("25/03", 17),
        supplements=[(at("02/04", 10), at("03/04", 10)), (at("05/04", 10), None)],
    )
    assert standing(d, Q1) == Standing.OVERDUE
    assert standing(d, Q2) == Standing.OVERDUE  # two requests by 30/06: late whatever the dates


def test_two_requests_make_a_dossier_late_even_when_finished_early():
    d = ELEVEN["D05"]
    assert effective_due(d, as_of=d.finished) == local(at("22/02", 17))
    assert standing(d, Q1) == Standing.LATE


def test_a_second_request_given_only_as_a_count_makes_it_late():
    d = dossier(
        at("10/01"),
        at("20/01", 17),
        at("15/01", 10),
        [(at("12/01", 10), at("13/01", 10))],
        supplement_count=2,
    )
    assert standing(d, Q1) == Standing.LATE


def test_online_dossiers_are_counted_among_those_received():
    online = dossier(at("10/01"), at("20/01", 17), channel="2")
    in_person = dossier(at("11/01"), at("20/01", 17), channel="1")
    counts = tally([online, in_person], Q1)
    assert (counts.received, counts.received_online) == (2, 1)


def test_percent_rounds_half_up_and_has_no_value_without_a_denominator():
    assert str(percent(960, 1000)) == "96.00"
    assert str(percent(1, 8)) == "12.50"
    assert str(percent(2, 3)) == "66.67"
    assert percent(0, 0) is None


def test_a_naive_time_is_vietnam_time():
    naive = dossier(datetime(2025, 3, 20), datetime(2025, 3, 31, 17), datetime(2025, 4, 1, 0, 0))
    assert standing(naive, Q1) == Standing.OVERDUE
    assert standing(naive, Q2) == Standing.LATE


def test_finished_before_the_period_began_is_not_in_it():
    d = dossier(at("01/12", year=2024), at("20/12", year=2024), at("31/12", 23, 59, year=2024))
    assert standing(d, Q1) is None
    assert tally([d], Q1).carried_over == 0


def test_the_period_end_is_its_last_day_at_23_59_59_999():
    assert Q1.end == datetime(2025, 3, 31, 23, 59, 59, 999000)
    assert Q1.next_start - Q1.end == timedelta(microseconds=1000)
