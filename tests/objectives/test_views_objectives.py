"""Objectives and targets edited in place: htmx fragments, versioned saves, "95,5", validation
that keeps the input, structure changes that bump the set's version, and refusals."""

from decimal import Decimal

import pytest
from django.urls import reverse

from documents.models import Status
from objectives.models import Objective, Section, Target
from tests.objectives.views_support import client_for, set_with_objectives, snapshot

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(agency, people):
    """A Draft of the whole agency: one section, three objectives with a target each."""
    return set_with_objectives(agency)


def objective_data(objective, **changes) -> dict:
    """The form as the editor posts it, with the objective's targets as they are."""
    data = {
        "version": objective.version,
        "n": "1",
        "section": objective.section_id or "",
        "content": objective.content,
        "measures": objective.measures,
        "resources": "",
        "lead_unit": "",
        "responsible_person": "",
        "timeframe": "",
        "deadline": "",
        "reporting_wording": "",
        "evaluation_method": "",
        "printed_targets": "",
        "printed_measures": "",
        "printed_time": "",
    }
    targets = list(objective.targets.all()) if objective.pk else []
    data.update(
        {
            "targets-TOTAL_FORMS": str(len(targets) + 1),
            "targets-INITIAL_FORMS": str(len(targets)),
            "targets-MIN_NUM_FORMS": "0",
            "targets-MAX_NUM_FORMS": "1000",
            # The blank extra row, as the browser posts it: the select shows its default.
            f"targets-{len(targets)}-comparison": "at_least",
        }
    )
    for index, target in enumerate(targets):
        prefix = f"targets-{index}-"
        data.update(
            {
                prefix + "id": target.pk,
                prefix + "objective": objective.pk,
                prefix + "indicator": target.indicator,
                prefix + "comparison": target.comparison,
                prefix + "value": str(target.value).replace(".", ","),
                prefix + "unit": target.unit,
                prefix + "baseline": "",
                prefix + "wording": target.wording,
            }
        )
    data.update(changes)
    return data


def first(objective_set) -> Objective:
    return objective_set.objectives.order_by("order").first()


def test_a_target_of_one_thousand_typed_the_vietnamese_way_is_one_thousand(people, draft):
    objective = first(draft)
    data = objective_data(objective, **{"targets-0-value": "1.000", "targets-0-unit": "hồ sơ"})
    data["targets-0-wording"] = "≥ 1.000 hồ sơ"
    client = client_for(people["iso_officer"])
    response = client.post(reverse("objectives:objective_edit", args=[objective.pk]), data, **HTMX)
    assert response.status_code == 200
    assert objective.targets.get().value == 1000


def test_targets_are_saved_in_the_order_of_their_numbers(people, draft):
    objective = first(draft)
    data = objective_data(
        objective,
        **{
            "targets-0-ORDER": "2",
            "targets-1-ORDER": "1",
            "targets-1-comparison": "exactly",
            "targets-1-value": "0",
            "targets-1-unit": "hồ sơ",
            "targets-1-wording": "bằng không",
        },
    )
    client = client_for(people["iso_officer"])
    response = client.post(reverse("objectives:objective_edit", args=[objective.pk]), data, **HTMX)
    assert response.status_code == 200
    assert list(objective.targets.order_by("order").values_list("wording", "order")) == [
        ("bằng không", 1),
        ("≥ 91%", 2),
    ]


def test_it_serves_the_form_in_place_of_the_row(people, draft):
    objective = first(draft)
    url = reverse("objectives:objective_edit", args=[objective.pk]) + "?n=1"
    response = client_for(people["iso_officer"]).get(url, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="objective-{objective.pk}"' in html
    assert 'name="targets-0-value" value="91"' in html


def test_it_saves_an_objective_and_swaps_the_row_back(people, draft):
    objective = first(draft)
    data = objective_data(
        objective, content="Tỷ lệ hồ sơ đúng hạn đạt 95,5%.", **{"targets-0-value": "95,5"}
    )
    data["targets-0-wording"] = "≥ 95,5%"
    client = client_for(people["iso_officer"])
    response = client.post(reverse("objectives:objective_edit", args=[objective.pk]), data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="objective-row"' in html and "≥ 95,5%" in html
    assert 'hx-swap-oob="true"' in html and "Đã lưu mục tiêu 1." in html
    objective.refresh_from_db()
    assert objective.content == "Tỷ lệ hồ sơ đúng hạn đạt 95,5%."
    assert objective.version == 2
    assert objective.targets.get().value == Decimal("95.5")
    assert objective.history.count() >= 2


def test_it_adds_and_removes_targets_with_the_objective(people, draft):
    objective = first(draft)
    data = objective_data(objective)
    data.update(
        {
            "targets-0-DELETE": "on",
            "targets-1-comparison": "at_most",
            "targets-1-value": "0",
            "targets-1-unit": "%",
            "targets-1-wording": "bằng không",
        }
    )
    url = reverse("objectives:objective_edit", args=[objective.pk])
    response = client_for(people["iso_officer"]).post(url, data, **HTMX)
    assert response.status_code == 200
    assert [t.wording for t in objective.targets.all()] == ["bằng không"]


def test_it_keeps_everything_typed_when_a_target_is_invalid(people, draft):
    objective = first(draft)
    before = snapshot(draft)
    data = objective_data(objective, content="Nội dung mới đã gõ", **{"targets-0-value": "120"})
    url = reverse("objectives:objective_edit", args=[objective.pk])
    response = client_for(people["iso_officer"]).post(url, data, **HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nội dung mới đã gõ" in html
    assert "Tỷ lệ phần trăm phải từ 0 đến 100." in html
    assert snapshot(draft) == before


def test_it_keeps_everything_typed_when_the_content_is_missing(people, draft):
    objective = first(draft)
    data = objective_data(objective, content="", measures="Biện pháp đã gõ")
    url = reverse("objectives:objective_edit", args=[objective.pk])
    response = client_for(people["iso_officer"]).post(url, data)
    assert response.status_code == 400
    assert "<html" in response.content.decode()
    assert "Biện pháp đã gõ" in response.content.decode()


def test_it_refuses_the_later_of_two_edits_of_one_objective(people, draft):
    objective = first(draft)
    url = reverse("objectives:objective_edit", args=[objective.pk])
    first_edit = objective_data(objective, content="Sửa lần một")
    second_edit = objective_data(objective, content="Sửa lần hai, đã gõ rất lâu")
    client_for(people["iso_officer"]).post(url, first_edit, **HTMX)
    response = client_for(people["iso_officer"]).post(url, second_edit, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "vừa được người khác sửa" in html
    assert "Sửa lần hai, đã gõ rất lâu" in html
    assert 'data-testid="conflicts"' in html and "Sửa lần một" in html
    assert 'name="version" value="2"' in html
    objective.refresh_from_db()
    assert (objective.content, objective.version) == ("Sửa lần một", 2)


def test_it_lets_two_people_edit_different_objectives(people, draft):
    one, two = draft.objectives.order_by("order")[:2]
    client = client_for(people["iso_officer"])
    forms = [(one, objective_data(one, content="Một")), (two, objective_data(two, content="Hai"))]
    for objective, data in forms:
        url = reverse("objectives:objective_edit", args=[objective.pk])
        assert client.post(url, data, **HTMX).status_code == 200
    assert sorted(Objective.objects.values_list("content", flat=True))[:2] == ["Hai", "Một"]
    draft.refresh_from_db()
    assert draft.version == 1


def test_it_adds_an_objective_and_answers_with_the_whole_list(people, draft):
    client = client_for(people["iso_officer"])
    new = Objective(objective_set=draft)
    data = objective_data(new, content="Mục tiêu mới", section=draft.sections.get().pk)
    data.update(
        {"targets-0-comparison": "at_least", "targets-0-value": "1", "targets-0-unit": "lần/năm"}
    )
    response = client.post(reverse("objectives:objective_add", args=[draft.pk]), data, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#objective-list"
    assert response.content.decode().count('data-testid="objective-row"') == 4
    added = draft.objectives.get(content="Mục tiêu mới")
    assert added.order == 4 and added.targets.get().unit == "lần/năm"
    draft.refresh_from_db()
    assert draft.version == 2


def test_it_removes_an_objective_and_renumbers(people, draft):
    objective = first(draft)
    url = reverse("objectives:objective_remove", args=[objective.pk])
    response = client_for(people["iso_officer"]).post(url, {"version": 1}, **HTMX)
    assert response.status_code == 200
    assert not Objective.objects.filter(pk=objective.pk).exists()
    assert list(draft.objectives.values_list("order", flat=True)) == [1, 2]
    draft.refresh_from_db()
    assert draft.version == 2


def test_it_does_not_remove_an_objective_someone_just_changed(people, draft):
    objective = first(draft)
    Objective.objects.filter(pk=objective.pk).update(version=5)
    url = reverse("objectives:objective_remove", args=[objective.pk])
    response = client_for(people["iso_officer"]).post(url, {"version": 1}, **HTMX)
    assert response.status_code == 409
    assert Objective.objects.filter(pk=objective.pk).exists()


def test_it_moves_an_objective_down_and_bumps_the_set_version(people, draft):
    one, two, three = draft.objectives.order_by("order")
    url = reverse("objectives:objective_move", args=[one.pk])
    response = client_for(people["iso_officer"]).post(url, {"direction": "down"}, **HTMX)
    assert response.status_code == 200
    assert list(draft.objectives.order_by("order").values_list("pk", flat=True)) == [
        two.pk,
        one.pk,
        three.pk,
    ]
    draft.refresh_from_db()
    assert draft.version == 2


def test_it_manages_sections(people, draft):
    client = client_for(people["iso_officer"])
    response = client.post(
        reverse("objectives:section_add", args=[draft.pk]), {"title": "II. Đối với phòng:"}, **HTMX
    )
    assert response.status_code == 200 and "II. Đối với phòng:" in response.content.decode()
    first_section, second = draft.sections.order_by("order")
    client.post(reverse("objectives:section_move", args=[second.pk]), {"direction": "up"}, **HTMX)
    assert list(draft.sections.order_by("order")) == [second, first_section]
    client.post(reverse("objectives:section_rename", args=[second.pk]), {"title": "II. Phòng:"})
    second.refresh_from_db()
    assert second.title == "II. Phòng:"
    client.post(reverse("objectives:section_remove", args=[first_section.pk]), **HTMX)
    assert not Section.objects.filter(pk=first_section.pk).exists()
    assert draft.objectives.filter(section__isnull=True).count() == 3
    draft.refresh_from_db()
    assert draft.version == 4


@pytest.mark.parametrize(
    "name",
    [
        "objective_remove",
        "objective_move",
        "section_rename",
        "section_remove",
        "section_move",
        "section_add",
    ],
)
def test_it_refuses_get_on_post_only_actions(people, draft, name):
    pk = first(draft).pk if name.startswith("objective") else draft.sections.get().pk
    pk = draft.pk if name == "section_add" else pk
    response = client_for(people["iso_officer"]).get(reverse(f"objectives:{name}", args=[pk]))
    assert response.status_code == 405


@pytest.mark.parametrize(("role", "expected"), [("deputy", 403), ("staff", 404), ("outsider", 404)])
def test_it_refuses_objective_changes_from_non_drafters(people, draft, role, expected):
    objective = first(draft)
    before = snapshot(draft)
    client = client_for(people[role])
    actions = [
        (
            reverse("objectives:objective_edit", args=[objective.pk]),
            objective_data(objective, content="X"),
        ),
        (reverse("objectives:objective_remove", args=[objective.pk]), {"version": 1}),
        (reverse("objectives:objective_move", args=[objective.pk]), {"direction": "down"}),
        (
            reverse("objectives:objective_add", args=[draft.pk]),
            objective_data(objective, content="Y"),
        ),
        (reverse("objectives:section_add", args=[draft.pk]), {"title": "III."}),
    ]
    for url, data in actions:
        assert client.post(url, data, **HTMX).status_code == expected
    assert snapshot(draft) == before


def test_it_refuses_every_edit_once_the_set_is_submitted(people, draft):
    objective = first(draft)
    data = objective_data(objective, content="Sửa khi đã gửi duyệt")
    draft.status = Status.SUBMITTED
    draft.save()
    before = snapshot(draft)
    client = client_for(people["iso_officer"])
    url = reverse("objectives:objective_edit", args=[objective.pk])
    response = client.post(url, data, **HTMX)
    assert response.status_code == 409
    assert response["HX-Redirect"] == draft.get_absolute_url()
    remove = reverse("objectives:objective_remove", args=[objective.pk])
    assert client.post(remove, {"version": 1}).status_code == 302
    assert snapshot(draft) == before
    assert Target.objects.filter(objective=objective).count() == 1


@pytest.mark.parametrize(("role", "expected"), [("head", 403), ("staff", 404), ("outsider", 404)])
def test_it_refuses_section_changes_and_forms_to_non_drafters(people, draft, role, expected):
    section = draft.sections.get()
    objective = first(draft)
    before = (snapshot(draft), section.title)
    client = client_for(people[role])
    posts = [
        ("section_rename", section.pk, {"title": "Đổi tên"}),
        ("section_remove", section.pk, {}),
        ("section_move", section.pk, {"direction": "up"}),
    ]
    for name, pk, data in posts:
        assert client.post(reverse(f"objectives:{name}", args=[pk]), data).status_code == expected
    gets = [
        reverse("objectives:objective_row", args=[objective.pk]),
        reverse("objectives:objective_edit", args=[objective.pk]),
        reverse("objectives:objective_add", args=[draft.pk]),
        reverse("objectives:set_header", args=[draft.pk]),
    ]
    for url in gets:
        assert client.get(url, **HTMX).status_code == expected
    section.refresh_from_db()
    assert (snapshot(draft), section.title) == before


def test_it_puts_the_saved_row_back_when_editing_is_cancelled(people, draft):
    objective = first(draft)
    url = reverse("objectives:objective_row", args=[objective.pk]) + "?n=1"
    response = client_for(people["iso_officer"]).get(url, **HTMX)
    assert response.status_code == 200
    assert 'data-testid="objective-row"' in response.content.decode()


def test_it_presets_the_section_of_a_new_objective(people, draft):
    section = draft.sections.get()
    url = reverse("objectives:objective_add", args=[draft.pk]) + f"?section={section.pk}"
    response = client_for(people["iso_officer"]).get(url, **HTMX)
    assert response.context["form"]["section"].value() == str(section.pk)


def test_it_answers_a_missing_version_as_a_bad_request(people, draft):
    objective = first(draft)
    data = objective_data(objective)
    del data["version"]
    before = snapshot(draft)
    url = reverse("objectives:objective_edit", args=[objective.pk])
    assert client_for(people["iso_officer"]).post(url, data, **HTMX).status_code == 400
    assert snapshot(draft) == before
