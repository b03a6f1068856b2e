"""Binding a target from its report page (monitoring shows what the dossiers app registers,
never importing it), and "back to computed": a computed result overridden by hand with a reason
returns to the computed figure, by an ISO officer only, recorded in history; refused actions
change nothing."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers.measures import measure_recompute
from dossiers.models import Measure, TargetMeasure
from monitoring.models import Correction, Result
from monitoring.services import result_override, result_record
from monitoring.target_panels import attach_panels
from objectives.models import Target
from qms_objectives.errors import WorkflowError
from tests.dossiers.test_measures import AFTER_THE_YEAR, store_eleven
from tests.monitoring.conftest import add_objective, publish_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(agency):
    return add_objective(
        publish_set(agency, year=2025), content="Tỷ lệ hồ sơ đúng hạn"
    ).targets.get()


@pytest.fixture
def after_the_year(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: AFTER_THE_YEAR)


@pytest.fixture
def bound(target, agency, department, people):
    store_eleven(agency, department)
    bound = TargetMeasure.objects.create(
        target=target,
        agency=agency,
        measure=Measure.ON_TIME_RATE,
        procedure_codes=["1.001"],
        created_by=people["iso_officer"],
    )
    bound.departments.set([department])
    measure_recompute(measure=bound, today=AFTER_THE_YEAR)
    return bound


def report_page(agency, key="2025-Q1"):
    return reverse("monitoring:agency_entry", args=[agency.pk, key])


def bind_link(agency, target):
    return f"{reverse('dossiers:measures', args=[agency.pk])}?target={target.pk}#bind"


# --- the report page offers the binding and shows it ------------------------------------------


@pytest.mark.parametrize(
    ("role", "offered"),
    [("iso_officer", True), ("head", False), ("staff", False), ("department_head", False)],
)
def test_only_the_iso_officer_is_offered_to_bind_an_unbound_target(
    client, people, agency, target, role, offered
):
    client.force_login(people[role])
    html = client.get(report_page(agency)).content.decode()
    assert ("Tính từ hồ sơ một cửa" in html) is offered
    assert (bind_link(agency, target).replace("&", "&amp;") in html) is offered


def test_the_bind_link_opens_the_form_with_the_target_chosen_and_binding_computes(
    client, people, agency, department, target, after_the_year, django_capture_on_commit_callbacks
):
    store_eleven(agency, department)
    client.force_login(people["iso_officer"])
    page = client.get(bind_link(agency, target))
    assert page.status_code == 200
    assert page.context["form"].initial["target"] == target.pk
    assert 'data-testid="picked-target"' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("dossiers:measures", args=[agency.pk]),
            {"target": target.pk, "measure": "on_time_rate", "departments": [department.pk]},
        )

    html = client.get(report_page(agency)).content.decode()
    bound = TargetMeasure.objects.get(target=target)
    assert 'data-testid="target-panel-link"' in html
    assert reverse("dossiers:measure_detail", args=[bound.pk]) in html
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn · Phòng Hành chính - Tổ chức" in html
    assert "6/9 hồ sơ" in html and 'data-testid="computed-badge"' in html


def test_another_agencys_target_is_not_picked(client, people, agency, outsider_agency):
    other = add_objective(publish_set(outsider_agency, year=2025)).targets.get()
    client.force_login(people["iso_officer"])
    page = client.get(f"{reverse('dossiers:measures', args=[agency.pk])}?target={other.pk}")
    assert page.status_code == 200 and page.context["picked"] is None
    assert "target" not in page.context["form"].initial


@pytest.mark.parametrize(
    ("role", "panel"), [("iso_officer", True), ("head", True), ("staff", False)]
)
def test_a_bound_target_shows_its_measure_scope_and_computed_figure(
    client, people, agency, bound, role, panel
):
    client.force_login(people[role])
    html = client.get(report_page(agency)).content.decode()
    assert ("Số liệu theo phòng" in html) is panel
    assert ("thủ tục 1.001" in html) is panel
    assert 'data-testid="target-panel-bind"' not in html  # bound: nothing more to offer
    assert "6/9" in html and 'data-testid="computed-badge"' in html  # everyone sees the result


def test_an_overridden_result_leads_the_iso_officer_back_to_the_computed_figure(
    client, people, agency, bound
):
    overridden(bound, people)
    anchor = f"{reverse('dossiers:measure_detail', args=[bound.pk])}#k-2025-Q1"
    client.force_login(people["iso_officer"])
    officer = client.get(report_page(agency)).content.decode()
    client.force_login(people["head"])
    head = client.get(report_page(agency)).content.decode()

    assert anchor in officer and "Trở lại kết quả tính từ hồ sơ…" in officer
    assert 'data-testid="override-badge"' in officer
    assert anchor in head and "Trở lại kết quả tính từ hồ sơ…" not in head


def test_the_panels_of_a_page_cost_the_same_queries_for_one_target_or_many(
    people, agency, bound, department
):
    objective_set = bound.target.objective.objective_set
    others = [add_objective(objective_set).targets.get() for _ in range(5)]
    for other in others[:2]:
        TargetMeasure.objects.create(
            target=other, agency=agency, measure=Measure.LATE_COUNT, created_by=bound.created_by
        ).departments.set([department])
    user = people["iso_officer"]

    def cost(targets):
        targets = list(Target.objects.filter(pk__in=[t.pk for t in targets]))
        attach_panels(user, agency, targets, "2025-Q1")  # warm the membership caches
        with CaptureQueriesContext(connection) as queries:
            attach_panels(user, agency, targets, "2025-Q1")
        return len(queries), targets

    one, _ = cost([bound.target])
    many, targets = cost([bound.target, *others])
    assert many == one
    assert sum(1 for t in targets for p in t.panels if p.is_bound) == 3
    assert sum(1 for t in targets for p in t.panels if not p.is_bound) == 3


# --- back to computed -------------------------------------------------------------------------


def overridden(bound, people):
    q1 = Result.objects.get(target=bound.target, period_key="2025-Q1")
    return result_override(
        result=q1,
        actor=people["iso_officer"],
        reason="10 hồ sơ nhập sai ngày trả",
        numerator=8,
        denominator=9,
    )


def restore_url(bound, key="2025-Q1"):
    return reverse("dossiers:measure_restore", args=[bound.pk, key])


def test_the_iso_officer_returns_an_override_to_the_computed_figure_recorded_in_history(
    client, people, bound, after_the_year, django_capture_on_commit_callbacks
):
    result = overridden(bound, people)
    corrections = Correction.objects.filter(result=result).count()
    client.force_login(people["iso_officer"])
    detail = client.get(reverse("dossiers:measure_detail", args=[bound.pk])).content.decode()
    assert 'data-testid="restore"' in detail

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(restore_url(bound))

    assert response.status_code == 302
    result.refresh_from_db()
    assert result.is_computed and not result.override_reason
    assert (result.numerator, result.denominator, result.value) == (6, 9, Decimal("66.67"))
    assert (result.to_date_numerator, result.to_date_denominator) == (6, 9)  # the recompute
    assert result.source == bound and result.recorded_by == people["iso_officer"]
    last = Correction.objects.filter(result=result).latest("pk")
    assert Correction.objects.filter(result=result).count() == corrections + 1
    assert "Trở lại kết quả tính tự động" in last.reason
    assert "10 hồ sơ nhập sai ngày trả" in last.reason
    assert (last.old["numerator"], last.new["numerator"]) == ("8.0000", "6")
    history = client.get(reverse("dossiers:measure_detail", args=[bound.pk])).content.decode()
    assert 'data-testid="restore"' not in history and "Trở lại kết quả tính tự động" in history


def test_once_restored_it_cannot_be_typed_over(people, bound, after_the_year, client):
    result = overridden(bound, people)
    client.force_login(people["iso_officer"])
    client.post(restore_url(bound))

    with pytest.raises(WorkflowError) as refused:
        result_record(
            target=bound.target, period_key="2025-Q1", actor=people["iso_officer"], value=99
        )

    assert refused.value.code == "computed"
    result.refresh_from_db()
    assert result.is_computed and result.numerator == 6


@pytest.mark.parametrize(
    ("role", "status"),
    [("head", 403), ("department_head", 403), ("staff", 403), ("outsider", 404)],
)
def test_others_cannot_restore_and_nothing_changes(client, people, bound, role, status):
    result = overridden(bound, people)
    result.refresh_from_db()
    before = (result.snapshot(), result.override_reason, result.is_computed)
    corrections = Correction.objects.count()
    client.force_login(people[role])

    assert client.post(restore_url(bound)).status_code == status

    result.refresh_from_db()
    assert (result.snapshot(), result.override_reason, result.is_computed) == before
    assert Correction.objects.count() == corrections
    if status == 403 and role == "head":  # the head reads the figures, without the button
        detail = client.get(reverse("dossiers:measure_detail", args=[bound.pk]))
        assert 'data-testid="restore"' not in detail.content.decode()


def test_a_result_not_overridden_is_not_restored(client, people, bound):
    result = Result.objects.get(target=bound.target, period_key="2025-Q1")
    before = result.snapshot()
    client.force_login(people["iso_officer"])

    response = client.post(restore_url(bound), follow=True)

    assert "Chỉ trở lại kết quả tính tự động được khi" in response.content.decode()
    result.refresh_from_db()
    assert result.snapshot() == before and not Correction.objects.exists()


def test_a_period_without_a_computed_figure_is_not_restored(client, people, bound):
    result = overridden(bound, people)
    client.force_login(people["iso_officer"])

    response = client.post(restore_url(bound, "2024-Q1"), follow=True)

    assert "chưa có kết quả tính từ hồ sơ" in response.content.decode()
    result.refresh_from_db()
    assert not result.is_computed and result.numerator == 8
