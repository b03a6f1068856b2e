"""The reading pages: who sees what (role matrix), the superseded mark, the issued PDF served
byte for byte, and a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from documents.models import Status
from tests.factories import ObjectiveSetFactory
from tests.objectives.reading_data import PDF_BYTES, published_set

MEMBERS = ["staff", "iso_officer", "head", "administrator", "department_head", "records_officer"]


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("role", MEMBERS)
def test_it_shows_the_published_sets_to_every_member(client, agency, people, role):
    objective_set = published_set(agency)

    response = _get(client, people[role], reverse("objectives:reading_list"))

    assert response.status_code == 200
    assert reverse("objectives:reading_detail", args=[objective_set.pk]) in response.text


def test_it_lists_this_year_and_earlier_years_and_the_own_department(
    client, agency, department, other_department, people
):
    old = published_set(agency, year=2024, status=Status.SUPERSEDED)
    current = published_set(agency, year=2025, revises=old, revision=1)
    own = published_set(agency, department=department, year=2025)
    other = published_set(agency, department=other_department, year=2025)
    draft = ObjectiveSetFactory(agency=agency, year=2026)

    response = _get(client, people["staff"], reverse("objectives:reading_list"))

    shown = {s.pk for _, sets in response.context["years"] for s in sets}
    assert shown == {old.pk, current.pk, own.pk}
    assert other.pk not in shown and draft.pk not in shown
    assert [year for year, _ in response.context["years"]] == [2025, 2024]


def test_it_shows_nothing_of_other_agencies(client, agency, people):
    published_set(agency)

    response = _get(client, people["outsider"], reverse("objectives:reading_list"))

    assert response.status_code == 200
    assert response.context["years"] == []


def test_it_asks_anonymous_visitors_to_log_in(client, agency):
    objective_set = published_set(agency)
    for name, args in [
        ("objectives:reading_list", []),
        ("objectives:reading_search", []),
        ("objectives:reading_detail", [objective_set.pk]),
        ("objectives:reading_pdf", [objective_set.pk]),
        ("objectives:reading_readers", [objective_set.pk]),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", MEMBERS)
def test_it_shows_a_published_set_to_members(client, agency, people, role):
    objective_set = published_set(agency)

    response = _get(
        client, people[role], reverse("objectives:reading_detail", args=[objective_set.pk])
    )

    assert response.status_code == 200
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in response.text
    assert "<title>Mục tiêu chất lượng năm 2025" in response.text


def test_it_answers_404_to_outsiders_and_for_unpublished_or_other_departments(
    client, agency, other_department, people
):
    published = published_set(agency)
    other = published_set(agency, department=other_department)
    draft = ObjectiveSetFactory(agency=agency, year=2026)
    client.force_login(people["outsider"])
    for name in ("objectives:reading_detail", "objectives:reading_pdf"):
        assert client.get(reverse(name, args=[published.pk])).status_code == 404
    client.force_login(people["staff"])
    for objective_set in (other, draft):
        for name in ("objectives:reading_detail", "objectives:reading_pdf"):
            assert client.get(reverse(name, args=[objective_set.pk])).status_code == 404
    assert client.get(reverse("objectives:reading_detail", args=[999999])).status_code == 404


def test_it_marks_a_superseded_set_and_links_the_revision(client, agency, people):
    old = published_set(agency, year=2025, status=Status.SUPERSEDED)
    new = published_set(agency, year=2025, revises=old, revision=1)

    response = _get(client, people["staff"], reverse("objectives:reading_detail", args=[old.pk]))

    assert response.status_code == 200
    assert 'data-testid="superseded-note"' in response.text
    assert reverse("objectives:reading_detail", args=[new.pk]) in response.text
    assert 'data-testid="acknowledge-button"' not in response.text


@pytest.mark.parametrize("role", MEMBERS)
def test_it_serves_the_issued_pdf_byte_for_byte(client, agency, people, role):
    objective_set = published_set(agency)

    response = _get(
        client, people[role], reverse("objectives:reading_pdf", args=[objective_set.pk])
    )

    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith(
        'attachment; filename="muc-tieu-chat-luong-nam-2025-124-qd-vp.pdf"'
    )
    assert "filename*=UTF-8''M%E1%BB%A5c%20ti%C3%AAu" in disposition
    assert "124-Q%C4%90-VP.pdf" in disposition


def test_it_answers_404_when_no_file_was_issued(client, agency, people):
    objective_set = published_set(agency)
    type(objective_set).objects.filter(pk=objective_set.pk).update(issued_file="")

    response = _get(
        client, people["staff"], reverse("objectives:reading_pdf", args=[objective_set.pk])
    )

    assert response.status_code == 404


def test_it_refuses_changes_through_get_only_pages(client, agency, people):
    objective_set = published_set(agency)
    client.force_login(people["staff"])

    response = client.post(reverse("objectives:reading_detail", args=[objective_set.pk]))

    assert response.status_code == 405


def test_the_reading_pages_run_a_fixed_number_of_queries(
    client, agency, department, people, django_assert_max_num_queries
):
    for year in (2023, 2024, 2025):
        published_set(agency, year=year)
        published_set(agency, department=department, year=year)
    objective_set = published_set(agency, year=2026)
    client.force_login(people["staff"])

    with django_assert_max_num_queries(10):
        assert client.get(reverse("objectives:reading_list")).status_code == 200
    with django_assert_max_num_queries(16):
        url = reverse("objectives:reading_detail", args=[objective_set.pk])
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        url = reverse("objectives:reading_search")
        assert client.get(url, {"q": "ho so"}).status_code == 200


def test_the_reading_page_shows_the_documents_own_opening_and_labels_each_target(
    client, agency, department, people
):
    """A department's set read "{the agency} đảm bảo…" (a template's opening, not the printed
    one), and its targets showed as bare "100% 100%"."""
    objective_set = ObjectiveSetFactory(
        agency=agency, department=department, published=True, with_objectives=1
    )
    objective = objective_set.objectives.get()
    objective.targets.all().delete()
    objective.targets.create(order=1, indicator="Tỷ lệ hồ sơ đúng hạn", value=100, unit="%")
    objective.targets.create(order=2, value=95, unit="%", wording="đạt 95%")

    response = _get(
        client, people["staff"], reverse("objectives:reading_detail", args=[objective_set.pk])
    )

    html = response.text
    assert f"{department.name} đảm bảo thực hiện các mục tiêu sau" in html
    assert f"{agency.name} đảm bảo" not in html
    targets = [" ".join(t.split()) for t in _testids(html, "reading-target")]
    assert targets == ["Tỷ lệ hồ sơ đúng hạn: ≥ 100%", "Chỉ tiêu 2: đạt 95%"]


def test_a_decision_shows_no_opening_it_does_not_print(client, agency, people):
    objective_set = ObjectiveSetFactory(
        agency=agency, published=True, with_objectives=1, form="decision"
    )
    response = _get(
        client, people["staff"], reverse("objectives:reading_detail", args=[objective_set.pk])
    )
    assert "đảm bảo thực hiện các mục tiêu sau" not in response.text


def _testids(html: str, testid: str) -> list[str]:
    pattern = rf'data-testid="{testid}">(.*?)</li>'
    return [re.sub(r"<[^>]+>", "", m) for m in re.findall(pattern, html, flags=re.S)]
