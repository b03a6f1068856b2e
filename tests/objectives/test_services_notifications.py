"""Who hears of a transition: queued after commit, never sent inside the request."""

import pytest

from agencies.models import Membership
from documents import workflow
from documents.models import Status
from notifications.models import Notification, OutboundEmail
from qms_objectives.errors import WorkflowError
from tests.objectives.services_support import make_set


def _told(callbacks_context, action):
    with callbacks_context(execute=True) as callbacks:
        action()
        assert Notification.objects.count() == 0  # nothing before the commit
    assert callbacks
    return sorted(n.user.username for n in Notification.objects.all())


def test_it_tells_the_approvers_of_a_submission(people, agency, django_capture_on_commit_callbacks):
    document = make_set(agency)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_submit(document=document, actor=people["iso_officer"]),
    )
    assert told == ["deputy", "head"]
    mail = OutboundEmail.objects.get(to=["head@example.gov.vn"])
    assert mail.state == OutboundEmail.State.SENT  # sent in process once the submission committed
    assert "gửi duyệt" in mail.subject
    assert Notification.objects.first().url == document.get_absolute_url()


def test_it_tells_the_drafters_of_a_return(
    people, agency, department, django_capture_on_commit_callbacks
):
    agency_set = make_set(agency, status=Status.SUBMITTED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_return(
            document=agency_set, actor=people["head"], comment="Bổ sung chỉ tiêu."
        ),
    )
    assert told == ["iso_officer"]
    assert "Bổ sung chỉ tiêu." in Notification.objects.get().message
    Notification.objects.all().delete()
    department_set = make_set(agency, department=department, status=Status.SUBMITTED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_return(
            document=department_set, actor=people["head"], comment="Sửa."
        ),
    )
    assert told == ["department_head", "iso_officer"]


def test_it_tells_drafters_and_records_officers_of_an_approval(
    people, agency, django_capture_on_commit_callbacks
):
    document = make_set(agency, status=Status.SUBMITTED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_approve(document=document, actor=people["deputy"]),
    )
    assert told == ["iso_officer", "records_officer"]
    assert "cấp số" in Notification.objects.get(user=people["records_officer"]).message


def test_it_tells_the_approvers_who_issue_where_nobody_is_records_officer(
    people, agency, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=people["records_officer"]).update(is_active=False)
    document = make_set(agency, status=Status.SUBMITTED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_approve(document=document, actor=people["deputy"]),
    )
    assert told == ["head", "iso_officer"]
    assert "cấp số" in Notification.objects.get(user=people["head"]).message
    assert "cấp số" not in Notification.objects.get(user=people["iso_officer"]).message


def test_it_tells_the_whole_agency_of_a_publication(
    people, agency, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=people["administrator"]).update(is_active=False)
    document = make_set(agency, status=Status.ISSUED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_publish(document=document, actor=people["iso_officer"]),
    )
    assert told == ["department_head", "deputy", "head", "records_officer", "staff"]
    assert OutboundEmail.objects.count() == 5


def test_it_tells_only_the_department_of_its_publication(
    people, agency, department, django_capture_on_commit_callbacks
):
    document = make_set(agency, department=department, status=Status.ISSUED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_publish(document=document, actor=people["head"]),
    )
    assert told == ["department_head", "staff"]


def test_it_tells_nobody_of_a_refused_action(people, agency, django_capture_on_commit_callbacks):
    document = make_set(agency)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(WorkflowError),
    ):
        workflow.document_submit(document=document, actor=people["staff"])
    assert callbacks == []
    assert Notification.objects.count() == OutboundEmail.objects.count() == 0
