"""The register's pages with the role matrix: members read; ISO officers and the department's
head write; other members 403 on writing pages; other agencies 404; anonymous to login."""

import pytest
from django.urls import reverse

from risks.models import Risk, RiskStatus
from tests.factories import ObjectiveFactory, ObjectiveSetFactory
from tests.risks.risk_support import make_risk

READERS = [
    ("iso_officer", 200),
    ("department_head", 200),
    ("staff", 200),
    ("head", 200),
    ("outsider", 404),
    ("anonymous", 302),
]
# On a risk of `department`'s register.
WRITERS = [
    ("iso_officer", True),
    ("department_head", True),
    ("staff", 403),
    ("head", 403),
    ("outsider", 404),
    ("anonymous", 302),
]


def _login(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])


def _state(risk):
    risk.refresh_from_db()
    return (risk.status, risk.description, risk.likelihood, risk.impact, risk.history.count())


@pytest.mark.parametrize(("role", "status"), READERS)
def test_register_page(client, people, agency, department, role, status):
    make_risk(agency, department=department, description="Mất dữ liệu hồ sơ điện tử.")
    _login(client, people, role)

    response = client.get(reverse("risks:register", args=[agency.pk, 2025]))

    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Mất dữ liệu hồ sơ điện tử." in page
        assert "20–25: rất cao" in page and "1–4: thấp" in page
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("role", "status"), READERS)
def test_risk_detail(client, people, agency, department, role, status):
    risk = make_risk(agency, department=department)
    _login(client, people, role)
    response = client.get(reverse("risks:risk_detail", args=[risk.pk]))
    assert response.status_code == status
    if status == 200:
        assert "3 × 4 (lớn) = 12 (Cao)" in response.content.decode()


def test_the_home_link_opens_the_current_agency(client, people, agency):
    client.force_login(people["staff"])
    response = client.get(reverse("risks:home"))
    assert response.status_code == 302 and f"/risks/agency/{agency.pk}/" in response["Location"]


def test_filters_and_sort(client, people, agency, department):
    low = make_risk(agency, description="Rủi ro nhỏ", likelihood=1, impact=2)
    high = make_risk(
        agency, department=department, description="Rủi ro lớn", likelihood=5, impact=5
    )
    make_risk(agency, description="Cơ hội số hóa", kind="opportunity", likelihood=3, impact=3)
    client.force_login(people["staff"])
    url = reverse("risks:register", args=[agency.pk, 2025])

    def shown(query):
        return [r.pk for r in client.get(url, query).context["risks"]]

    assert shown({"band": "very_high"}) == [high.pk]
    assert shown({"kind": "risk", "sort": "level"}) == [low.pk, high.pk]
    assert shown({"department": department.pk}) == [high.pk]
    assert len(shown({"department": "agency"})) == 2
    assert len(shown({"band": "nonsense"})) == 3  # an invalid filter is ignored


@pytest.mark.parametrize(("role", "allowed"), WRITERS)
def test_new_risk(client, people, agency, department, role, allowed):
    objective = ObjectiveFactory(objective_set=ObjectiveSetFactory(agency=agency, year=2025))
    _login(client, people, role)
    url = reverse("risks:risk_new", args=[agency.pk, 2025])
    data = {
        "department": department.pk,
        "kind": "risk",
        "description": "Văn bản ban hành sai thể thức.",
        "likelihood": 2,
        "impact": 5,
        "status": "open",
        "objectives": [objective.pk],
    }

    page = client.get(url)
    response = client.post(url, data)

    if allowed is True:
        assert page.status_code == 200
        risk = Risk.objects.get()
        assert response.status_code == 302 and response["Location"] == risk.get_absolute_url()
        assert (risk.level, risk.department, risk.created_by) == (10, department, people[role])
        assert list(risk.objectives.all()) == [objective]
    else:
        expected = 302 if role == "anonymous" else allowed
        assert page.status_code == expected and response.status_code == expected
        assert not Risk.objects.exists()


def test_a_department_head_cannot_post_another_register(client, people, agency, other_department):
    client.force_login(people["department_head"])
    response = client.post(
        reverse("risks:risk_new", args=[agency.pk, 2025]),
        {
            "department": other_department.pk,
            "kind": "risk",
            "description": "X",
            "likelihood": 1,
            "impact": 1,
            "status": "open",
        },
    )
    assert response.status_code == 200 and not Risk.objects.exists()


@pytest.mark.parametrize(("role", "allowed"), WRITERS)
def test_edit_risk(client, people, agency, department, role, allowed):
    risk = make_risk(agency, department=department)
    before = _state(risk)
    _login(client, people, role)
    url = reverse("risks:risk_edit", args=[risk.pk])
    data = {
        "department": department.pk,
        "kind": "risk",
        "description": "Đã sửa mô tả.",
        "likelihood": 1,
        "impact": 1,
        "status": "in_treatment",
    }

    page = client.get(url)
    response = client.post(url, data)

    if allowed is True:
        assert page.status_code == 200 and response.status_code == 302
        risk.refresh_from_db()
        assert (risk.description, risk.level, risk.status) == ("Đã sửa mô tả.", 1, "in_treatment")
        assert risk.history.latest().history_user == people[role]
    else:
        expected = 302 if role == "anonymous" else allowed
        assert page.status_code == expected and response.status_code == expected
        assert _state(risk) == before


@pytest.mark.parametrize(("role", "allowed"), WRITERS)
def test_close_and_reopen(client, people, agency, department, role, allowed):
    risk = make_risk(agency, department=department)
    before = _state(risk)
    _login(client, people, role)

    response = client.post(reverse("risks:risk_close", args=[risk.pk]), {"outcome": "Xong."})

    if allowed is True:
        risk.refresh_from_db()
        assert response.status_code == 302 and risk.status == RiskStatus.CLOSED
        assert risk.outcome == "Xong."
        client.post(reverse("risks:risk_reopen", args=[risk.pk]))
        risk.refresh_from_db()
        assert risk.status == RiskStatus.IN_TREATMENT
    else:
        assert response.status_code == (302 if role == "anonymous" else allowed)
        assert _state(risk) == before


def test_close_is_post_only(client, people, agency):
    risk = make_risk(agency)
    client.force_login(people["iso_officer"])
    assert client.get(reverse("risks:risk_close", args=[risk.pk])).status_code == 405
    assert _state(risk)[0] == RiskStatus.OPEN


def test_the_detail_shows_the_history(client, people, agency):
    risk = make_risk(agency)
    client.force_login(people["iso_officer"])
    client.post(reverse("risks:risk_close", args=[risk.pk]), {"outcome": ""})
    page = client.get(reverse("risks:risk_detail", args=[risk.pk])).content.decode()
    assert "Lịch sử thay đổi" in page and "Đã đóng" in page


def test_a_year_out_of_range_is_404(client, people, agency):
    client.force_login(people["iso_officer"])
    assert client.get(reverse("risks:register", args=[agency.pk, 1999])).status_code == 404
