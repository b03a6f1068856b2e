"""The inspection plan's pages: the body's inspector starts, edits and submits (a plan breaking
the third-on-site rule is refused with the sentence saying how many are needed, nothing
changes); the head of the body's agency approves; its records officer issues; the body's
administrator reads; agency members, the outsider and another body's member know nothing of
it; an agency sees its own schedule once the plan is issued."""

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Status
from inspections.models import InspectionMode, InspectionPlan
from tests.inspections.plan_support import YEAR, plan_world


@pytest.fixture
def world(agency, outsider_agency, people):
    return plan_world(agency, outsider_agency, people)


def _login(client, world, role):
    client.force_login(world["users"][role])
    return client


def _start(client, world):
    _login(client, world, "inspector")
    response = client.post(
        reverse("inspections:plan_start", args=[world["body"].pk]), {"year": YEAR}
    )
    plan = InspectionPlan.objects.get()
    assert response.url == plan.get_absolute_url()
    return plan


def _form_data(plan, on_site: int) -> dict:
    data = {"version": plan.version}
    for name in ("legal_bases", "purpose", "content", "organisation", "recipients"):
        data[name] = getattr(plan, name)
    for i, entry in enumerate(plan.entries.order_by("order")):
        data[f"mode_{entry.pk}"] = InspectionMode.ON_SITE if i < on_site else InspectionMode.PAPER
        data[f"month_{entry.pk}"] = 6
        data[f"note_{entry.pk}"] = "Kết hợp kiểm tra TTHC" if i == 0 else ""
    return data


@pytest.mark.parametrize(
    ("role", "code"),
    [("oversight_admin", 403), ("body_head", 403), ("other_overseer", 404), ("iso_officer", 404)],
)
def test_only_the_inspectors_start_a_plan(client, world, role, code):
    _login(client, world, role)
    response = client.post(
        reverse("inspections:plan_start", args=[world["body"].pk]), {"year": YEAR}
    )
    assert response.status_code == code
    assert not InspectionPlan.objects.exists()


def test_a_plan_with_too_few_on_site_is_saved_but_not_submitted(client, world):
    plan = _start(client, world)
    response = client.post(plan.get_absolute_url(), _form_data(plan, on_site=1))
    assert response.status_code == 302
    assert plan.entries.filter(mode=InspectionMode.ON_SITE).count() == 1
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "2/6 cơ quan; kế hoạch mới có 1." in page
    response = client.post(reverse("inspections:plan_submit", args=[plan.pk]), follow=True)
    assert "2/6 cơ quan; kế hoạch mới có 1." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


def test_a_month_out_of_range_is_said_next_to_it_and_nothing_changes(client, world):
    plan = _start(client, world)
    data = _form_data(plan, on_site=2)
    entry = plan.entries.order_by("order").first()
    data[f"month_{entry.pk}"] = 13
    response = client.post(plan.get_absolute_url(), data)
    assert response.status_code == 400
    assert "Kết hợp kiểm tra TTHC" in response.content.decode()  # what was typed is kept
    entry.refresh_from_db()
    assert entry.month != 13 and entry.note == ""


def test_from_draft_to_issue_by_the_three_roles(client, world, fast_render):
    plan = _start(client, world)
    assert client.post(plan.get_absolute_url(), _form_data(plan, on_site=2)).status_code == 302
    approve = reverse("inspections:plan_approve", args=[plan.pk])
    assert client.post(approve).status_code == 403  # the inspector drafts, never approves
    assert client.post(reverse("inspections:plan_submit", args=[plan.pk])).status_code == 302
    _login(client, world, "oversight_admin")
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert client.post(approve).status_code == 403
    _login(client, world, "body_head")
    assert client.post(approve).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Status.APPROVED
    issue = reverse("inspections:plan_issue", args=[plan.pk])
    data = {
        "number": 3,
        "symbol": "KH-SKHCN",
        "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
    }
    _login(client, world, "inspector")
    assert client.post(issue, data).status_code == 403
    _login(client, world, "body_records")
    assert client.post(issue, data).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Status.ISSUED and plan.number_and_symbol == "03/KH-SKHCN"


@pytest.mark.parametrize("role", ["iso_officer", "head", "outsider", "other_overseer"])
def test_others_know_nothing_of_the_draft(client, world, role):
    plan = _start(client, world)
    _login(client, world, role)
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert client.post(plan.get_absolute_url(), _form_data(plan, 6)).status_code == 404
    assert plan.entries.filter(mode=InspectionMode.ON_SITE).count() == 2


def test_an_agency_sees_its_own_schedule_once_issued(client, world, agency):
    plan = _start(client, world)
    entry = plan.entries.get(agency=agency)
    page = reverse("inspections:plan_agency", args=[agency.pk])
    _login(client, world, "staff")
    assert "Tháng" not in client.get(page).content.decode().split("<tbody>")[1].split("</tbody>")[0]
    InspectionPlan.objects.filter(pk=plan.pk).update(status=Status.ISSUED)
    body = client.get(page).content.decode()
    assert f"<td>{entry.month:02d}</td>" in body and entry.get_mode_display() in body
    _login(client, world, "outsider")
    assert client.get(page).status_code == 404
