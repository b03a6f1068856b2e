import pytest
from django.urls import reverse

from monitoring.models import ObjectivePlan
from tests.monitoring.conftest import add_objective, publish_set, put


@pytest.fixture
def reported(agency, department, people, today):
    """A department reporting quarterly (Q1 done, Q2 missing) and the agency monthly."""
    department_objective = add_objective(publish_set(agency, department=department))
    put(department_objective.targets.get(), "2024-Q1", value=97, user=people["iso_officer"])
    add_objective(publish_set(agency), frequencies=("monthly",))
    return department_objective


@pytest.mark.parametrize(("role", "status"), [("staff", 200), ("head", 200), ("outsider", 404)])
def test_who_sees_what_is_due(client, people, agency, reported, role, status):
    client.force_login(people[role])
    response = client.get(reverse("monitoring:due", args=[agency.pk, 2024]))
    assert response.status_code == status


def test_it_lists_overdue_due_and_unconfirmed_reports(client, people, agency, reported):
    client.force_login(people["staff"])
    html = client.get(reverse("monitoring:due", args=[agency.pk, 2024])).content.decode()
    # On 15 July: Q1 complete but not confirmed; Q2 ended 30 June, due 10 July → overdue;
    # June is overdue too, the agency's months before are overdue.
    assert html.count('data-testid="due-to_confirm"') == 1
    assert "Quý II/2024" in html and "Tháng 06/2024" in html
    assert html.count('data-testid="due-overdue"') == 1 + 6
    assert "Quá hạn" in html and "Chờ xác nhận" in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("iso_officer", 200),
        ("department_head", 403),
        ("staff", 403),
        ("outsider", 404),
    ],
)
def test_who_edits_the_monitoring_plan_of_the_agency_set(client, people, agency, role, status):
    objective_set = publish_set(agency)
    add_objective(objective_set)
    client.force_login(people[role])
    assert client.get(reverse("monitoring:plan", args=[objective_set.pk])).status_code == status


def test_the_plan_page_saves_choices(client, people, agency, department):
    objective_set = publish_set(agency)
    objective = add_objective(objective_set, frequencies=("quarterly", "half_yearly"))
    client.force_login(people["iso_officer"])
    prefix = f"o{objective.pk}"
    response = client.post(
        reverse("monitoring:plan", args=[objective_set.pk]),
        {
            f"{prefix}-frequency": "half_yearly",
            f"{prefix}-roll_up": "worst",
            f"{prefix}-department": department.pk,
            f"{prefix}-reporter": "",
        },
    )
    assert response.status_code == 302
    plan = ObjectivePlan.objects.get()
    assert (plan.frequency, plan.roll_up, plan.department) == ("half_yearly", "worst", department)


def test_the_plan_page_refuses_a_frequency_not_allowed(client, people, agency):
    objective_set = publish_set(agency)
    objective = add_objective(objective_set, frequencies=("quarterly",))
    client.force_login(people["iso_officer"])
    prefix = f"o{objective.pk}"
    response = client.post(
        reverse("monitoring:plan", args=[objective_set.pk]),
        {f"{prefix}-frequency": "monthly", f"{prefix}-roll_up": "average"},
    )
    assert response.status_code == 200
    assert not ObjectivePlan.objects.exists()


def test_index_redirects_to_this_years_dashboard(client, people, agency, today):
    client.force_login(people["staff"])
    response = client.get(reverse("monitoring:index"))
    assert response["Location"] == reverse("monitoring:dashboard", args=[agency.pk, 2024])
