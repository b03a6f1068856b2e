"""The home page shows monitoring's work (issue 19, finding 7): whoever confirms a unit's
period sees the periods awaiting their confirmation; a reporter sees the reports due."""

import pytest
from django.urls import reverse

from monitoring.services import objective_plan_save
from tests.factories import DepartmentFactory
from tests.monitoring.conftest import add_objective, publish_set, put


@pytest.fixture
def reports(agency, department, people, today):
    """On 15 July 2024: the department's Q1 complete (awaiting confirmation), its Q2 missing
    (reporter: staff); a second department without a head, its Q1 complete."""
    objective = add_objective(publish_set(agency, department=department))
    objective_plan_save(
        objective=objective,
        actor=people["iso_officer"],
        frequency="quarterly",
        roll_up="ratio_of_sums",
        department=department,
        reporter=people["staff"],
    )
    put(objective.targets.get(), "2024-Q1", value=97, user=people["staff"])
    headless = DepartmentFactory(agency=agency, name="Phòng Kiểm soát TTHC")
    other = add_objective(publish_set(agency, department=headless))
    put(other.targets.get(), "2024-Q1", value=97, user=people["iso_officer"])
    put(other.targets.get(), "2024-Q2", value=97, user=people["iso_officer"])
    return department, headless


def card(client, user, testid):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    if f'data-testid="{testid}"' not in html:
        return None
    section = html.split(f'data-testid="{testid}"', 1)[1].split("</section>", 1)[0]
    return section


def test_the_department_head_sees_their_periods_awaiting_confirmation(client, people, reports):
    department, headless = reports
    section = card(client, people["department_head"], "home-to-confirm")
    assert f"{department.name} · Quý I/2024" in section
    assert headless.name not in section  # not theirs to confirm
    assert section.count('data-testid="to-confirm-item"') == 1
    url = reverse(
        "monitoring:department_entry", args=[department.agency_id, department.pk, "2024-Q1"]
    )
    assert f'href="{url}"' in section


def test_the_agency_head_and_deputy_confirm_for_a_department_without_a_head(
    client, people, reports
):
    department, headless = reports
    for role in ("head", "deputy"):
        section = card(client, people[role], "home-to-confirm")
        assert f"{headless.name} · Quý I/2024" in section
        assert f"{headless.name} · Quý II/2024" in section
        assert department.name not in section  # it has a head of its own


def test_others_get_no_confirmation_card(client, people, reports):
    for role in ("staff", "iso_officer", "records_officer"):
        assert card(client, people[role], "home-to-confirm") is None, role
    # The head of another agency sees their own (empty) card, nothing of this agency.
    section = card(client, people["outsider"], "home-to-confirm")
    assert 'data-testid="to-confirm-item"' not in section


def test_the_reporter_sees_what_is_due(client, people, reports):
    department, _headless = reports
    section = card(client, people["staff"], "home-to-report")
    assert f"{department.name} · Quý II/2024" in section
    assert "Quý I/2024" not in section  # complete
    assert "Hạn 10/07/2024 · còn thiếu 1/1" in section
    assert "Quá hạn" in section
    for role in ("records_officer", "head", "outsider"):
        assert card(client, people[role], "home-to-report") is None, role


def test_a_confirmed_period_leaves_the_card(client, people, reports, today):
    from monitoring.services import period_confirm

    department, _ = reports
    period_confirm(
        agency=department.agency,
        department=department,
        period_key="2024-Q1",
        actor=people["department_head"],
    )
    section = card(client, people["department_head"], "home-to-confirm")
    assert 'data-testid="to-confirm-item"' not in section
    assert "Không có báo cáo kỳ nào chờ xác nhận." in section
