"""A target computed from the dossiers: the eleven dossiers of issue 23 stored as records, the
measure computed per period and department, the results monitoring stores (Q1 2025 6/9; the
year to date at the end of Q4 5/9, one period, never the sum of the quarters), the dashboard
and the evaluation reading them, and the Biểu 06 totals for agencies that have only those."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from dossiers.measures import measure_recompute
from dossiers.models import (
    Dossier,
    DossierPeriodTotals,
    Measure,
    MeasureFigure,
    SupplementRequest,
    TargetMeasure,
)
from dossiers.timeliness import VIETNAM
from evaluation.selectors import evaluation_of
from monitoring.dashboard import Filters, dashboard
from monitoring.models import Result
from tests.monitoring.conftest import add_objective, publish_set

AFTER_THE_YEAR = date(2026, 1, 15)


def at(day: str, hour: int = 9, minute: int = 0, year: int = 2025) -> datetime:
    d, m = (int(part) for part in day.split("/"))
    return datetime(year, m, d, hour, minute, tzinfo=VIETNAM)


ELEVEN = [
    ("D01", at("02/01", 8), at("10/01", 17), at("09/01", 10), (), 10),
    ("D02", at("05/01"), at("12/01", 17), at("12/01", 16, 30), (), 10),
    ("D03", at("06/01"), at("13/01", 17), at("14/01", 9), (), 10),
    (
        "D04",
        at("10/01"),
        at("20/01", 17),
        at("24/01", 15),
        ((at("12/01", 10), at("17/01", 10)),),
        10,
    ),
    (
        "D05",
        at("03/02"),
        at("20/02", 17),
        at("15/02", 10),
        ((at("05/02"), at("06/02")), (at("10/02"), at("11/02"))),
        10,
    ),
    ("D06", at("25/03"), at("05/04", 17), None, (), 4),
    ("D07", at("15/03"), at("28/03", 17), None, (), 4),
    ("D08", at("20/12", year=2024), at("03/01", 17), at("02/01", 11), (), 10),
    ("D09", at("08/01"), at("15/01", 17), None, (), 7),
    ("D10", at("28/03"), at("15/04", 17), at("02/04", 10), (), 10),
    ("D11", at("11/02"), None, at("12/02", 10), (), 10),
]


def store_eleven(agency, department=None, *, prefix=""):
    for code, received, due, finished, supplements, status in ELEVEN:
        dossier = Dossier.objects.create(
            agency=agency,
            code=prefix + code,
            procedure_code="1.001",
            department=department,
            received_at=received,
            due_at=due,
            finished_at=finished,
            status=status,
            is_void=status == 7,
            supplement_count=len(supplements),
        )
        for number, (asked, answered) in enumerate(supplements, start=1):
            SupplementRequest.objects.create(
                dossier=dossier, number=number, asked_at=asked, answered_at=answered
            )


@pytest.fixture
def agency_target(agency):
    objective = add_objective(
        publish_set(agency, year=2025),
        content="Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%.",
    )
    return objective.targets.get()


def bind(target, user, measure=Measure.ON_TIME_RATE, **kw):
    bound = TargetMeasure.objects.create(
        target=target,
        agency=target.objective.objective_set.agency,
        measure=measure,
        created_by=user,
        **kw,
    )
    return bound


def test_q1_2025_of_the_eleven_is_six_of_nine_stored_as_computed(
    agency, department, people, agency_target
):
    store_eleven(agency, department)
    bound = bind(agency_target, people["iso_officer"])
    assert measure_recompute(measure=bound, today=AFTER_THE_YEAR) == 4
    q1 = Result.objects.get(target=agency_target, period_key="2025-Q1")
    assert (q1.numerator, q1.denominator, q1.value) == (6, 9, Decimal("66.67"))
    assert q1.is_computed and q1.source == bound  # no import yet: the binding is the source
    q4 = Result.objects.get(target=agency_target, period_key="2025-Q4")
    assert (q4.to_date_numerator, q4.to_date_denominator) == (5, 9)
    figure = MeasureFigure.objects.get(measure=bound, period_key="2025-Q1")
    assert figure.department == department
    assert figure.counts["before"] == 3 and figure.counts["overdue"] == 1


def test_the_dashboard_and_the_evaluation_read_the_year_as_one_period(
    agency, department, people, agency_target
):
    store_eleven(agency, department)
    measure_recompute(measure=bind(agency_target, people["iso_officer"]), today=AFTER_THE_YEAR)
    data = dashboard(agency=agency, year=2025, filters=Filters(), today=AFTER_THE_YEAR)
    ytd = data["rows"][0].targets[0].ytd
    assert (ytd.numerator, ytd.denominator, ytd.value) == (5, 9, Decimal("55.56"))
    assert data["rows"][0].targets[0].outcome == "not_reached"
    evaluation = evaluation_of(agency_target.objective.objective_set, today=AFTER_THE_YEAR)
    assert evaluation.objectives[0].targets[0].value == Decimal("55.56")


def test_per_department_figures_add_up_to_the_agency(agency, department, people, agency_target):
    from tests.factories import DepartmentFactory

    other = DepartmentFactory(agency=agency)
    store_eleven(agency, department)
    store_eleven(agency, other, prefix="B-")
    bound = bind(agency_target, people["iso_officer"])
    measure_recompute(measure=bound, today=AFTER_THE_YEAR)
    q1 = Result.objects.get(target=agency_target, period_key="2025-Q1")
    assert (q1.numerator, q1.denominator) == (12, 18)
    parts = MeasureFigure.objects.filter(measure=bound, period_key="2025-Q1")
    assert sorted((p.department_id, p.numerator, p.denominator) for p in parts) == sorted(
        [(department.pk, 6, 9), (other.pk, 6, 9)]
    )


def test_filters_keep_only_the_chosen_departments_and_procedures(
    agency, department, people, agency_target
):
    from tests.factories import DepartmentFactory

    other = DepartmentFactory(agency=agency)
    store_eleven(agency, department)
    store_eleven(agency, other, prefix="B-")
    Dossier.objects.filter(code="B-D01").update(procedure_code="2.002")
    bound = bind(agency_target, people["iso_officer"])
    bound.departments.set([other])
    measure_recompute(measure=bound, today=AFTER_THE_YEAR)
    assert Result.objects.get(period_key="2025-Q1").denominator == 9
    bound.procedure_codes = ["2.002"]
    bound.save()
    measure_recompute(measure=bound, today=AFTER_THE_YEAR)
    q1 = Result.objects.get(period_key="2025-Q1")
    assert (q1.numerator, q1.denominator) == (1, 1)


def test_a_department_target_counts_its_own_dossiers(agency, department, people):
    from tests.factories import DepartmentFactory

    other = DepartmentFactory(agency=agency)
    store_eleven(agency, department)
    store_eleven(agency, other, prefix="B-")
    Dossier.objects.filter(code="B-D03").update(finished_at=at("10/01"))
    target = add_objective(publish_set(agency, department=other, year=2025)).targets.get()
    measure_recompute(measure=bind(target, people["iso_officer"]), today=AFTER_THE_YEAR)
    q1 = Result.objects.get(target=target, period_key="2025-Q1")
    assert (q1.numerator, q1.denominator) == (7, 9)


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (Measure.BEFORE_RATE, (3, 6, Decimal("50.00"))),
        (Measure.ONLINE_SHARE, (0, 9, Decimal("0.00"))),
        (Measure.LATE_COUNT, (None, None, Decimal(2))),
    ],
)
def test_the_other_measures(agency, department, people, agency_target, measure, expected):
    store_eleven(agency, department)
    measure_recompute(
        measure=bind(agency_target, people["iso_officer"], measure), today=AFTER_THE_YEAR
    )
    q1 = Result.objects.get(period_key="2025-Q1")
    assert (q1.numerator, q1.denominator, q1.value) == expected


def test_only_ended_periods_are_computed(agency, department, people, agency_target):
    store_eleven(agency, department)
    stored = measure_recompute(
        measure=bind(agency_target, people["iso_officer"]), today=date(2025, 4, 10)
    )
    assert stored == 1
    assert list(Result.objects.values_list("period_key", flat=True)) == ["2025-Q1"]


def test_biểu_06_totals_stand_in_when_the_agency_has_no_dossiers(
    agency, department, people, agency_target
):
    DossierPeriodTotals.objects.create(
        agency=agency,
        processing_unit="Phòng A",
        department=department,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 3, 31),
        received_online=400,
        received_in_person=600,
        resolved_total=900,
        resolved_before=700,
        resolved_on_time=200,
        resolved_late=0,
        pending_total=100,
        pending_within=60,
        pending_overdue=40,
    )
    bound = bind(agency_target, people["iso_officer"])
    assert measure_recompute(measure=bound, today=AFTER_THE_YEAR) == 1
    q1 = Result.objects.get(period_key="2025-Q1")
    assert (q1.numerator, q1.denominator, q1.value) == (960, 1000, Decimal("96.00"))
    assert (q1.to_date_numerator, q1.to_date_denominator) == (960, 1000)
    assert MeasureFigure.objects.get().from_totals


def test_a_recompute_after_an_override_keeps_the_override(
    agency, department, people, agency_target
):
    from monitoring.services import result_override

    store_eleven(agency, department)
    bound = bind(agency_target, people["iso_officer"])
    measure_recompute(measure=bound, today=AFTER_THE_YEAR)
    q1 = Result.objects.get(period_key="2025-Q1")
    result_override(
        result=q1, actor=people["iso_officer"], reason="Sai ngày", numerator=7, denominator=9
    )
    measure_recompute(measure=bound, today=AFTER_THE_YEAR)
    q1.refresh_from_db()
    assert q1.numerator == 7 and not q1.is_computed
