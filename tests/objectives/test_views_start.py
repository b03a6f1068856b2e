"""Starting a set: blank, from an official template (guidance beside), copied from last year,
derived for a department; who may, and refusals that keep the page."""

import pytest
from django.urls import reverse

from documents.models import Status
from objectives.models import ObjectiveSet
from tests.objectives.views_support import client_for, set_with_objectives


@pytest.fixture
def last_year(agency, people):
    """Last year's set of the agency, issued."""
    return set_with_objectives(
        agency, year=2024, status=Status.PUBLISHED, number=12, symbol="QĐ-VP"
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("iso_officer", 200),
        ("department_head", 200),
        ("head", 403),
        ("records_officer", 403),
        ("staff", 403),
        ("administrator", 403),
    ],
)
def test_it_offers_the_start_page_to_drafters_only(people, role, expected):
    assert client_for(people[role]).get(reverse("objectives:set_start")).status_code == expected


def test_it_starts_a_blank_set(agency, people):
    client = client_for(people["iso_officer"])
    data = {"method": "blank", "blank-year": "2026", "blank-department": "", "blank-form": "table"}
    response = client.post(reverse("objectives:set_start"), data)
    created = ObjectiveSet.objects.get(agency=agency, year=2026)
    assert response.status_code == 302
    assert response.url == reverse("objectives:set_edit", args=[created.pk])
    assert (created.status, created.form, created.department) == (Status.DRAFT, "table", None)
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert messages[0].startswith("Đã tạo")


def test_it_refuses_a_second_open_set_and_keeps_the_page(agency, people):
    set_with_objectives(agency, year=2026)
    data = {"method": "blank", "blank-year": "2026", "blank-department": "", "blank-form": "list"}
    response = client_for(people["iso_officer"]).post(reverse("objectives:set_start"), data)
    assert response.status_code == 400
    assert "đã có bộ mục tiêu năm 2026" in response.content.decode()
    assert ObjectiveSet.objects.filter(agency=agency, year=2026).count() == 1


def test_it_lets_a_department_head_start_only_for_their_department(
    agency, department, other_department, people
):
    client = client_for(people["department_head"])
    for department_id, expected in [(other_department.pk, 400), ("", 400), (department.pk, 302)]:
        data = {"method": "blank", "blank-year": "2026", "blank-department": department_id}
        data["blank-form"] = "list"
        assert client.post(reverse("objectives:set_start"), data).status_code == expected
    assert list(ObjectiveSet.objects.values_list("department", flat=True)) == [department.pk]


def test_it_copies_last_years_set(agency, people, last_year):
    client = client_for(people["iso_officer"])
    page = client.get(reverse("objectives:set_start")).content.decode()
    assert 'data-testid="start-copy"' in page and "selected" in page
    data = {"method": "copy", "copy-source": last_year.pk, "copy-year": "2025"}
    response = client.post(reverse("objectives:set_start"), data)
    assert response.status_code == 302
    copy = ObjectiveSet.objects.get(year=2025, status=Status.DRAFT)
    copied = copy.objectives.order_by("order")
    assert [o.copied_from_id for o in copied] == list(
        last_year.objectives.order_by("order").values_list("pk", flat=True)
    )


def test_it_shows_a_template_with_the_guidance_beside_and_starts_from_it(agency, people):
    client = client_for(people["iso_officer"])
    url = reverse("objectives:set_start_template", args=["phu-luc-3-vi-du"])
    page = client.get(url).content.decode()
    assert 'data-testid="guidance"' in page and "đo được" in page
    response = client.post(url, {"year": "2026", "department": ""})
    assert response.status_code == 302
    created = ObjectiveSet.objects.get(year=2026)
    assert created.template_key == "phu-luc-3-vi-du" and created.objectives.exists()


def test_it_answers_404_for_an_unknown_template(people):
    url = reverse("objectives:set_start_template", args=["khong-co"])
    assert client_for(people["iso_officer"]).get(url).status_code == 404


def test_it_derives_a_departments_set_from_the_agencys(agency, department, people, last_year):
    client = client_for(people["department_head"])
    url = reverse("objectives:set_derive", args=[last_year.pk])
    chosen = list(last_year.objectives.order_by("order").values_list("pk", flat=True))[:2]
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"year": "2024", "department": department.pk, "objectives": chosen})
    assert response.status_code == 302
    derived = ObjectiveSet.objects.get(department=department)
    assert sorted(derived.objectives.values_list("parent_id", flat=True)) == sorted(chosen)


def test_it_keeps_the_derive_page_when_nothing_is_chosen(department, people, last_year):
    url = reverse("objectives:set_derive", args=[last_year.pk])
    data = {"year": "2024", "department": department.pk}
    response = client_for(people["department_head"]).post(url, data)
    assert response.status_code == 400
    assert not ObjectiveSet.objects.filter(department=department).exists()


def test_it_hides_other_agencies_sets_from_derive(people, outsider_agency):
    foreign = set_with_objectives(outsider_agency, status=Status.PUBLISHED)
    url = reverse("objectives:set_derive", args=[foreign.pk])
    assert client_for(people["iso_officer"]).get(url).status_code == 404


def test_a_copy_is_for_the_year_after_the_copied_set_not_the_clock(agency, people, last_year):
    """On a December 2026 clock the copy of the 2024 set was offered "Cho năm 2027"."""
    client = client_for(people["iso_officer"])
    copy_form = client.get(reverse("objectives:set_start")).context["copy"]
    assert copy_form["year"].value() == 2025
    assert f'data-next-year="{last_year.year + 1}"' in str(copy_form["source"])
    data = {"method": "copy", "copy-source": last_year.pk, "copy-year": ""}
    assert client.post(reverse("objectives:set_start"), data).status_code == 302
    assert ObjectiveSet.objects.filter(year=2025, status=Status.DRAFT).count() == 1
