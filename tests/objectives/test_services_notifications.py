"""Who hears of a transition, from the rulebook like the inbox: written after commit, never
inside the request; each told of its own kind, about the document, linked to where they act."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from agencies.models import Membership
from documents import workflow
from documents.models import Status
from notifications import kinds
from notifications.models import Notification, NotificationPreference
from qms_objectives.errors import WorkflowError
from tests.factories import EvaluationReportFactory
from tests.objectives.services_support import make_set


def _told(callbacks_context, action, kind=None):
    with callbacks_context(execute=True) as callbacks:
        action()
        assert Notification.objects.count() == 0  # nothing before the commit
    assert callbacks
    rows = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    return sorted(n.user.username for n in rows)


def test_it_tells_the_approvers_of_a_submission(
    people, agency, django_capture_on_commit_callbacks, mailoutbox
):
    document = make_set(agency)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_submit(document=document, actor=people["iso_officer"]),
    )
    assert told == ["deputy", "head"]
    notice = Notification.objects.get(user=people["head"])
    assert notice.kind == kinds.DOCUMENT_SUBMITTED
    assert notice.target == document
    assert notice.params == {"document": str(document)}
    assert notice.url == document.get_review_url()  # where the approver acts
    mail = next(m for m in mailoutbox if m.to == ["head@example.gov.vn"])
    assert "gửi duyệt" in mail.subject
    assert document.get_review_url() in mail.body


def test_it_tells_the_drafters_of_a_return_with_the_comment(
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
    notice = Notification.objects.get()
    assert notice.kind == kinds.DOCUMENT_RETURNED
    assert "Bổ sung chỉ tiêu." in notice.text
    assert notice.url == agency_set.get_edit_url()
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
    to_issue = Notification.objects.get(user=people["records_officer"])
    assert to_issue.kind == kinds.DOCUMENT_TO_ISSUE and "cấp số" in to_issue.text
    assert to_issue.url == document.get_issue_url()
    assert Notification.objects.get(user=people["iso_officer"]).kind == kinds.DOCUMENT_APPROVED


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
    assert Notification.objects.get(user=people["head"]).kind == kinds.DOCUMENT_TO_ISSUE
    assert Notification.objects.get(user=people["iso_officer"]).kind == kinds.DOCUMENT_APPROVED


@pytest.mark.usefixtures("fast_render")
def test_it_tells_whoever_may_publish_that_an_issued_document_waits(
    people, agency, department, django_capture_on_commit_callbacks
):
    """Before, nobody was told: the head never learnt an issued document waited for them."""
    document = make_set(agency, status=Status.APPROVED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_issue(
            document=document,
            actor=people["records_officer"],
            number=None,
            symbol="QĐ-VP",
            issued_on=timezone.localdate(),
        ),
    )
    assert told == ["head", "iso_officer"]  # the publishers of an agency's document
    notice = Notification.objects.get(user=people["head"])
    assert notice.kind == kinds.DOCUMENT_TO_PUBLISH
    assert notice.url == document.get_absolute_url()  # the page with the publish button

    Notification.objects.all().delete()
    department_set = make_set(agency, department=department, status=Status.APPROVED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_issue(
            document=department_set,
            actor=people["records_officer"],
            number=None,
            symbol="QĐ-VP",
            issued_on=timezone.localdate(),
        ),
    )
    assert told == ["department_head", "head", "iso_officer"]


def test_it_tells_the_whole_agency_of_a_publication(
    people, agency, django_capture_on_commit_callbacks, mailoutbox
):
    Membership.objects.filter(user=people["administrator"]).update(is_active=False)
    document = make_set(agency, status=Status.ISSUED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_publish(document=document, actor=people["iso_officer"]),
    )
    assert told == ["department_head", "deputy", "head", "records_officer", "staff"]
    assert {n.kind for n in Notification.objects.all()} == {kinds.DOCUMENT_PUBLISHED}
    assert Notification.objects.first().url == document.get_reading_url()
    assert len(mailoutbox) == 5


def test_it_tells_only_the_department_of_its_publication(
    people, agency, department, django_capture_on_commit_callbacks
):
    document = make_set(agency, department=department, status=Status.ISSUED)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_publish(document=document, actor=people["head"]),
    )
    assert told == ["department_head", "staff"]


def test_a_revision_names_what_it_replaces_and_the_old_ones_readers_hear_once(
    people, agency, department, django_capture_on_commit_callbacks
):
    old = make_set(agency, status=Status.PUBLISHED, published_at=timezone.now())
    new = make_set(agency, status=Status.ISSUED, revises=old, revision=1)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_publish(document=new, actor=people["iso_officer"]),
    )
    # the same readers: one notice each, naming the document it replaces
    assert len(told) == len(set(told))
    notice = Notification.objects.get(user=people["staff"])
    assert notice.kind == kinds.DOCUMENT_PUBLISHED and str(old) in notice.text


def test_the_readers_of_a_superseded_document_who_do_not_read_the_new_one_are_told(
    people, agency, department, django_capture_on_commit_callbacks
):
    """A department's set published over an agency-wide one of the same department and year
    is impossible, so supersede across readers with a department's revision of its own set
    moved to the agency: the readers of the old (the department) all read the new (everyone);
    the other way round, the agency's readers outside the department hear the old is gone."""
    old = make_set(agency, status=Status.PUBLISHED, published_at=timezone.now())
    new = make_set(agency, status=Status.ISSUED, revises=old, revision=1, department=department)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_publish(document=new, actor=people["iso_officer"]),
        kind=kinds.DOCUMENT_SUPERSEDED,
    )
    assert told == ["administrator", "deputy", "head", "records_officer"]
    notice = Notification.objects.get(user=people["head"], kind=kinds.DOCUMENT_SUPERSEDED)
    assert notice.target == old and str(new) in notice.text
    assert notice.target_type == ContentType.objects.get_for_model(old)


def test_it_tells_nobody_of_a_refused_action(
    people, agency, django_capture_on_commit_callbacks, mailoutbox
):
    document = make_set(agency)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(WorkflowError),
    ):
        workflow.document_submit(document=document, actor=people["staff"])
    assert callbacks == []
    assert Notification.objects.count() == 0 and mailoutbox == []


def test_the_text_is_rendered_in_the_readers_language_and_the_mail_in_vietnamese(
    people, agency, django_capture_on_commit_callbacks, mailoutbox
):
    document = make_set(agency, status=Status.SUBMITTED)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        workflow.document_return(document=document, actor=people["head"], comment="Dòng 1\nDòng 2")
    notice = Notification.objects.get()
    with translation.override("en"):
        assert notice.text.startswith(f"“{document}” was returned")
    with translation.override("vi"):
        assert notice.text.startswith(f"“{document}” bị trả lại")
    [mail] = mailoutbox
    assert mail.subject.startswith(f"“{document}” bị trả lại") and "\n" not in mail.subject
    assert "Dòng 1\nDòng 2" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and "Dòng 1<br>Dòng 2" in html


def test_a_user_who_chose_in_app_only_gets_no_mail_of_that_kind(
    people, agency, django_capture_on_commit_callbacks, mailoutbox
):
    NotificationPreference.objects.create(
        user=people["head"], kind=kinds.DOCUMENT_SUBMITTED, by_mail=False
    )
    NotificationPreference.objects.create(
        user=people["deputy"],
        kind=kinds.DOCUMENT_RETURNED,
        by_mail=False,  # another kind
    )
    document = make_set(agency)
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_submit(document=document, actor=people["iso_officer"]),
    )
    assert told == ["deputy", "head"]  # both still told in the app
    assert [m.to for m in mailoutbox] == [["deputy@example.gov.vn"]]


def test_an_evaluation_report_is_told_the_same_way(
    people, agency, django_capture_on_commit_callbacks
):
    report = EvaluationReportFactory(objective_set=make_set(agency, status=Status.PUBLISHED))
    told = _told(
        django_capture_on_commit_callbacks,
        lambda: workflow.document_submit(document=report, actor=people["iso_officer"]),
    )
    assert told == ["deputy", "head"]
    notice = Notification.objects.get(user=people["head"])
    assert notice.kind == kinds.DOCUMENT_SUBMITTED and notice.target == report
    assert notice.url == report.get_absolute_url()  # its own page holds every step
