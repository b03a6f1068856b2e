"""The approver approves exactly what will be issued (issue 18): the body of a set (its content,
form, orientation and signing block, documents.body) is hashed at approval; from then on its
content is frozen for services, models and the admin alike, and issuing refuses a body whose
hash is not the approved one."""

import hashlib
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from documents import body, workflow
from documents.models import DocumentNumber, Status
from objectives.models import Objective, ObjectiveSet, Section, Target
from objectives.services import editing
from qms_objectives.errors import WorkflowError
from tests.objectives.views_support import client_for, events, set_with_objectives

ISSUE = {"number": 124, "symbol": "QĐ-VP"}


def _submitted(agency, **fields):
    return set_with_objectives(agency, status=Status.SUBMITTED, **fields)


def _approved(agency, people, **fields):
    objective_set = _submitted(agency, **fields)
    return workflow.document_approve(document=objective_set, actor=people["head"])


def _state(objective_set) -> dict:
    """Everything issuing or an edit could change, read from the database."""
    fresh = ObjectiveSet.objects.get(pk=objective_set.pk)
    return {
        "status": fresh.status,
        "version": fresh.version,
        "number": fresh.number,
        "issued_file": fresh.issued_file.name,
        "verification_code": fresh.verification_code,
        "preamble": fresh.preamble,
        "approved_body_sha256": fresh.approved_body_sha256,
        "objectives": list(Objective.objects.filter(objective_set=fresh).values_list("content")),
        "targets": list(
            Target.objects.filter(objective__objective_set=fresh).values_list("value", "wording")
        ),
        "events": events(fresh),
        "numbers": DocumentNumber.objects.count(),
    }


# --- the body and its hash ----------------------------------------------------------------------


def test_the_hash_is_stable_and_blind_to_what_is_not_content(agency):
    objective_set = _submitted(agency)
    first = body.body_sha256(objective_set)
    assert body.body_sha256(ObjectiveSet.objects.get(pk=objective_set.pk)) == first
    assert first == hashlib.sha256(body.body_of(objective_set)).hexdigest()
    ObjectiveSet.objects.filter(pk=objective_set.pk).update(
        status=Status.APPROVED, version=9, return_comment="x", template_key="k"
    )
    assert body.body_sha256(ObjectiveSet.objects.get(pk=objective_set.pk)) == first
    # A target stored as 96 or 96.0000 is the same number.
    Target.objects.filter(objective__objective_set=objective_set).update(value=Decimal("91.0"))
    again = body.body_sha256(objective_set)
    Target.objects.filter(objective__objective_set=objective_set).update(value=Decimal("91"))
    assert body.body_sha256(objective_set) == again


@pytest.mark.parametrize(
    "change",
    [
        lambda s: ObjectiveSet.objects.filter(pk=s.pk).update(form="table"),
        lambda s: ObjectiveSet.objects.filter(pk=s.pk).update(orientation="landscape"),
        lambda s: ObjectiveSet.objects.filter(pk=s.pk).update(recipients="- Sở Nội vụ"),
        lambda s: ObjectiveSet.objects.filter(pk=s.pk).update(signing_lines=["KT. X", "PHÓ X"]),
        lambda s: Section.objects.filter(objective_set=s).update(title="II. Khác:"),
        lambda s: Objective.objects.filter(objective_set=s, order=1).update(content="Khác."),
        lambda s: Objective.objects.filter(objective_set=s, order=1).update(order=9),
        lambda s: Target.objects.filter(objective__objective_set=s).update(wording="≥ 1%"),
    ],
    ids=["form", "orientation", "recipients", "signing", "section", "content", "order", "target"],
)
def test_every_content_change_changes_the_hash(agency, change):
    objective_set = _submitted(agency)
    before = body.body_sha256(objective_set)
    change(objective_set)
    assert body.body_sha256(ObjectiveSet.objects.get(pk=objective_set.pk)) != before


def test_a_supporting_unit_is_content(agency, department):
    objective_set = _submitted(agency)
    before = body.body_sha256(objective_set)
    Objective.objects.filter(objective_set=objective_set).first().supporting_units.add(department)
    assert body.body_sha256(objective_set) != before


# --- approval records it; a return forgets it ---------------------------------------------------


def test_approval_records_the_hash_of_the_body_with_its_signing_block(agency, people):
    objective_set = _submitted(agency)
    before_approval = body.body_sha256(objective_set)
    approved = workflow.document_approve(document=objective_set, actor=people["deputy"])
    approved.refresh_from_db()
    assert approved.signing_lines[0].startswith("KT. ")
    assert approved.approved_body_sha256 == body.body_sha256(approved)
    assert approved.approved_body_sha256 != before_approval  # the deputy's block is in it

    workflow.document_return(document=approved, actor=people["head"], comment="Sửa lại.")
    approved.refresh_from_db()
    assert approved.approved_body_sha256 == ""


# --- content is frozen from approval on ----------------------------------------------------------


def test_an_editing_service_is_refused_after_approval_and_changes_nothing(agency, people):
    objective_set = _approved(agency, people)
    before = _state(objective_set)
    objective = Objective.objects.filter(objective_set=objective_set).first()
    with pytest.raises(WorkflowError):
        editing.objective_update(
            objective=objective,
            actor=people["iso_officer"],
            version=objective.version,
            fields={"content": "Đổi sau khi duyệt."},
        )
    with pytest.raises(WorkflowError):
        editing.set_header_update(
            objective_set=objective_set,
            actor=people["iso_officer"],
            version=objective_set.version,
            fields={"preamble": "Đổi sau khi duyệt."},
        )
    assert _state(objective_set) == before


@pytest.mark.parametrize("model", ["set", "section", "objective", "target"])
def test_a_model_save_or_delete_is_refused_after_approval(agency, people, model):
    """The backstop every other path meets (the admin's forms save through it)."""
    objective_set = _approved(agency, people)
    before = _state(objective_set)
    instance = {
        "set": lambda: ObjectiveSet.objects.get(pk=objective_set.pk),
        "section": lambda: Section.objects.get(objective_set=objective_set),
        "objective": lambda: Objective.objects.filter(objective_set=objective_set).first(),
        "target": lambda: Target.objects.filter(objective__objective_set=objective_set).first(),
    }[model]()
    with pytest.raises(WorkflowError) as refusal:
        instance.save()
    assert refusal.value.code == "approved"
    with pytest.raises(WorkflowError):
        instance.delete()
    assert _state(objective_set) == before


def test_the_admin_cannot_change_an_approved_set(agency, people, django_user_model):
    objective_set = _approved(agency, people)
    before = _state(objective_set)
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "x")
    client = Client()
    client.force_login(admin)
    url = f"/admin/objectives/objectiveset/{objective_set.pk}/change/"
    response = client.post(url, {"preamble": "Đổi trong trang quản trị.", "form": "table"})
    assert response.status_code == 403
    objective = Objective.objects.filter(objective_set=objective_set).first()
    response = client.post(
        f"/admin/objectives/objective/{objective.pk}/change/", {"content": "Đổi."}
    )
    assert response.status_code == 403
    assert _state(objective_set) == before


def test_the_workflow_still_moves_an_approved_set(agency, people, fast_render):
    """Only content is frozen: returning and issuing write their own fields."""
    objective_set = _approved(agency, people)
    workflow.document_issue(
        document=objective_set, actor=people["records_officer"], issued_on=_today(), **ISSUE
    )
    assert ObjectiveSet.objects.get(pk=objective_set.pk).status == Status.ISSUED


# --- issuing checks the approved body ------------------------------------------------------------


def _today():
    return timezone.localdate()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: Objective.objects.filter(objective_set=s).update(content="Đã sửa lén."),
        lambda s: ObjectiveSet.objects.filter(pk=s.pk).update(preamble="Đã sửa lén."),
        lambda s: Target.objects.filter(objective__objective_set=s).update(wording="≥ 1%"),
    ],
    ids=["objective", "header", "target"],
)
@pytest.mark.parametrize("how", ["issue", "prepare_external"])
def test_issuing_refuses_a_body_changed_behind_the_services_back(
    agency, people, fast_render, tamper, how
):
    objective_set = _approved(agency, people)
    tamper(objective_set)
    before = _state(objective_set)
    service = {
        "issue": workflow.document_issue,
        "prepare_external": workflow.document_prepare_external,
    }[how]
    with pytest.raises(WorkflowError) as refusal:
        service(
            document=objective_set,
            actor=people["records_officer"],
            issued_on=_today(),
            **ISSUE,
        )
    assert refusal.value.code == "body_changed"
    assert "thay đổi sau khi được duyệt" in refusal.value.message
    assert _state(objective_set) == before


def test_the_issue_page_says_why_and_issues_nothing(agency, people, fast_render):
    objective_set = _approved(agency, people)
    Objective.objects.filter(objective_set=objective_set).update(content="Đã sửa lén.")
    before = _state(objective_set)
    client = client_for(people["records_officer"])
    url = f"/sets/{objective_set.pk}/issue/"
    page = client.get(url)
    assert 'data-testid="body-changed"' in page.content.decode()
    today = _today().strftime("%d/%m/%Y")
    response = client.post(url, {"number": 124, "symbol": "QĐ-VP", "issued_on": today})
    assert response.status_code == 400
    assert "thay đổi sau khi được duyệt" in response.content.decode()
    assert _state(objective_set) == before
