"""Objectives whose issued text names no reporting period (issue 19, finding 1: every Đồng Nai
and Quảng Nam objective of the demo) are followed up like the others: every frequency is
allowed, the agency's default (quarterly) applies until the plan chooses, the plan page asks
for it, and the dashboard lists those still without a plan."""

from datetime import date

import pytest
from django.urls import reverse

from monitoring.models import ObjectivePlan
from monitoring.reminders import reminders_send
from monitoring.selectors import DueState, due_reports, objectives_without_frequency
from tests.monitoring.conftest import add_objective, publish_set

CONTENT = "Duy trì đánh giá nội bộ ít nhất 01 lần/năm."


@pytest.fixture
def unplanned(agency):
    """An agency-level objective whose text names no period, no plan made."""
    return add_objective(publish_set(agency), frequencies=(), content=CONTENT)


def test_it_falls_due_at_the_agency_default_and_is_reminded(
    agency, people, unplanned, django_capture_on_commit_callbacks
):
    items = due_reports(agency=agency, year=2024, today=date(2024, 4, 11))
    assert [(i.unit.department_id, i.period.key, i.state(date(2024, 4, 11))) for i in items] == [
        (None, "2024-Q1", DueState.OVERDUE)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        sent = reminders_send(today=date(2024, 4, 10))
    assert {(r.user.username, r.period_key) for r in sent} == {("iso_officer", "2024-Q1")}


def test_the_agency_default_is_a_setting(agency, unplanned):
    agency.default_reporting_frequency = "half_yearly"
    agency.save()
    items = due_reports(agency=agency, year=2024, today=date(2024, 7, 15))
    assert [i.period.key for i in items] == ["2024-H1"]


def test_the_plan_page_asks_for_the_frequency_and_offers_every_one(
    client, people, agency, unplanned
):
    client.force_login(people["iso_officer"])
    response = client.get(reverse("monitoring:plan", args=[unplanned.objective_set_id]))
    form = dict(response.context["forms"])[unplanned]
    assert [value for value, _label in form.fields["frequency"].choices] == [
        "monthly",
        "quarterly",
        "half_yearly",
        "yearly",
        "continuous",
    ]
    assert form["frequency"].value() == "quarterly"
    html = response.content.decode()
    assert "Văn bản ban hành không nêu kỳ báo cáo" in html
    assert "mặc định của cơ quan: Hằng quý" in html


@pytest.mark.parametrize(
    ("role", "status", "saved"),
    [
        ("iso_officer", 302, True),
        ("staff", 403, False),
        ("department_head", 403, False),
        ("outsider", 404, False),
    ],
)
def test_who_chooses_the_frequency(client, people, agency, unplanned, role, status, saved):
    client.force_login(people[role])
    prefix = f"o{unplanned.pk}"
    response = client.post(
        reverse("monitoring:plan", args=[unplanned.objective_set_id]),
        {f"{prefix}-frequency": "monthly", f"{prefix}-roll_up": "average"},
    )
    assert response.status_code == status
    plans = list(ObjectivePlan.objects.values_list("objective_id", "frequency"))
    assert plans == ([(unplanned.pk, "monthly")] if saved else [])


def test_the_dashboard_lists_objectives_still_without_a_frequency(
    client, people, agency, department, unplanned, today
):
    listed = add_objective(unplanned.objective_set, content="Tỷ lệ hồ sơ đúng hạn đạt 96%.")
    department_unplanned = add_objective(
        publish_set(agency, department=department), frequencies=(), content="Phòng tự đánh giá."
    )
    assert objectives_without_frequency(agency, 2024) == [unplanned, department_unplanned]
    assert objectives_without_frequency(agency, 2024, department=department) == [
        department_unplanned
    ]
    assert listed not in objectives_without_frequency(agency, 2024)

    plan_url = reverse("monitoring:plan", args=[unplanned.objective_set_id])
    dashboard = reverse("monitoring:dashboard", args=[agency.pk, 2024])
    client.force_login(people["iso_officer"])
    html = client.get(dashboard).content.decode()
    assert 'data-testid="without-frequency"' in html
    assert "2 mục tiêu chưa chọn kỳ báo cáo" in html
    assert f'href="{plan_url}#o{unplanned.pk}"' in html

    client.force_login(people["staff"])  # sees the list, may not plan: no link
    html = client.get(dashboard).content.decode()
    assert 'data-testid="without-frequency"' in html and plan_url not in html

    # Once the plan is saved, the objective leaves the list.
    client.force_login(people["iso_officer"])
    prefix = f"o{unplanned.pk}"
    client.post(
        plan_url,
        {
            f"{prefix}-frequency": "quarterly",
            f"{prefix}-roll_up": "ratio_of_sums",
            f"o{listed.pk}-frequency": "quarterly",
            f"o{listed.pk}-roll_up": "ratio_of_sums",
        },
    )
    assert objectives_without_frequency(agency, 2024) == [department_unplanned]
    html = client.get(dashboard).content.decode()
    assert "1 mục tiêu chưa chọn kỳ báo cáo" in html
