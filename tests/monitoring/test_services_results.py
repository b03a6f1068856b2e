from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Status
from monitoring.models import Correction, Evidence, ObjectivePlan, PeriodConfirmation, Result
from monitoring.services import (
    evidence_attach,
    objective_plan_save,
    period_confirm,
    result_record,
)
from objectives.models import Comparison
from qms_objectives.errors import WorkflowError
from tests.files_support import small_pdf
from tests.hostile_files import png, polyglot_png_html
from tests.monitoring.conftest import add_objective, publish_set

TODAY = date(2024, 7, 15)


@pytest.fixture
def agency_objective(agency):
    """Reported by the agency itself (no department): ISO officers record, the head confirms."""
    return add_objective(publish_set(agency))


@pytest.fixture
def department_objective(agency, department):
    return add_objective(publish_set(agency, department=department))


def record(target, actor, period_key="2024-Q1", **values):
    values.setdefault("value", Decimal("97"))
    return result_record(target=target, period_key=period_key, actor=actor, today=TODAY, **values)


def test_it_records_a_value_for_a_period(people, agency_objective):
    target = agency_objective.targets.get()
    result = record(target, people["iso_officer"], note="Số liệu từ phần mềm một cửa.")
    result.refresh_from_db()
    assert result.value == Decimal("97")
    assert (result.period_start, result.period_end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert result.recorded_by == people["iso_officer"]
    assert result.note == "Số liệu từ phần mềm một cửa."
    # The first result saves the plan with its defaults; the frozen objective is untouched.
    plan = ObjectivePlan.objects.get(objective=agency_objective)
    assert (plan.frequency, plan.department_id) == ("quarterly", None)


def test_it_computes_the_rate_from_numerator_and_denominator(people, agency_objective):
    target = agency_objective.targets.get()
    result = record(target, people["iso_officer"], value=None, numerator=960, denominator=1000)
    result.refresh_from_db()
    assert (result.value, result.numerator, result.denominator) == (
        Decimal("96"),
        Decimal("960"),
        Decimal("1000"),
    )


def test_it_updates_the_same_period_rather_than_adding(people, agency_objective):
    target = agency_objective.targets.get()
    record(target, people["iso_officer"], value=Decimal("90"))
    record(target, people["iso_officer"], value=Decimal("95"))
    assert Result.objects.get(target=target).value == Decimal("95")
    assert not Correction.objects.exists()


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"value": None, "numerator": 5, "denominator": None}, "invalid"),
        ({"value": None, "numerator": 5, "denominator": 0}, "invalid"),
        ({"value": None, "numerator": 1001, "denominator": 1000}, "invalid"),
        ({"value": None}, "invalid"),
        ({"value": Decimal("-1")}, "invalid"),
    ],
)
def test_it_refuses_incomplete_or_impossible_values(people, agency_objective, values, code):
    with pytest.raises(WorkflowError) as error:
        record(agency_objective.targets.get(), people["iso_officer"], **values)
    assert error.value.code == code
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    "period_key",
    ["2024-M01", "2023-Q4", "2024-Q4", "2024-Q9", "2024-03-15"],
)
def test_it_refuses_periods_outside_the_plan(people, agency_objective, period_key):
    """Wrong frequency, another year, a period not yet begun, nonsense, a dated entry."""
    with pytest.raises(WorkflowError):
        record(agency_objective.targets.get(), people["iso_officer"], period_key=period_key)
    assert not Result.objects.exists()


def test_it_records_dated_entries_for_continuous_objectives(people, agency):
    objective = add_objective(publish_set(agency), frequencies=("continuous",))
    target = objective.targets.get()
    record(target, people["iso_officer"], period_key="2024-03-15")
    record(target, people["iso_officer"], period_key="2024-03-16")
    assert list(Result.objects.values_list("period_key", flat=True)) == ["2024-03-15", "2024-03-16"]


def test_it_asks_for_a_written_assessment_when_the_target_is_not_scored(people, agency):
    objective = add_objective(
        publish_set(agency), targets=[{"comparison": Comparison.NOT_SCORED, "value": None}]
    )
    target = objective.targets.get()
    with pytest.raises(WorkflowError):
        record(target, people["iso_officer"], value=None)
    result = record(target, people["iso_officer"], value=None, assessment="Đã cải tiến quy trình.")
    assert result.assessment == "Đã cải tiến quy trình." and result.value is None


def test_it_refuses_sets_that_are_not_published(people, agency):
    draft = publish_set(agency)
    objective = add_objective(draft)
    draft.status = Status.DRAFT
    draft.save(update_fields=["status"])
    with pytest.raises(WorkflowError) as error:
        record(objective.targets.get(), people["iso_officer"])
    assert error.value.code == "state"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("iso_officer", True),
        ("department_head", True),
        ("head", False),
        ("staff", False),
        ("outsider", False),
    ],
)
def test_who_records_a_departments_results(people, department_objective, role, allowed):
    target = department_objective.targets.get()
    if allowed:
        assert record(target, people[role]).pk
    else:
        with pytest.raises(WorkflowError) as error:
            record(target, people[role])
        assert error.value.code == "forbidden"
        assert not Result.objects.exists()


def test_a_department_head_does_not_record_for_the_agency_level(people, agency_objective):
    with pytest.raises(WorkflowError):
        record(agency_objective.targets.get(), people["department_head"])


def test_the_person_named_as_reporter_records(people, agency_objective):
    objective_plan_save(
        objective=agency_objective,
        actor=people["iso_officer"],
        frequency="quarterly",
        roll_up="average",
        reporter=people["staff"],
    )
    assert record(agency_objective.targets.get(), people["staff"]).recorded_by == people["staff"]


# --- locking and corrections ---------------------------------------------------------------


def confirm(agency, department, actor, period_key="2024-Q1"):
    return period_confirm(
        agency=agency, department=department, period_key=period_key, actor=actor, today=TODAY
    )


def test_confirming_locks_and_a_correction_needs_a_reason(
    people, agency, department, department_objective
):
    target = department_objective.targets.get()
    result = record(target, people["department_head"], value=Decimal("95"))
    confirmation = confirm(agency, department, people["department_head"])
    assert confirmation.confirmed_by == people["department_head"]

    with pytest.raises(WorkflowError) as error:
        record(target, people["iso_officer"], value=Decimal("98"))
    assert error.value.code == "locked"
    result.refresh_from_db()
    assert result.value == Decimal("95")
    assert not Correction.objects.exists()

    record(target, people["iso_officer"], value=Decimal("98"), reason="Nhập nhầm số liệu quý I.")
    result.refresh_from_db()
    assert result.value == Decimal("98")
    correction = Correction.objects.get()
    assert correction.by == people["iso_officer"]
    assert correction.reason == "Nhập nhầm số liệu quý I."
    assert correction.old["value"] == "95.0000" and correction.new["value"] == "98"


def test_confirming_a_quarter_locks_its_months_too(people, agency):
    agency_set = publish_set(agency)
    quarterly = add_objective(agency_set).targets.get()
    monthly = add_objective(agency_set, frequencies=("monthly",)).targets.get()
    record(quarterly, people["iso_officer"])
    for month in ("2024-M01", "2024-M02", "2024-M04"):
        record(monthly, people["iso_officer"], period_key=month)
    confirm(agency, None, people["head"])
    with pytest.raises(WorkflowError) as error:
        record(monthly, people["iso_officer"], period_key="2024-M02", value=Decimal("50"))
    assert error.value.code == "locked"
    record(monthly, people["iso_officer"], period_key="2024-M04", value=Decimal("50"))
    assert Result.objects.get(target=monthly, period_key="2024-M04").value == Decimal("50")


def test_a_unit_head_confirms_only_a_complete_report_of_an_ended_period(
    people, agency, department, department_objective
):
    head = people["department_head"]
    with pytest.raises(WorkflowError) as error:
        confirm(agency, department, head)
    assert error.value.code == "incomplete"
    record(department_objective.targets.get(), head)
    with pytest.raises(WorkflowError) as error:
        confirm(agency, department, head, period_key="2024-Q3")  # ends 30 September
    assert error.value.code == "state"
    confirm(agency, department, head)
    with pytest.raises(WorkflowError) as error:
        confirm(agency, department, head)
    assert error.value.code == "state"
    assert PeriodConfirmation.objects.count() == 1


@pytest.mark.parametrize("role", ["iso_officer", "head", "staff", "outsider"])
def test_only_the_department_head_confirms_the_departments_report(
    people, agency, department, department_objective, role
):
    record(department_objective.targets.get(), people["department_head"])
    with pytest.raises(WorkflowError) as error:
        confirm(agency, department, people[role])
    assert error.value.code == "forbidden"
    assert not PeriodConfirmation.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("head", True), ("deputy", True), ("iso_officer", False), ("department_head", False)],
)
def test_the_head_or_deputy_confirms_the_agency_level_report(
    people, agency, agency_objective, role, allowed
):
    record(agency_objective.targets.get(), people["iso_officer"])
    if allowed:
        assert confirm(agency, None, people[role]).department is None
    else:
        with pytest.raises(WorkflowError):
            confirm(agency, None, people[role])


# --- evidence ----------------------------------------------------------------------------------


def test_it_keeps_evidence_privately(people, agency_objective):
    result = record(agency_objective.targets.get(), people["iso_officer"])
    upload = SimpleUploadedFile("Bao cao quy I.pdf", small_pdf(), "application/pdf")
    evidence = evidence_attach(result=result, actor=people["iso_officer"], uploaded_file=upload)
    evidence.refresh_from_db()
    assert evidence.kind == "pdf" and evidence.original_name == "Bao cao quy I.pdf"
    assert evidence.file.name.startswith("evidence/2") and evidence.file.name.endswith(".pdf")
    assert evidence.file.read().startswith(b"%PDF")


def test_evidence_is_stored_under_the_extension_of_its_proven_kind(people, agency_objective):
    """A whole PNG named .html is kept as .png (stored and downloaded), never as .html."""
    result = record(agency_objective.targets.get(), people["iso_officer"])
    upload = SimpleUploadedFile("anh.html", png(), "text/html")
    evidence = evidence_attach(result=result, actor=people["iso_officer"], uploaded_file=upload)
    evidence.refresh_from_db()
    assert evidence.kind == "png" and evidence.original_name == "anh.png"
    assert evidence.file.name.endswith(".png")


def test_a_polyglot_png_html_is_refused_and_nothing_is_kept(people, agency_objective):
    result = record(agency_objective.targets.get(), people["iso_officer"])
    upload = SimpleUploadedFile("anh.html", polyglot_png_html(), "text/html")
    with pytest.raises(WorkflowError) as error:
        evidence_attach(result=result, actor=people["iso_officer"], uploaded_file=upload)
    assert error.value.code == "invalid"
    assert not Evidence.objects.exists()


def test_it_refuses_evidence_by_content_and_by_right(people, agency_objective):
    result = record(agency_objective.targets.get(), people["iso_officer"])
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00", "application/pdf")
    with pytest.raises(WorkflowError) as error:
        evidence_attach(result=result, actor=people["iso_officer"], uploaded_file=fake)
    assert error.value.code == "invalid"
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.4")
    with pytest.raises(WorkflowError):
        evidence_attach(result=result, actor=people["staff"], uploaded_file=pdf)
    assert not Evidence.objects.exists()
