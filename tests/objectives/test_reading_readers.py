"""Who has read a set (ISO 9001 6.2.1 f): ISO officers and heads see it and export it."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from objectives.services.reading import set_acknowledge
from tests.factories import MembershipFactory, UserFactory
from tests.objectives.reading_data import published_set


def _readers(client, user, objective_set, name="objectives:reading_readers", *args):
    client.force_login(user)
    return client.get(reverse(name, args=[objective_set.pk, *args]))


@pytest.mark.parametrize("role", ["iso_officer", "head", "deputy"])
def test_it_shows_who_has_and_has_not_read(client, agency, people, role):
    objective_set = published_set(agency)
    set_acknowledge(objective_set=objective_set, actor=people["staff"])
    inactive = UserFactory(username="left", first_name="Đã nghỉ")
    MembershipFactory(user=inactive, agency=agency, is_active=False)

    response = _readers(client, people[role], objective_set)

    assert response.status_code == 200
    read = [r.membership.user for r in response.context["read"]]
    unread = {r.membership.user for r in response.context["unread"]}
    assert read == [people["staff"]]
    assert people["records_officer"] in unread and people["staff"] not in unread
    assert inactive not in unread
    assert people["outsider"] not in unread
    assert response.context["total"] == 7


def test_a_department_set_is_addressed_to_its_department(client, agency, department, people):
    objective_set = published_set(agency, department=department)

    response = _readers(client, people["department_head"], objective_set)

    assert response.status_code == 200
    members = {r.membership.user for r in response.context["unread"]}
    assert members == {people["staff"], people["department_head"]}


@pytest.mark.parametrize("role", ["staff", "administrator", "records_officer"])
def test_it_refuses_other_members(client, agency, people, role):
    objective_set = published_set(agency)
    for args in ([], ["xlsx"], ["csv"]):
        name = "objectives:reading_readers_export" if args else "objectives:reading_readers"
        assert _readers(client, people[role], objective_set, name, *args).status_code == 403


def test_it_answers_404_to_outsiders(client, agency, people):
    objective_set = published_set(agency)
    for args in ([], ["xlsx"], ["csv"]):
        name = "objectives:reading_readers_export" if args else "objectives:reading_readers"
        assert _readers(client, people["outsider"], objective_set, name, *args).status_code == 404


def test_it_exports_the_list_as_xlsx(client, agency, people):
    objective_set = published_set(agency)
    set_acknowledge(objective_set=objective_set, actor=people["staff"])

    response = _readers(
        client, people["iso_officer"], objective_set, "objectives:reading_readers_export", "xlsx"
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        'filename="danh-sach-da-doc-muc-tieu-chat-luong-nam-2025.xlsx"'
        in response["Content-Disposition"]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ("STT", "Họ tên")
    assert rows[2][1] == "Staff" and rows[2][5] == "Đã đọc"
    assert len(rows) == 2 + 7
    assert {r[5] for r in rows[3:]} == {"Chưa đọc"}


def test_it_exports_the_list_as_csv_for_excel(client, agency, people):
    objective_set = published_set(agency)
    people["staff"].first_name = "=HYPERLINK(1)"
    people["staff"].save()
    set_acknowledge(objective_set=objective_set, actor=people["staff"])

    response = _readers(
        client, people["head"], objective_set, "objectives:reading_readers_export", "csv"
    )

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][1] == "Họ tên"
    assert rows[1][1] == "'=HYPERLINK(1)" and rows[1][5] == "Đã đọc"
    assert len(rows) == 1 + 7


def test_the_readers_page_runs_a_fixed_number_of_queries(
    client, agency, people, django_assert_max_num_queries
):
    objective_set = published_set(agency)
    for n in range(20):
        MembershipFactory(user=UserFactory(username=f"reader{n}"), agency=agency)
    client.force_login(people["iso_officer"])

    with django_assert_max_num_queries(10):
        response = client.get(reverse("objectives:reading_readers", args=[objective_set.pk]))
    assert response.status_code == 200
