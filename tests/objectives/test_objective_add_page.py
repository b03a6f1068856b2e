"""Adding an objective at its own address (issue 19, finding 11): the page opened directly gave
no feedback and kept the form filled, so users saved the same objective twice."""

from django.urls import reverse

from objectives.models import Objective
from tests.factories import ObjectiveSetFactory
from tests.objectives.test_views_objectives import HTMX, objective_data
from tests.objectives.views_support import client_for


def test_adding_at_the_objectives_own_page_goes_back_to_the_editor_with_a_message(agency, people):
    draft = ObjectiveSetFactory(agency=agency, with_objectives=1)
    client = client_for(people["iso_officer"])
    url = reverse("objectives:objective_add", args=[draft.pk])
    data = objective_data(Objective(objective_set=draft, content="Không có khiếu nại về thái độ."))

    response = client.post(url, data, HTTP_HX_CURRENT_URL=f"http://testserver{url}", **HTMX)

    assert response.status_code == 204
    editor = reverse("objectives:set_edit", args=[draft.pk])
    assert response["HX-Redirect"] == editor
    assert draft.objectives.filter(content="Không có khiếu nại về thái độ.").count() == 1
    messages = [str(m) for m in client.get(editor).context["messages"]]
    assert messages == ["Đã thêm mục tiêu."]


def test_adding_in_the_editor_still_swaps_the_list(agency, people):
    draft = ObjectiveSetFactory(agency=agency, with_objectives=1)
    client = client_for(people["iso_officer"])
    url = reverse("objectives:objective_add", args=[draft.pk])
    data = objective_data(Objective(objective_set=draft, content="Mục tiêu thêm trong trang soạn."))
    editor = reverse("objectives:set_edit", args=[draft.pk])

    response = client.post(url, data, HTTP_HX_CURRENT_URL=f"http://testserver{editor}", **HTMX)

    assert response.status_code == 200 and response["HX-Retarget"] == "#objective-list"
    assert draft.objectives.count() == 2
