import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import DepartmentFactory, SectionFactory
from tests.monitoring.conftest import add_objective, publish_set, put


def url(agency, year=2024, **params):
    path = reverse("monitoring:dashboard", args=[agency.pk, year])
    if params:
        path += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return path


@pytest.fixture
def monitored(agency, department, people, today):
    agency_set = publish_set(agency)
    section = SectionFactory(objective_set=agency_set, title="I. Đối với cơ quan:")
    on_time = add_objective(
        agency_set,
        section=section,
        content="Tỷ lệ hồ sơ giải quyết đúng hạn đạt ít nhất 96%.",
        lead_unit=department,
    )
    put(
        on_time.targets.get(),
        "2024-Q1",
        numerator=960,
        denominator=1000,
        user=people["iso_officer"],
    )
    put(
        on_time.targets.get(),
        "2024-Q2",
        numerator=930,
        denominator=1000,
        user=people["iso_officer"],
    )
    add_objective(agency_set, content="Duy trì đánh giá nội bộ ít nhất 01 lần/năm.")
    return agency_set


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("iso_officer", 200),
        ("department_head", 200),
        ("head", 200),
        ("staff", 200),
        ("outsider", 404),
    ],
)
def test_who_sees_the_dashboard(client, people, agency, monitored, role, status):
    client.force_login(people[role])
    response = client.get(url(agency))
    assert response.status_code == status
    if status == 200:
        assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, agency, monitored):
    response = client.get(url(agency))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_status_with_text_and_a_chart_without_inline_style(
    client, people, agency, monitored
):
    client.force_login(people["staff"])
    html = client.get(url(agency)).content.decode()
    assert "Có nguy cơ không đạt" in html  # Q2 at 93 % misses ≥ 96 %
    assert "Chưa có số liệu" in html
    assert "93%" in html  # latest value, with its unit
    assert "94,5%" in html  # year to date: 1,890 of 2,000, Vietnamese decimal comma
    assert "1.890/2.000" in html
    assert html.count("<svg") >= 2 and "<polyline" in html
    assert "style=" not in html and "<script>" not in html
    assert "css/monitoring.css" in html
    # SVG coordinates are never written with a decimal comma.
    for points in re.findall(r'points="([^"]+)"', html):
        assert "," in points and not re.search(r"\d,\d+,", points)


def test_only_recorders_get_a_link_to_enter_results(client, people, agency, monitored):
    client.force_login(people["iso_officer"])
    assert "Nhập kết quả" in client.get(url(agency)).content.decode()
    client.force_login(people["staff"])
    assert "Nhập kết quả" not in client.get(url(agency)).content.decode()


def test_it_filters_by_state_and_department(client, people, agency, department, monitored):
    client.force_login(people["head"])
    at_risk = client.get(url(agency, state="at_risk")).content.decode()
    assert "đúng hạn" in at_risk and "đánh giá nội bộ" not in at_risk
    of_department = client.get(url(agency, department=department.pk)).content.decode()
    assert "đúng hạn" in of_department and "đánh giá nội bộ" not in of_department
    page = reverse("monitoring:department_dashboard", args=[agency.pk, 2024, department.pk])
    assert "đánh giá nội bộ" not in client.get(page).content.decode()


def test_a_department_of_another_agency_is_not_found(client, people, agency, outsider_agency):
    foreign = DepartmentFactory(agency=outsider_agency)
    client.force_login(people["iso_officer"])
    page = reverse("monitoring:department_dashboard", args=[agency.pk, 2024, foreign.pk])
    assert client.get(page).status_code == 404


def test_a_year_without_published_sets_says_so(client, people, agency):
    client.force_login(people["staff"])
    assert "Chưa có bộ mục tiêu nào đã công bố" in client.get(url(agency, 2031)).content.decode()


def build(agency, departments, objectives: int, user, year: int):
    """`objectives` monthly agency objectives in three sections, each derived by every
    department, with twelve months of results everywhere."""
    agency_set = publish_set(agency, year=year)
    department_sets = [publish_set(agency, department=d, year=year) for d in departments]
    sections = [SectionFactory(objective_set=agency_set, title=f"{n}. Mục") for n in range(3)]
    months = [f"{year}-M{month:02d}" for month in range(1, 13)]
    for index in range(objectives):
        parent = add_objective(
            agency_set,
            frequencies=("monthly",),
            section=sections[index % 3],
            lead_unit=departments[0],
        )
        put(parent.targets.get(), months[0], value=97, user=user)
        for department_set in department_sets:
            child = add_objective(department_set, frequencies=("monthly",), parent=parent)
            for month in months:
                put(child.targets.get(), month, numerator=95, denominator=100, user=user)


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["staff", "head"])
def test_the_query_count_does_not_grow_with_the_data(
    client, people, agency, department, today, role, django_assert_max_num_queries
):
    user = people["iso_officer"]
    build(agency, [department], 2, user, year=2024)
    build(
        agency,
        [department, *(DepartmentFactory(agency=agency) for _ in range(3))],
        20,
        user,
        year=2025,
    )
    client.force_login(people[role])
    small = count_queries(client, url(agency, 2024))
    large = count_queries(client, url(agency, 2025))
    assert small == large, (small, large)
    # 12, the notification bell's unread count (one query), the year's issued reports
    # (monitoring.year_records, one query) and the open corrective actions (one query)
    with django_assert_max_num_queries(15):
        client.get(url(agency, 2024))
    with django_assert_max_num_queries(15):
        client.get(url(agency, 2025, state="at_risk", department=department.pk, section=1))
