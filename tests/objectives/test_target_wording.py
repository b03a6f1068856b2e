"""The target's number and its words stay in step (issue 18): a wording that is only what the
old number printed follows the new number; a drafter's own wording stays, and the editor warns
(without blocking) where a text names a percentage the targets do not have."""

from decimal import Decimal

from django.urls import reverse

from objectives.printing.rows import target_wording
from objectives.wording import figure_warnings
from tests.factories import ObjectiveSetFactory
from tests.objectives.test_views_objectives import HTMX, objective_data
from tests.objectives.views_support import client_for


def _objective(agency, *, content, wording):
    draft = ObjectiveSetFactory(agency=agency, with_objectives=1)
    objective = draft.objectives.get()
    objective.content = content
    objective.save()
    target = objective.targets.get()
    target.value, target.unit, target.wording = Decimal(96), "%", wording
    target.save()
    return objective


def _raise_to_97(client, objective):
    data = objective_data(objective, **{"targets-0-value": "97"})
    url = reverse("objectives:objective_edit", args=[objective.pk])
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    return objective.targets.get()


def test_a_wording_the_number_made_follows_the_new_number(agency, people):
    objective = _objective(agency, content="Giải quyết hồ sơ đúng hạn.", wording="≥ 96%")
    target = _raise_to_97(client_for(people["iso_officer"]), objective)
    assert target.value == Decimal(97)
    assert target_wording(target) == "≥ 97%"


def test_the_drafters_own_wording_stays_and_the_editor_warns(agency, people):
    objective = _objective(agency, content="Giải quyết hồ sơ đúng hạn.", wording="ít nhất 96%")
    client = client_for(people["iso_officer"])
    target = _raise_to_97(client, objective)
    assert (target.value, target.wording) == (Decimal(97), "ít nhất 96%")
    page = client.get(reverse("objectives:set_edit", args=[objective.objective_set_id]))
    html = page.content.decode()
    assert 'data-testid="figure-warning"' in html
    assert "Cách ghi “ít nhất 96%” nêu 96% nhưng giá trị chỉ tiêu là 97%." in html


def test_the_editor_warns_when_the_objectives_text_names_another_figure(agency, people):
    objective = _objective(agency, content="Tỷ lệ hồ sơ đúng hạn đạt ít nhất 96%.", wording="≥ 96%")
    client = client_for(people["iso_officer"])
    assert figure_warnings(objective) == []
    _raise_to_97(client, objective)
    objective.refresh_from_db()
    assert figure_warnings(objective) == ["Nội dung mục tiêu nêu 96% nhưng chỉ tiêu đang là 97%."]
    html = client.get(reverse("objectives:set_edit", args=[objective.objective_set_id])).content
    assert "Nội dung mục tiêu nêu 96% nhưng chỉ tiêu đang là 97%." in html.decode()


def test_a_wording_changed_with_the_number_is_the_drafters_choice(agency, people):
    objective = _objective(agency, content="Giải quyết hồ sơ đúng hạn.", wording="≥ 96%")
    data = objective_data(
        objective, **{"targets-0-value": "97", "targets-0-wording": "không dưới 97%"}
    )
    client_for(people["iso_officer"]).post(
        reverse("objectives:objective_edit", args=[objective.pk]), data, **HTMX
    )
    assert objective.targets.get().wording == "không dưới 97%"
