"""Issuing the plan tells each agency in it (its ISO officers and head, on the task engine after
the commit) which inspection awaits it, on paper or on site, and in which month; other members
and other agencies are told nothing. The issued plan's table leads the body's inspectors to
start each inspection; nobody else sees those buttons."""

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Status
from inspections.models import InspectionMode, InspectionPlan
from notifications import kinds
from notifications.models import Notification
from tests.inspections.plan_support import YEAR, plan_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(agency, outsider_agency, people):
    return plan_world(agency, outsider_agency, people)


def _issued_plan(client, world, django_capture_on_commit_callbacks):
    users = world["users"]
    client.force_login(users["inspector"])
    client.post(reverse("inspections:plan_start", args=[world["body"].pk]), {"year": YEAR})
    plan = InspectionPlan.objects.get()
    entries = list(plan.entries.order_by("order"))
    for i, entry in enumerate(entries):
        entry.mode = InspectionMode.ON_SITE if i < 2 else InspectionMode.PAPER
        entry.month = 5 + i
        entry.save()
    client.post(reverse("inspections:plan_submit", args=[plan.pk]))
    client.force_login(users["body_head"])
    client.post(reverse("inspections:plan_approve", args=[plan.pk]))
    client.force_login(users["body_records"])
    data = {
        "number": 4,
        "symbol": "KH-SKHCN",
        "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("inspections:plan_issue", args=[plan.pk]), data)
        assert Notification.objects.filter(kind=kinds.INSPECTION_PLANNED).count() == 0
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Status.ISSUED
    return plan


def test_each_agency_is_told_how_and_when_it_is_inspected(
    client, world, agency, fast_render, django_capture_on_commit_callbacks
):
    plan = _issued_plan(client, world, django_capture_on_commit_callbacks)
    users = world["users"]
    entry = plan.entries.get(agency=agency)
    told = Notification.objects.filter(kind=kinds.INSPECTION_PLANNED, agency=agency)
    assert {n.user for n in told} == {users["iso_officer"], users["head"]}
    params = told.first().params
    mode = "trực tiếp tại cơ quan" if entry.mode == InspectionMode.ON_SITE else "qua hồ sơ, báo cáo"
    assert params["mode"] == mode and params["month"] == f"{entry.month:02d}"
    assert params["number"] == "04/KH-SKHCN"
    assert not Notification.objects.filter(
        kind=kinds.INSPECTION_PLANNED,
        user__in=[users["staff"], users["outsider"], users["inspector"]],
    ).exists()
    # Every agency of the plan heard of its own row only.
    assert set(
        Notification.objects.filter(kind=kinds.INSPECTION_PLANNED).values_list("agency", flat=True)
    ) <= set(plan.entries.values_list("agency", flat=True))


@pytest.mark.parametrize(
    ("role", "shown"), [("inspector", True), ("oversight_admin", True), ("body_head", False)]
)
def test_the_issued_plan_leads_to_each_inspection(
    client, world, agency, fast_render, django_capture_on_commit_callbacks, role, shown
):
    plan = _issued_plan(client, world, django_capture_on_commit_callbacks)
    entry = plan.entries.get(agency=agency)
    client.force_login(world["users"][role])
    page = client.get(plan.get_absolute_url()).content.decode()
    start = reverse("inspections:inspection_start", args=[entry.pk])
    assert (start in page) is shown
