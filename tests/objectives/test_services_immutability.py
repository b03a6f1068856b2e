"""From Issued on, a set, its sections, objectives and targets are read-only: ensure_editable
refuses for services and forms, and the models refuse a changed save or a delete."""

import pytest

from documents import workflow
from documents.models import Status
from objectives.models import ObjectiveSet, Section, Target
from qms_objectives.errors import WorkflowError
from tests.factories import ObjectiveFactory, TargetFactory
from tests.objectives.services_support import make_set

FROZEN = [Status.ISSUED, Status.PUBLISHED, Status.SUPERSEDED]


def _parts(document):
    objective = document.objectives.get()
    return [document, objective.section, objective, objective.targets.get()]


@pytest.mark.parametrize("state", FROZEN)
def test_it_refuses_to_edit_anything_of_an_issued_set(agency, state):
    document = make_set(agency, status=state)
    for part in _parts(document):
        with pytest.raises(WorkflowError) as refusal:
            workflow.ensure_editable(part)
        assert refusal.value.code == "frozen"


@pytest.mark.parametrize("state", [Status.SUBMITTED, Status.APPROVED, Status.WITHDRAWN])
def test_it_refuses_to_edit_a_set_waiting_for_approval_or_issue(agency, state):
    document = make_set(agency, status=state)
    with pytest.raises(WorkflowError) as refusal:
        workflow.ensure_editable(document.objectives.get())
    assert refusal.value.code == "state"


@pytest.mark.parametrize("state", [Status.DRAFT, Status.RETURNED])
def test_it_lets_drafts_be_edited(agency, state):
    document = make_set(agency, status=state)
    for part in _parts(document):
        workflow.ensure_editable(part)


def test_it_reads_the_status_from_the_database_not_a_stale_instance(agency):
    document = make_set(agency)
    stale = ObjectiveSet.objects.get(pk=document.pk)
    ObjectiveSet.objects.filter(pk=document.pk).update(status=Status.ISSUED)
    with pytest.raises(WorkflowError):
        workflow.ensure_editable(stale)


@pytest.mark.parametrize("state", FROZEN)
def test_the_models_refuse_to_save_a_change_to_an_issued_set(agency, state):
    document = make_set(agency, status=state, title="Mục tiêu chất lượng năm 2024")
    objective = document.objectives.get()
    section, target = objective.section, objective.targets.get()
    document.title, objective.content = "Khác", "Nội dung khác"
    section.title, target.value = "II. Khác", 50
    for instance, kwargs in (
        (document, {}),
        (document, {"update_fields": ["title"]}),
        (document, {"update_fields": ["status", "preamble"]}),
        (objective, {}),
        (section, {}),
        (target, {}),
    ):
        with pytest.raises(WorkflowError) as refusal:
            instance.save(**kwargs)
        assert refusal.value.code == "frozen"
    document.refresh_from_db()
    objective.refresh_from_db()
    section.refresh_from_db()
    target.refresh_from_db()
    assert document.title == "Mục tiêu chất lượng năm 2024"
    assert objective.content.startswith("Tỷ lệ hồ sơ")
    assert section.title == "I. Đối với cơ quan:"
    assert target.value == 96


@pytest.mark.parametrize("state", FROZEN)
def test_the_models_refuse_to_delete_anything_of_an_issued_set(agency, state):
    document = make_set(agency, status=state)
    objective = document.objectives.get()
    for instance in (objective.targets.get(), objective, objective.section, document):
        with pytest.raises(WorkflowError):
            instance.delete()
    assert ObjectiveSet.objects.filter(pk=document.pk).exists()
    assert Section.objects.filter(objective_set=document).count() == 1
    assert Target.objects.filter(objective__objective_set=document).count() == 1


def test_the_models_let_the_workflow_save_its_own_fields(agency):
    document = make_set(agency, status=Status.PUBLISHED)
    document.status = Status.SUPERSEDED
    document.save(update_fields=["status", "version", "updated_at"])
    document.refresh_from_db()
    assert document.status == Status.SUPERSEDED


def test_the_models_let_drafts_change(agency):
    document = make_set(agency)
    objective = document.objectives.get()
    objective.content = "Nội dung mới"
    objective.save()
    TargetFactory(objective=ObjectiveFactory(objective_set=document)).delete()
    document.title = "Tiêu đề"
    document.save()
    assert ObjectiveSet.objects.get(pk=document.pk).title == "Tiêu đề"


@pytest.mark.parametrize("state", FROZEN)
def test_the_editing_service_refuses_to_change_an_issued_objective(people, agency, state):
    from objectives.services import editing

    document = make_set(agency, status=state)
    objective = document.objectives.get()
    with pytest.raises(WorkflowError) as refusal:
        editing.objective_update(
            objective=objective,
            actor=people["iso_officer"],
            version=objective.version,
            fields={"content": "Nội dung khác"},
        )
    assert refusal.value.code == "frozen"
    objective.refresh_from_db()
    assert objective.content.startswith("Tỷ lệ hồ sơ")
    assert objective.version == 1
