"""No edit is ever lost (issue 18), through the editor's pages: two people edit the same objective,
target, section or header. Different fields both survive; the same field is refused with both
values and a choice; sending the refused form again as shown keeps what the other saved, and
taking "mine" for one field changes only that field."""

from decimal import Decimal

import lxml.html
import pytest
from django.urls import reverse

from objectives.models import Objective
from tests.objectives.test_views_editor import header_data
from tests.objectives.test_views_objectives import objective_data
from tests.objectives.views_support import client_for, set_with_objectives

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def draft(agency, people):
    return set_with_objectives(agency)


@pytest.fixture
def client(people):
    return client_for(people["iso_officer"])


def first(objective_set) -> Objective:
    return objective_set.objectives.order_by("order").first()


def posted(html: str, form_id: str | None = None) -> dict:
    """What the browser sends when the form in `html` is submitted as it is shown (radios and
    checkboxes as checked, each select's option, every textarea)."""
    page = lxml.html.fromstring(html)
    if form_id:
        (form,) = page.xpath(f'//form[@id="{form_id}" or @data-testid="{form_id}"]')
    else:
        form = next(f for f in page.forms if f.xpath('.//input[@name="version"]'))
    data: dict = {}
    textareas = {element.name for element in form.xpath(".//textarea")}
    for name, value in form.form_values():
        if name in textareas:  # a browser drops the newline that follows <textarea>
            value = value.removeprefix("\n")
        data.setdefault(name, []).append(value)
    if form_id:  # controls outside the form that name it (form="…")
        for control in page.xpath(f'//input[@form="{form_id}"][@checked]'):
            data.setdefault(control.name, []).append(control.value)
    return data


def conflict_keys(html: str) -> list[str]:
    found = lxml.html.fromstring(html).xpath('//*[@data-testid="conflict"]')
    return [element.get("data-key") for element in found]


def edit_url(objective) -> str:
    return reverse("objectives:objective_edit", args=[objective.pk])


# --- objectives -------------------------------------------------------------------------------


def test_different_fields_of_one_objective_both_survive(client, draft):
    objective = first(draft)
    a = objective_data(objective, content="Nội dung của A")
    b = objective_data(objective, measures="Biện pháp của B")
    assert client.post(edit_url(objective), a, **HTMX).status_code == 200
    assert client.post(edit_url(objective), b, **HTMX).status_code == 200
    objective.refresh_from_db()
    assert (objective.content, objective.measures) == ("Nội dung của A", "Biện pháp của B")


def test_the_refused_objective_form_shows_both_values_and_the_rest_as_saved(client, draft):
    objective = first(draft)
    a = objective_data(objective, content="Nội dung của A", resources="Nguồn lực của A")
    b = objective_data(objective, content="Nội dung của B", measures="Biện pháp của B")
    client.post(edit_url(objective), a, **HTMX)
    response = client.post(edit_url(objective), b, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "<html" not in html  # htmx: the form in place
    conflict = lxml.html.fromstring(html).xpath('//*[@data-testid="conflict"]')
    assert [c.get("data-key") for c in conflict] == ["content"]
    assert "Nội dung của A" in conflict[0].text_content()
    assert "Nội dung của B" in conflict[0].text_content()
    shown = posted(html)
    assert shown["keep-content"] == ["saved"]
    assert shown["content"] == ["Nội dung của B"]  # what B typed is kept in the box
    assert shown["measures"] == ["Biện pháp của B"]
    assert shown["resources"] == ["Nguồn lực của A"]  # A's change, not B's stale copy
    assert shown["version"] == ["2"]


def test_saving_the_refused_form_again_without_choosing_keeps_the_other_change(client, draft):
    objective = first(draft)
    client.post(edit_url(objective), objective_data(objective, content="Nội dung của A"), **HTMX)
    b = objective_data(objective, content="Nội dung của B", measures="Biện pháp của B")
    refused = client.post(edit_url(objective), b)  # without htmx: a whole page
    assert refused.status_code == 409 and "<html" in refused.content.decode()
    response = client.post(edit_url(objective), posted(refused.content.decode()))
    assert response.status_code == 302
    objective.refresh_from_db()
    assert (objective.content, objective.measures) == ("Nội dung của A", "Biện pháp của B")


def test_taking_mine_for_one_field_changes_only_that_field(client, draft):
    objective = first(draft)
    a = objective_data(objective, content="Nội dung của A", resources="Nguồn lực của A")
    client.post(edit_url(objective), a, **HTMX)
    b = objective_data(objective, content="Nội dung của B", resources="Nguồn lực của B")
    refused = client.post(edit_url(objective), b, **HTMX)
    data = posted(refused.content.decode()) | {"keep-content": "mine"}
    assert client.post(edit_url(objective), data, **HTMX).status_code == 200
    objective.refresh_from_db()
    assert (objective.content, objective.resources) == ("Nội dung của B", "Nguồn lực của A")


# --- targets ----------------------------------------------------------------------------------


def test_a_target_changed_by_both_is_offered_and_kept_as_saved(client, draft):
    objective = first(draft)
    target = objective.targets.get()
    a = objective_data(objective, **{"targets-0-value": "95", "targets-0-wording": "≥ 95%"})
    b = objective_data(objective, **{"targets-0-value": "99"}, content="Nội dung của B")
    client.post(edit_url(objective), a, **HTMX)
    refused = client.post(edit_url(objective), b, **HTMX)
    assert refused.status_code == 409
    html = refused.content.decode()
    keys = conflict_keys(html)
    assert keys == [f"t{target.pk}-value"]
    assert "Chỉ tiêu 1: Giá trị" in html
    shown = posted(html)
    assert shown["targets-0-value"] == ["99"] and shown["targets-0-wording"] == ["≥ 95%"]
    assert client.post(edit_url(objective), shown, **HTMX).status_code == 200
    target.refresh_from_db()
    objective.refresh_from_db()
    assert (target.value, target.wording) == (Decimal(95), "≥ 95%")
    assert objective.content == "Nội dung của B"


def test_a_target_changed_by_both_takes_mine_when_chosen(client, draft):
    objective = first(draft)
    target = objective.targets.get()
    a = objective_data(objective, **{"targets-0-value": "95", "targets-0-wording": "Của A"})
    client.post(edit_url(objective), a, **HTMX)
    refused = client.post(
        edit_url(objective), objective_data(objective, **{"targets-0-value": "99"}), **HTMX
    )
    data = posted(refused.content.decode()) | {f"keep-t{target.pk}-value": "mine"}
    assert client.post(edit_url(objective), data, **HTMX).status_code == 200
    target.refresh_from_db()
    assert (target.value, target.wording) == (99, "Của A")  # A's wording, not B's old copy


def test_a_target_added_by_one_survives_a_save_by_another(client, draft):
    objective = first(draft)
    stale = objective_data(objective, content="Nội dung của B")
    added = objective_data(
        objective,
        **{
            "targets-1-comparison": "at_most",
            "targets-1-value": "0",
            "targets-1-unit": "%",
            "targets-1-wording": "bằng không",
        },
    )
    assert client.post(edit_url(objective), added, **HTMX).status_code == 200
    assert client.post(edit_url(objective), stale, **HTMX).status_code == 200
    objective.refresh_from_db()
    assert objective.content == "Nội dung của B"
    assert [t.wording for t in objective.targets.order_by("order")] == ["≥ 91%", "bằng không"]


def test_a_target_removed_by_another_is_not_a_bad_request(client, draft):
    objective = first(draft)
    stale = objective_data(objective, **{"targets-0-wording": "Của B"})
    removed = objective_data(objective, **{"targets-0-DELETE": "on"})
    assert client.post(edit_url(objective), removed, **HTMX).status_code == 200
    refused = client.post(edit_url(objective), stale, **HTMX)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Người khác vừa xóa chỉ tiêu này" in html and "Của B" in html
    assert client.post(edit_url(objective), posted(html), **HTMX).status_code == 200
    assert not objective.targets.exists()


# --- sections ---------------------------------------------------------------------------------


def test_a_section_renamed_by_both_is_offered_and_kept_as_saved(client, draft):
    section = draft.sections.get()
    url = reverse("objectives:section_rename", args=[section.pk])
    client.post(url, {"title": "I. Của A", "version": 1}, **HTMX)
    refused = client.post(url, {"title": "I. Của B", "version": 1}, **HTMX)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert 'data-testid="section-conflict"' in html and "I. Của A" in html
    shown = posted(html, f"section-rename-{section.pk}")
    assert shown["title"] == ["I. Của B"] and shown["keep-title"] == ["saved"]
    assert client.post(url, shown, **HTMX).status_code == 200
    section.refresh_from_db()
    assert section.title == "I. Của A"
    mine = shown | {"keep-title": "mine"}
    assert client.post(url, mine, **HTMX).status_code == 200
    section.refresh_from_db()
    assert section.title == "I. Của B"


def test_a_refused_section_rename_without_htmx_shows_the_editor_page(client, draft):
    section = draft.sections.get()
    url = reverse("objectives:section_rename", args=[section.pk])
    client.post(url, {"title": "I. Của A", "version": 1})
    refused = client.post(url, {"title": "I. Của B", "version": 1})
    assert refused.status_code == 409
    assert "<html" in refused.content.decode() and "I. Của B" in refused.content.decode()


# --- the header -------------------------------------------------------------------------------


def header_url(objective_set) -> str:
    return reverse("objectives:set_header", args=[objective_set.pk])


def test_a_recipient_line_added_by_one_survives_another_saving_the_title(client, draft):
    a = header_data(draft, recipients="- Ban Giám đốc;\n- Các phòng;\n- Lưu: VT.")
    b = header_data(draft, title="Mục tiêu chất lượng năm 2025 của B")
    assert client.post(header_url(draft), a).status_code == 302
    assert client.post(header_url(draft), b).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Mục tiêu chất lượng năm 2025 của B"
    assert "Các phòng" in draft.recipients


def test_recipients_changed_by_both_are_offered_and_the_saved_ones_kept(client, draft):
    a = header_data(draft, recipients="- Ban Giám đốc;\n- Các phòng;\n- Lưu: VT.")
    b = header_data(draft, recipients="- Sở Nội vụ;\n- Lưu: VT.", title="Tiêu đề của B")
    client.post(header_url(draft), a)
    refused = client.post(header_url(draft), b)
    assert refused.status_code == 409
    html = refused.content.decode()
    keys = conflict_keys(html)
    assert keys == ["recipients"]
    assert "Các phòng" in html and "Sở Nội vụ" in html
    shown = posted(html, "header-form")
    assert client.post(header_url(draft), shown).status_code == 302
    draft.refresh_from_db()
    assert "Các phòng" in draft.recipients and draft.title == "Tiêu đề của B"


def test_recipients_changed_by_both_take_mine_when_chosen(client, draft):
    a = header_data(draft, recipients="- Các phòng;", legal_bases="Căn cứ của A;")
    client.post(header_url(draft), a)
    refused = client.post(header_url(draft), header_data(draft, recipients="- Sở Nội vụ;"))
    data = posted(refused.content.decode(), "header-form") | {"keep-recipients": "mine"}
    assert client.post(header_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.recipients, draft.legal_bases) == ("- Sở Nội vụ;", "Căn cứ của A;")
