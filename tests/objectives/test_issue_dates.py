"""The date of a document (issue 18): one signed in the app is dated on or after its approval and
never in the future, the refusal shown next to the date field; one signed on paper or outside the
app keeps its real date, which may be earlier. Approving and issuing ask for confirmation."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from documents import workflow
from documents.models import IssueMethod, Status
from qms_objectives.errors import WorkflowError
from tests.files_support import small_pdf
from tests.objectives.views_support import client_for, set_with_objectives, snapshot

TODAY = timezone.localdate()
APPROVED_ON = TODAY - datetime.timedelta(days=3)


def _approved(agency):
    approved_at = timezone.make_aware(datetime.datetime.combine(APPROVED_ON, datetime.time(9)))
    return set_with_objectives(
        agency,
        status=Status.APPROVED,
        signing_lines=["CHÁNH VĂN PHÒNG"],
        approved_at=approved_at,
    )


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _field_error(response, field: str) -> str:
    """The error text shown with a field of the form (crispy: after the input)."""
    tree = lxml_html.fromstring(response.content.decode())
    return " ".join(
        node.text_content().strip() for node in tree.xpath(f'//*[@id="error_1_id_{field}"]')
    )


@pytest.mark.parametrize("view", ["objectives:set_issue", "objectives:set_prepare_external"])
def test_a_document_signed_in_the_app_is_not_dated_before_its_approval(
    agency, people, fast_render, view
):
    approved = _approved(agency)
    before = snapshot(approved)
    data = {
        "number": "7",
        "symbol": "QĐ-VP",
        "issued_on": _date(APPROVED_ON - datetime.timedelta(1)),
    }

    response = client_for(people["records_officer"]).post(reverse(view, args=[approved.pk]), data)

    assert response.status_code == 400
    assert "không được trước ngày duyệt" in _field_error(response, "issued_on")
    assert _date(APPROVED_ON) in _field_error(response, "issued_on")
    assert snapshot(approved) == before


def test_the_day_of_approval_and_today_are_both_fine(agency, people, fast_render):
    for day in (APPROVED_ON, TODAY):
        approved = _approved(agency)
        document = workflow.document_issue(
            document=approved,
            actor=people["records_officer"],
            number=None,
            symbol="",
            issued_on=day,
        )
        assert (document.status, document.issued_on) == (Status.ISSUED, day)


@pytest.mark.parametrize("view", ["objectives:set_issue", "objectives:set_register"])
def test_no_document_is_dated_in_the_future(agency, people, fast_render, view):
    approved = _approved(agency)
    before = snapshot(approved)
    upload = SimpleUploadedFile("mtcl.pdf", small_pdf(), content_type="application/pdf")
    data = {
        "number": "7",
        "symbol": "QĐ-VP",
        "issued_on": _date(TODAY + datetime.timedelta(days=1)),
        "uploaded_file": upload,
    }

    response = client_for(people["records_officer"]).post(reverse(view, args=[approved.pk]), data)

    assert response.status_code == 400
    assert _field_error(response, "issued_on")
    assert snapshot(approved) == before


def test_the_service_refuses_a_future_date_too(agency, people, fast_render):
    approved = _approved(agency)
    with pytest.raises(WorkflowError) as refusal:
        workflow.document_issue(
            document=approved,
            actor=people["records_officer"],
            number=None,
            symbol="",
            issued_on=TODAY + datetime.timedelta(days=1),
        )
    assert (refusal.value.code, refusal.value.field) == ("date_future", "issued_on")


def test_a_document_signed_on_paper_keeps_its_earlier_date(agency, people):
    approved = _approved(agency)
    earlier = datetime.date(TODAY.year - 1, 3, 2)
    upload = SimpleUploadedFile("mtcl.pdf", small_pdf(), content_type="application/pdf")
    data = {"number": "9", "symbol": "QĐ-VP", "issued_on": _date(earlier), "uploaded_file": upload}

    response = client_for(people["records_officer"]).post(
        reverse("objectives:set_register", args=[approved.pk]), data
    )

    assert response.status_code == 302
    approved.refresh_from_db()
    assert (approved.status, approved.issue_method) == (Status.ISSUED, IssueMethod.REGISTERED)
    assert approved.issued_on == earlier


def test_approving_and_issuing_ask_for_confirmation(agency, people):
    submitted = set_with_objectives(agency, status=Status.SUBMITTED, year=2027)
    review = client_for(people["head"]).get(reverse("objectives:set_review", args=[submitted.pk]))
    tree = lxml_html.fromstring(review.content.decode())
    action = reverse("objectives:set_approve", args=[submitted.pk])
    approve = tree.xpath(f'//form[@action="{action}"]')
    assert approve and "Duyệt" in approve[0].get("data-confirm", "")

    approved = _approved(agency)
    issue = client_for(people["records_officer"]).get(
        reverse("objectives:set_issue", args=[approved.pk])
    )
    form = lxml_html.fromstring(issue.content.decode()).xpath('//form[@data-testid="issue-form"]')
    assert form and "Ban hành" in form[0].get("data-confirm", "")
