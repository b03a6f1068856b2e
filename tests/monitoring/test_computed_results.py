"""Results computed from records (issue 23): stored by monitoring with a generic source, marked
on the entry page and the dashboard, never typed over; an explained override is the only hand
change, recorded in history; the year to date of a computed rate is its to-date figure (a year
is one period), and the dashboard and the year-end evaluation count computed results."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluation.selectors import evaluation_of
from monitoring import result_sources
from monitoring.models import Correction, PeriodConfirmation, Result
from monitoring.result_sources import SourceLink
from monitoring.services import result_override, result_record, result_store_computed
from qms_objectives.errors import WorkflowError
from tests.monitoring.conftest import add_objective, publish_set


@pytest.fixture
def source(agency):
    """Any object serves as a source; the agency stands in for an import here."""
    return agency


@pytest.fixture(autouse=True)
def describer(monkeypatch):
    monkeypatch.setitem(
        result_sources._DESCRIBERS,
        "agencies.agency",
        lambda agency: SourceLink(f"Lần nhập hồ sơ của {agency.name}", "/dossiers/imports/1/"),
    )


@pytest.fixture
def target(agency, department, today):
    objective = add_objective(
        publish_set(agency, department=department),
        content="Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%.",
    )
    return objective.targets.get()


def computed(target, key, numerator, denominator, user, source, **extra):
    return result_store_computed(
        target=target,
        period_key=key,
        actor=user,
        source=source,
        numerator=numerator,
        denominator=denominator,
        **extra,
    )


def entry_url(agency, department, key="2024-Q2"):
    return reverse("monitoring:department_entry", args=[agency.pk, department.pk, key])


def test_it_stores_a_computed_result_with_its_source(target, people, source):
    result = computed(target, "2024-Q2", 960, 1000, people["iso_officer"], source)
    result.refresh_from_db()
    assert result.is_computed and result.source == source
    assert (result.value, result.numerator, result.denominator) == (
        Decimal("96.00"),
        Decimal(960),
        Decimal(1000),
    )
    assert not Correction.objects.exists()


def test_the_entry_page_marks_it_and_links_its_source(
    client, people, agency, department, target, source
):
    computed(target, "2024-Q2", 960, 1000, people["iso_officer"], source)
    client.force_login(people["iso_officer"])
    html = client.get(entry_url(agency, department)).content.decode()
    assert 'data-testid="computed-badge"' in html and "Tính tự động" in html
    assert f"Lần nhập hồ sơ của {agency.name}" in html and 'href="/dossiers/imports/1/"' in html
    assert "960/1.000" in html
    assert reverse("monitoring:result_override", args=[Result.objects.get().pk]) in html


@pytest.mark.parametrize("role", ["iso_officer", "department_head"])
def test_the_entry_form_refuses_to_type_over_it_and_changes_nothing(
    client, people, agency, department, target, source, role
):
    result = computed(target, "2024-Q2", 960, 1000, people["iso_officer"], source)
    client.force_login(people[role])
    prefix = f"t{target.pk}"
    response = client.post(
        entry_url(agency, department),
        {f"{prefix}-numerator": "990", f"{prefix}-denominator": "1000"},
    )
    assert response.status_code == 400
    assert "được tính tự động từ hồ sơ nên không nhập đè được" in response.content.decode()
    result.refresh_from_db()
    assert result.numerator == 960 and result.is_computed
    assert not Correction.objects.exists()


def test_the_service_refuses_too(target, people, source, today):
    computed(target, "2024-Q2", 960, 1000, people["iso_officer"], source)
    with pytest.raises(WorkflowError) as refused:
        result_record(
            target=target, period_key="2024-Q2", actor=people["iso_officer"], value=Decimal(99)
        )
    assert refused.value.code == "computed"
    assert Result.objects.get().numerator == 960


def override_url(result):
    return reverse("monitoring:result_override", args=[result.pk])


def test_the_iso_officer_overrides_with_a_reason_kept_in_history(
    client, people, agency, department, target, source
):
    result = computed(target, "2024-Q2", 960, 1000, people["iso_officer"], source)
    client.force_login(people["iso_officer"])
    assert client.get(override_url(result)).status_code == 200
    response = client.post(
        override_url(result),
        {"numerator": "970", "denominator": "1000", "reason": "10 hồ sơ nhập sai ngày trả"},
    )
    assert response.status_code == 302
    result.refresh_from_db()
    assert not result.is_computed and result.override_reason == "10 hồ sơ nhập sai ngày trả"
    assert result.numerator == 970 and result.value == Decimal("97.00")
    correction = Correction.objects.get(result=result)
    assert correction.reason == "10 hồ sơ nhập sai ngày trả"
    assert correction.old["numerator"] == "960.0000" and correction.new["numerator"] == "970"
    html = client.get(entry_url(agency, department)).content.decode()
    assert 'data-testid="override-reason"' in html and "10 hồ sơ nhập sai ngày trả" in html


def test_an_override_without_a_reason_is_refused_next_to_the_field(client, people, target, source):
    result = computed(target, "2024-Q2", 960, 1000, people["iso_officer"], source)
    client.force_login(people["iso_officer"])
    response = client.post(override_url(result), {"numerator": "970", "denominator": "1000"})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    result.refresh_from_db()
    assert result.is_computed and result.numerator == 960


@pytest.mark.parametrize(("role", "status"), [("head", 403), ("staff", 403), ("outsider", 404)])
def test_others_cannot_override_and_nothing_changes(client, people, target, source, role, status):
    result = computed(target, "2024-Q2", 960, 1000, people["iso_officer"], source)
    client.force_login(people[role])
    data = {"numerator": "1", "denominator": "1", "reason": "thử"}
    assert client.post(override_url(result), data).status_code == status
    result.refresh_from_db()
    assert result.is_computed and result.numerator == 960
    assert not Correction.objects.exists()


def test_a_later_computation_leaves_an_override_alone(target, people, source):
    result = computed(target, "2024-Q2", 960, 1000, people["iso_officer"], source)
    result_override(
        result=result,
        actor=people["iso_officer"],
        reason="Sai nguồn",
        numerator=970,
        denominator=1000,
    )
    computed(target, "2024-Q2", 900, 1000, people["iso_officer"], source)
    result.refresh_from_db()
    assert result.numerator == 970 and not result.is_computed


def test_a_typed_result_is_only_overridden_through_the_service_when_computed(
    target, people, source, today
):
    typed = result_record(
        target=target, period_key="2024-Q2", actor=people["iso_officer"], value=Decimal(97)
    )
    with pytest.raises(WorkflowError):
        result_override(result=typed, actor=people["iso_officer"], reason="x", value=1)


def test_replacing_a_typed_result_or_a_confirmed_one_is_kept_as_a_correction(
    agency, department, target, people, source, today
):
    result_record(
        target=target, period_key="2024-Q1", actor=people["iso_officer"], value=Decimal(97)
    )
    computed(target, "2024-Q1", 950, 1000, people["iso_officer"], source)
    assert Decimal(Correction.objects.get().old["value"]) == 97
    PeriodConfirmation.objects.create(
        agency=agency,
        department=department,
        period_key="2024-Q1",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 3, 31),
        confirmed_by=people["department_head"],
    )
    computed(target, "2024-Q1", 960, 1000, people["iso_officer"], source, reason="Nhập lại")
    assert list(Correction.objects.values_list("reason", flat=True).order_by("id")) == [
        "Tính lại từ hồ sơ",
        "Nhập lại",
    ]
    # The same figures again: nothing to record.
    computed(target, "2024-Q1", 960, 1000, people["iso_officer"], source, reason="Nhập lại")
    assert Correction.objects.count() == 2


def _quarters(target, people, source):
    # Q1: 6/9 (to date 6/9), Q2: 3/4 but 1 January–30 June as one period 8/11 (not 9/13).
    computed(
        target,
        "2024-Q1",
        6,
        9,
        people["iso_officer"],
        source,
        to_date_numerator=6,
        to_date_denominator=9,
    )
    computed(
        target,
        "2024-Q2",
        3,
        4,
        people["iso_officer"],
        source,
        to_date_numerator=8,
        to_date_denominator=11,
    )


def test_the_dashboard_reads_the_year_to_date_as_one_period_and_marks_computed(
    client, people, agency, department, target, source
):
    _quarters(target, people, source)
    client.force_login(people["staff"])
    response = client.get(reverse("monitoring:dashboard", args=[agency.pk, 2024]))
    html = response.content.decode()
    assert "8/11" in html and "9/13" not in html
    assert "72,73%" in html
    assert 'data-testid="computed-badge"' in html and "3/4 hồ sơ" in html


def test_the_year_end_evaluation_counts_computed_results(target, people, source):
    _quarters(target, people, source)
    evaluation = evaluation_of(target.objective.objective_set, today=date(2025, 1, 15))
    figure = evaluation.objectives[0].targets[0]
    assert (figure.numerator, figure.denominator) == (Decimal(8), Decimal(11))
    assert figure.value == Decimal("72.73") and figure.outcome == "not_reached"


def test_a_department_computed_result_rolls_up_to_the_agency_as_one_period(
    agency, department, people, source, today
):
    from monitoring.dashboard import Filters, dashboard

    agency_set = publish_set(agency)
    parent = add_objective(agency_set, content="Tỷ lệ hồ sơ đúng hạn ≥ 96%.")
    child_set = publish_set(agency, department=department)
    child = add_objective(child_set, content="Tỷ lệ hồ sơ đúng hạn ≥ 96%.", parent=parent)
    _quarters(child.targets.get(), people, source)
    data = dashboard(agency=agency, year=2024, filters=Filters(), today=today)
    row = next(r for r in data["rows"] if r.objective == parent)
    ytd = row.targets[0].ytd
    assert (ytd.numerator, ytd.denominator) == (Decimal(8), Decimal(11))
