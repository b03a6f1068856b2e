"""Versioned edits: one UPDATE … WHERE version = n per save; conflicts, refusals, structure."""

import pytest

from documents.models import Status
from objectives.models import Objective, Section
from objectives.services import editing
from qms_objectives.errors import WorkflowError
from tests.objectives.views_support import set_with_objectives


@pytest.fixture
def draft(agency, people):
    return set_with_objectives(agency)


def objectives_of(objective_set):
    return list(objective_set.objectives.order_by("order"))


def test_it_saves_an_objective_in_one_versioned_update(people, draft):
    objective = objectives_of(draft)[0]
    saved = editing.objective_update(
        objective=objective, actor=people["iso_officer"], version=1, fields={"content": "Mới"}
    )
    assert (saved.content, saved.version) == ("Mới", 2)
    assert saved.history.first().history_user == people["iso_officer"]


def test_it_refuses_a_stale_version_and_changes_nothing(people, draft):
    objective = objectives_of(draft)[0]
    actor = people["iso_officer"]
    editing.objective_update(objective=objective, actor=actor, version=1, fields={"content": "A"})
    with pytest.raises(editing.EditConflict) as refused:
        editing.objective_update(
            objective=objective, actor=actor, version=1, fields={"content": "B"}
        )
    assert refused.value.code == "conflict" and refused.value.current_version == 2
    objective.refresh_from_db()
    assert objective.content == "A"


def test_it_lets_different_objectives_be_saved_from_stale_pages(people, draft):
    one, two, _three = objectives_of(draft)
    actor = people["iso_officer"]
    editing.objective_update(objective=one, actor=actor, version=1, fields={"content": "Một"})
    editing.objective_update(objective=two, actor=actor, version=1, fields={"content": "Hai"})
    assert [o.content for o in objectives_of(draft)][:2] == ["Một", "Hai"]


def test_it_bumps_the_set_version_on_add_move_and_remove(people, draft):
    actor = people["iso_officer"]
    added = editing.objective_add(objective_set=draft, actor=actor, fields={"content": "Thêm"})
    # Unsectioned objectives print first; alone there, it cannot move.
    assert editing.objective_move(objective=added, actor=actor, direction=-1) is False
    first = draft.objectives.filter(section__isnull=False).order_by("order")[0]
    assert editing.objective_move(objective=first, actor=actor, direction=1) is True
    editing.objective_remove(objective=added, actor=actor, version=1)
    draft.refresh_from_db()
    assert draft.version == 4
    assert [o.order for o in objectives_of(draft)] == [1, 2, 3]


def test_a_structure_change_leaves_an_open_header_form_saveable(people, draft):
    """Adding a section bumps the set's version but changes no header field: a header form
    opened before it merges (issue 18) instead of being refused."""
    actor = people["iso_officer"]
    editing.section_add(objective_set=draft, actor=actor, title="II. Phòng:")
    saved = editing.set_header_update(
        objective_set=draft, actor=actor, version=1, fields={"title": "Mục tiêu 2025"}
    )
    assert (saved.title, saved.version) == ("Mục tiêu 2025", 3)


def test_moving_to_another_section_places_the_objective_last_there(people, draft):
    actor = people["iso_officer"]
    second = editing.section_add(objective_set=draft, actor=actor, title="II. Phòng:")
    one = objectives_of(draft)[0]
    moved = editing.objective_update(
        objective=one, actor=actor, version=1, fields={"section": second}
    )
    assert moved.order == 3 and moved.section == second


def test_it_refuses_a_section_of_another_set(agency, people, draft):
    other = set_with_objectives(agency, year=2030)
    foreign = Section.objects.get(objective_set=other)
    with pytest.raises(WorkflowError):
        editing.objective_update(
            objective=objectives_of(draft)[0],
            actor=people["iso_officer"],
            version=1,
            fields={"section": foreign},
        )


def test_removing_a_section_keeps_its_objectives(people, draft):
    editing.section_remove(section=draft.sections.get(), actor=people["iso_officer"])
    assert Objective.objects.filter(objective_set=draft, section__isnull=True).count() == 3


@pytest.mark.parametrize(("role", "code"), [("deputy", "forbidden"), ("outsider", "forbidden")])
def test_it_refuses_non_drafters(people, draft, role, code):
    with pytest.raises(WorkflowError) as refused:
        editing.section_add(objective_set=draft, actor=people[role], title="III.")
    assert refused.value.code == code
    assert draft.sections.count() == 1


def test_it_refuses_every_edit_unless_draft_or_returned(people, draft):
    draft.status = Status.SUBMITTED
    draft.save()
    actor = people["iso_officer"]
    objective = objectives_of(draft)[0]
    attempts = [
        lambda: editing.objective_update(objective=objective, actor=actor, version=1, fields={}),
        lambda: editing.objective_add(objective_set=draft, actor=actor, fields={"content": "X"}),
        lambda: editing.objective_remove(objective=objective, actor=actor, version=1),
        lambda: editing.set_header_update(objective_set=draft, actor=actor, version=1, fields={}),
    ]
    for attempt in attempts:
        with pytest.raises(WorkflowError) as refused:
            attempt()
        assert refused.value.code == "state"
    assert len(objectives_of(draft)) == 3


def test_it_rejects_fields_that_are_not_editable(people, draft):
    with pytest.raises(ValueError):
        editing.set_header_update(
            objective_set=draft, actor=people["iso_officer"], version=1, fields={"status": "issued"}
        )
