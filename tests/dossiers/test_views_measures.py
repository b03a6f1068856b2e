"""The pages of targets computed from the dossiers: ISO officers bind, recompute and unbind;
the head reads; other members 403; other agencies 404; refused actions change nothing."""

from datetime import date

import pytest
from django.urls import reverse

from dossiers.measures import measure_recompute
from dossiers.models import Measure, TargetMeasure
from monitoring.models import Result
from tests.dossiers.test_measures import AFTER_THE_YEAR, store_eleven
from tests.monitoring.conftest import add_objective, publish_set


@pytest.fixture
def target(agency):
    return add_objective(
        publish_set(agency, year=2025), content="Tỷ lệ hồ sơ đúng hạn"
    ).targets.get()


@pytest.fixture
def bound(target, agency, department, people):
    store_eleven(agency, department)
    bound = TargetMeasure.objects.create(
        target=target, agency=agency, measure=Measure.ON_TIME_RATE, created_by=people["iso_officer"]
    )
    measure_recompute(measure=bound, today=AFTER_THE_YEAR)
    return bound


@pytest.fixture
def after_the_year(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: AFTER_THE_YEAR)


def measures_url(agency):
    return reverse("dossiers:measures", args=[agency.pk])


@pytest.mark.parametrize(
    ("role", "status", "has_form"),
    [
        ("iso_officer", 200, True),
        ("head", 200, False),
        ("staff", 403, False),
        ("outsider", 404, False),
    ],
)
def test_who_opens_the_bindings(client, people, agency, bound, role, status, has_form):
    client.force_login(people[role])
    response = client.get(measures_url(agency))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn" in html
        assert ('data-testid="bind-form"' in html) is has_form


def test_the_iso_officer_binds_and_the_result_is_computed_on_the_task_engine(
    client, people, agency, department, target, after_the_year, django_capture_on_commit_callbacks
):
    store_eleven(agency, department)
    client.force_login(people["iso_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            measures_url(agency),
            {"target": target.pk, "measure": "on_time_rate", "procedure_codes": "1.001, 1.002"},
        )
    bound = TargetMeasure.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "dossiers:measure_detail", args=[bound.pk]
    )
    assert bound.procedure_codes == ["1.001", "1.002"] and bound.created_by == people["iso_officer"]
    # Tests run the task engine eagerly, after the commit.
    q1 = Result.objects.get(target=target, period_key="2025-Q1")
    assert (q1.numerator, q1.denominator) == (6, 9) and q1.is_computed


@pytest.mark.parametrize(("role", "status"), [("head", 403), ("staff", 403), ("outsider", 404)])
def test_others_cannot_bind(client, people, agency, target, role, status):
    client.force_login(people[role])
    response = client.post(measures_url(agency), {"target": target.pk, "measure": "on_time_rate"})
    assert response.status_code == status
    assert not TargetMeasure.objects.exists()


def test_a_target_of_another_agency_is_not_offered(client, people, agency, outsider_agency):
    other = add_objective(publish_set(outsider_agency, year=2025)).targets.get()
    client.force_login(people["iso_officer"])
    response = client.post(measures_url(agency), {"target": other.pk, "measure": "on_time_rate"})
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not TargetMeasure.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"), [("iso_officer", 200), ("head", 200), ("staff", 403), ("outsider", 404)]
)
def test_a_bindings_figures(client, people, bound, role, status):
    client.force_login(people[role])
    response = client.get(reverse("dossiers:measure_detail", args=[bound.pk]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Quý I/2025" in html and "6/9 hồ sơ" in html and "Tính tự động" in html


def test_the_iso_officer_recomputes_on_demand(
    client, people, bound, after_the_year, django_capture_on_commit_callbacks
):
    Result.objects.filter(period_key="2025-Q1").delete()
    client.force_login(people["iso_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dossiers:measure_recompute", args=[bound.pk]))
    assert response.status_code == 302
    assert Result.objects.get(period_key="2025-Q1").denominator == 9


@pytest.mark.parametrize(("role", "status"), [("head", 403), ("staff", 403), ("outsider", 404)])
def test_others_cannot_recompute_or_unbind(client, people, bound, role, status):
    Result.objects.filter(period_key="2025-Q1").delete()
    client.force_login(people[role])
    assert client.post(reverse("dossiers:measure_recompute", args=[bound.pk])).status_code == status
    assert client.post(reverse("dossiers:measure_unbind", args=[bound.pk])).status_code == status
    assert TargetMeasure.objects.filter(pk=bound.pk).exists()
    assert not Result.objects.filter(period_key="2025-Q1").exists()
    assert Result.objects.filter(is_computed=True).count() == 3


def test_unbinding_keeps_the_results_as_typed_ones(client, people, bound):
    client.force_login(people["iso_officer"])
    response = client.post(reverse("dossiers:measure_unbind", args=[bound.pk]))
    assert response.status_code == 302
    assert not TargetMeasure.objects.exists()
    assert Result.objects.count() == 4
    assert not Result.objects.filter(is_computed=True).exists()
    assert Result.objects.filter(source_id=bound.pk).count() == 4


def test_the_source_of_a_computed_result_reads_as_the_import(people, agency, department, target):
    from dossiers.models import DossierImport
    from monitoring.result_sources import source_link

    store_eleven(agency, department)
    job = DossierImport.objects.create(
        agency=agency,
        status=DossierImport.Status.DONE,
        rows_total=1000,
        created_by=people["iso_officer"],
    )
    DossierImport.objects.filter(pk=job.pk).update(finished_at=job.created_at)
    bound = TargetMeasure.objects.create(
        target=target, agency=agency, measure=Measure.ON_TIME_RATE, created_by=people["iso_officer"]
    )
    measure_recompute(measure=bound, today=date(2025, 4, 10))
    link = source_link(Result.objects.get())
    assert link.text.startswith("Lần nhập hồ sơ ngày") and "1.000 hồ sơ" in link.text
    assert link.url == reverse("dossiers:import_detail", args=[job.pk])


def test_the_import_page_leads_to_the_computed_targets(client, people, agency):
    client.force_login(people["iso_officer"])
    html = client.get(reverse("dossiers:import", args=[agency.pk])).content.decode()
    assert f'href="{measures_url(agency)}"' in html
