"""The editor page and its header form: who may open them, versioned saves, validation."""

import pytest
from django.urls import reverse

from documents.models import Status
from tests.objectives.views_support import client_for, set_with_objectives, snapshot

# For a Draft of the whole agency: drafters edit; approvers and the records officer see the set
# but may not edit it (403); everyone else must not learn it exists (404).
EDITOR_MATRIX = [
    ("iso_officer", 200),
    ("head", 403),
    ("deputy", 403),
    ("records_officer", 403),
    ("department_head", 404),
    ("staff", 404),
    ("administrator", 404),
    ("outsider", 404),
]


@pytest.fixture
def draft(agency, people):
    """A Draft of the whole agency: one section, three objectives with a target each."""
    return set_with_objectives(agency)


def header_data(objective_set, **changes) -> dict:
    data = {
        "version": objective_set.version,
        "form": objective_set.form,
        "orientation": objective_set.orientation,
        "iso_standard": objective_set.iso_standard,
        "title": objective_set.title,
        "preamble": objective_set.preamble,
        "set_measures_intro": "",
        "set_measures": "",
        "closing_text": "",
        "decision_subject": "",
        "issuing_authority": "",
        "legal_bases": "",
        "articles": "",
        "annex_reference": "",
        "recipients": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(("role", "expected"), EDITOR_MATRIX)
def test_it_opens_the_editor_only_for_drafters(people, draft, role, expected):
    response = client_for(people[role]).get(reverse("objectives:set_edit", args=[draft.pk]))
    assert response.status_code == expected


def test_it_lists_sections_and_objectives_compactly(people, draft):
    response = client_for(people["iso_officer"]).get(
        reverse("objectives:set_edit", args=[draft.pk])
    )
    html = response.content.decode()
    assert "I. Đối với cơ quan:" in html
    assert html.count('data-testid="objective-row"') == 3
    assert "≥ 92%" in html
    assert "hx-get" in html and "<script>" not in html.split("</head>")[1]


def test_it_sends_the_department_head_to_their_own_departments_set(agency, department, people):
    own = set_with_objectives(agency, department=department)
    response = client_for(people["department_head"]).get(
        reverse("objectives:set_edit", args=[own.pk])
    )
    assert response.status_code == 200


def test_it_does_not_edit_a_submitted_set(people, draft):
    draft.status = Status.SUBMITTED
    draft.save()
    response = client_for(people["iso_officer"]).get(
        reverse("objectives:set_edit", args=[draft.pk])
    )
    assert response.status_code == 302
    assert response.url == draft.get_absolute_url()


@pytest.mark.parametrize("count", [5, 30])
def test_it_renders_the_editor_in_a_fixed_number_of_queries(
    agency, people, count, django_assert_max_num_queries
):
    objective_set = set_with_objectives(agency, count=count)
    client = client_for(people["iso_officer"])
    with django_assert_max_num_queries(9):
        response = client.get(reverse("objectives:set_edit", args=[objective_set.pk]))
    assert response.content.decode().count('data-testid="objective-row"') == count


def test_it_saves_the_header_and_bumps_its_version(people, draft):
    client = client_for(people["iso_officer"])
    url = reverse("objectives:set_header", args=[draft.pk])
    data = header_data(
        draft,
        title="Mục tiêu chất lượng năm 2025",
        recipients="- Ban Giám đốc;\n- Lưu: VT, HCTC.",
        legal_bases="Căn cứ Quyết định số 19/2014/QĐ-TTg;",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Mục tiêu chất lượng năm 2025"
    assert draft.recipients.endswith("Lưu: VT, HCTC.")
    assert draft.version == 2
    assert draft.history.count() >= 2
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert messages == ["Đã lưu phần đầu và phần cuối văn bản."]


def test_it_refuses_a_stale_header_and_keeps_the_input(people, draft):
    client = client_for(people["iso_officer"])
    url = reverse("objectives:set_header", args=[draft.pk])
    stale = header_data(draft, title="Bản của người thứ hai")
    client.post(url, header_data(draft, title="Bản của người thứ nhất"))
    response = client.post(url, stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "vừa được người khác thay đổi" in html
    assert 'value="Bản của người thứ hai"' in html
    assert f'name="version" value="{draft.version + 1}"' in html
    draft.refresh_from_db()
    assert draft.title == "Bản của người thứ nhất"


def test_it_keeps_everything_typed_when_the_header_is_invalid(people, draft):
    client = client_for(people["iso_officer"])
    before = snapshot(draft)
    data = header_data(draft, form="poster", preamble="Lời mở đầu đã gõ")
    response = client.post(reverse("objectives:set_header", args=[draft.pk]), data)
    assert response.status_code == 400
    assert "Lời mở đầu đã gõ" in response.content.decode()
    assert snapshot(draft) == before


@pytest.mark.parametrize("role", ["head", "records_officer", "outsider"])
def test_it_refuses_header_changes_from_others(people, draft, role):
    before = snapshot(draft)
    response = client_for(people[role]).post(
        reverse("objectives:set_header", args=[draft.pk]), header_data(draft, title="X")
    )
    assert response.status_code in (403, 404)
    assert snapshot(draft) == before


def test_it_refuses_a_header_edit_once_submitted(people, draft):
    client = client_for(people["iso_officer"])
    data = header_data(draft, title="Sửa sau khi đã gửi")
    draft.status = Status.SUBMITTED
    draft.save()
    before = snapshot(draft)
    response = client.post(reverse("objectives:set_header", args=[draft.pk]), data)
    assert response.status_code == 302
    assert snapshot(draft) == before


def test_it_serves_a_watermarked_preview_to_whoever_sees_the_set(people, draft, monkeypatch):
    calls = []

    def fake_render(objective_set, *, final):
        calls.append(final)
        return b"%PDF-1.7 preview"

    monkeypatch.setattr("objectives.views.editor.render_set", fake_render)
    url = reverse("objectives:set_preview", args=[draft.pk])
    response = client_for(people["deputy"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert calls == [False]
    assert client_for(people["outsider"]).get(url).status_code == 404
    assert client_for(people["staff"]).get(url).status_code == 404
