"""Workflow actions from the pages: submit, withdraw, revise, issue, register; the inbox and
its badge. Each action: allowed, refused (403/404, nothing changed), GET refused (405)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import DocumentNumber, IssueMethod, Status
from objectives.models import ObjectiveSet
from tests.files_support import small_pdf
from tests.objectives.views_support import client_for, events, set_with_objectives, snapshot

POST_ONLY = [
    "set_submit",
    "set_withdraw",
    "set_revise",
    "set_return",
    "set_approve",
    "set_publish",
]


@pytest.fixture
def draft(agency, people):
    return set_with_objectives(agency)


def in_status(agency, status, **fields):
    return set_with_objectives(agency, status=status, **fields)


@pytest.mark.parametrize("name", POST_ONLY)
def test_it_refuses_get_on_workflow_actions(people, draft, name):
    response = client_for(people["iso_officer"]).get(reverse(f"objectives:{name}", args=[draft.pk]))
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("role", "expected", "status"),
    [
        ("iso_officer", 302, Status.SUBMITTED),
        ("deputy", 403, Status.DRAFT),
        ("records_officer", 403, Status.DRAFT),
        ("staff", 404, Status.DRAFT),
        ("outsider", 404, Status.DRAFT),
    ],
)
def test_it_submits_for_drafters_only(people, draft, role, expected, status):
    before = snapshot(draft)
    response = client_for(people[role]).post(reverse("objectives:set_submit", args=[draft.pk]))
    assert response.status_code == expected
    draft.refresh_from_db()
    assert draft.status == status
    if expected != 302:
        assert snapshot(draft) == before and events(draft) == []
    else:
        assert response.url == reverse("objectives:set_review", args=[draft.pk])
        assert events(draft) == ["submit"]


def test_it_says_why_a_submitted_set_cannot_be_submitted_again(people, agency):
    submitted = in_status(agency, Status.SUBMITTED)
    client = client_for(people["iso_officer"])
    response = client.post(reverse("objectives:set_submit", args=[submitted.pk]), follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages and "Chờ duyệt" in messages[0]


def test_it_withdraws_a_draft(people, draft):
    client = client_for(people["iso_officer"])
    assert (
        client_for(people["head"])
        .post(reverse("objectives:set_withdraw", args=[draft.pk]))
        .status_code
        == 403
    )
    response = client.post(reverse("objectives:set_withdraw", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN


def test_it_creates_a_revision_of_an_issued_set(agency, people):
    issued = in_status(agency, Status.ISSUED, number=5, symbol="QĐ-VP", issued_on=date(2025, 1, 2))
    assert (
        client_for(people["deputy"])
        .post(reverse("objectives:set_revise", args=[issued.pk]))
        .status_code
        == 403
    )
    response = client_for(people["iso_officer"]).post(
        reverse("objectives:set_revise", args=[issued.pk])
    )
    revision = ObjectiveSet.objects.get(revises=issued)
    assert response.url == reverse("objectives:set_edit", args=[revision.pk])
    assert (revision.revision, revision.status) == (1, Status.DRAFT)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("records_officer", 200),
        ("iso_officer", 403),
        ("deputy", 403),
        ("staff", 404),
        ("outsider", 404),
    ],
)
def test_it_offers_the_issue_page_to_the_records_officer(agency, people, role, expected):
    approved = in_status(agency, Status.APPROVED, signing_lines=["CHÁNH VĂN PHÒNG"])
    response = client_for(people[role]).get(reverse("objectives:set_issue", args=[approved.pk]))
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert 'name="number" value="1"' in html and "MTCL" not in html  # no invented symbol
        assert reverse("objectives:set_preview", args=[approved.pk]) in html


def test_it_suggests_the_next_free_number(agency, people):
    approved = in_status(agency, Status.APPROVED, form="decision")
    other = in_status(agency, Status.ISSUED, year=2023)
    today = date.today()
    DocumentNumber.objects.create(
        agency=agency, symbol="QĐ-VP", year=today.year, number=41, document=other, issued_on=today
    )
    response = client_for(people["records_officer"]).get(
        reverse("objectives:set_issue", args=[approved.pk])
    )
    assert 'name="number" value="42"' in response.content.decode()


def test_it_issues_an_approved_set(agency, people, fast_render):
    approved = in_status(agency, Status.APPROVED, signing_lines=["CHÁNH VĂN PHÒNG"])
    client = client_for(people["records_officer"])
    data = {"number": "7", "symbol": "QĐ-VP", "issued_on": date.today().strftime("%d/%m/%Y")}
    response = client.post(reverse("objectives:set_issue", args=[approved.pk]), data)
    assert response.status_code == 302
    approved.refresh_from_db()
    assert (approved.status, approved.number, approved.symbol) == (Status.ISSUED, 7, "QĐ-VP")
    assert approved.issued_file.name and approved.verification_code
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert messages == ["Đã ban hành văn bản số 07/QĐ-VP."]


def test_it_keeps_the_issue_form_when_the_number_is_taken(agency, people, fast_render):
    approved = in_status(agency, Status.APPROVED, signing_lines=["CHÁNH VĂN PHÒNG"])
    other = in_status(agency, Status.ISSUED, year=2023)
    today = date.today()
    DocumentNumber.objects.create(
        agency=agency, symbol="QĐ-VP", year=today.year, number=7, document=other, issued_on=today
    )
    before = snapshot(approved)
    data = {"number": "7", "symbol": "QĐ-VP", "issued_on": today.strftime("%d/%m/%Y")}
    response = client_for(people["records_officer"]).post(
        reverse("objectives:set_issue", args=[approved.pk]), data
    )
    assert response.status_code == 400
    assert 'name="number" value="7"' in response.content.decode()
    assert snapshot(approved) == before


def test_it_refuses_to_issue_a_set_that_is_not_approved(people, draft):
    before = snapshot(draft)
    data = {"number": "7", "symbol": "QĐ-VP", "issued_on": date.today().strftime("%d/%m/%Y")}
    response = client_for(people["records_officer"]).post(
        reverse("objectives:set_issue", args=[draft.pk]), data
    )
    assert response.status_code == 302
    assert snapshot(draft) == before


def test_it_registers_a_document_issued_outside(agency, people):
    approved = in_status(agency, Status.APPROVED)
    upload = SimpleUploadedFile("mtcl.pdf", small_pdf(), content_type="application/pdf")
    data = {
        "number": "9",
        "symbol": "QĐ-VP",
        "issued_on": date.today().strftime("%d/%m/%Y"),
        "uploaded_file": upload,
    }
    client = client_for(people["records_officer"])
    assert client.get(reverse("objectives:set_register", args=[approved.pk])).status_code == 200
    response = client.post(reverse("objectives:set_register", args=[approved.pk]), data)
    assert response.status_code == 302
    approved.refresh_from_db()
    assert (approved.status, approved.issue_method) == (Status.ISSUED, IssueMethod.REGISTERED)


def test_it_refuses_an_upload_that_is_not_a_pdf(agency, people):
    approved = in_status(agency, Status.APPROVED)
    upload = SimpleUploadedFile("mtcl.pdf", b"not a pdf", content_type="application/pdf")
    data = {"number": "9", "symbol": "QĐ-VP", "issued_on": "01/02/2025", "uploaded_file": upload}
    before = snapshot(approved)
    response = client_for(people["records_officer"]).post(
        reverse("objectives:set_register", args=[approved.pk]), data
    )
    assert response.status_code == 400
    assert snapshot(approved) == before


def test_it_lists_the_inbox_with_a_badge(agency, people, outsider_agency):
    submitted = in_status(agency, Status.SUBMITTED)
    approved = in_status(agency, Status.APPROVED, year=2024)
    in_status(outsider_agency, Status.SUBMITTED)
    deputy = client_for(people["deputy"]).get(reverse("objectives:inbox"))
    assert deputy.context["documents"] == [submitted]
    assert 'data-testid="inbox-badge">1<' in deputy.content.decode()
    records = client_for(people["records_officer"]).get(reverse("objectives:inbox"))
    assert records.context["documents"] == [approved]
    assert client_for(people["iso_officer"]).get(reverse("objectives:inbox")).status_code == 403


@pytest.mark.parametrize(
    ("role", "expected"), [("iso_officer", 403), ("staff", 404), ("outsider", 404)]
)
def test_it_refuses_the_register_page_to_others(agency, people, role, expected):
    approved = in_status(agency, Status.APPROVED)
    before = snapshot(approved)
    client = client_for(people[role])
    url = reverse("objectives:set_register", args=[approved.pk])
    assert client.get(url).status_code == expected
    data = {"number": "9", "symbol": "QĐ-VP", "issued_on": "01/02/2025"}
    assert client.post(url, data).status_code == expected
    assert snapshot(approved) == before


@pytest.mark.parametrize("role", ["staff", "outsider"])
def test_it_hides_withdraw_and_revise_from_strangers(agency, people, draft, role):
    issued = in_status(agency, Status.ISSUED, year=2023)
    client = client_for(people[role])
    assert client.post(reverse("objectives:set_withdraw", args=[draft.pk])).status_code == 404
    assert client.post(reverse("objectives:set_revise", args=[issued.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not ObjectiveSet.objects.filter(revises=issued).exists()


@pytest.mark.parametrize(
    ("role", "expected", "status"),
    [
        ("iso_officer", 302, Status.PUBLISHED),
        ("head", 302, Status.PUBLISHED),
        ("records_officer", 403, Status.ISSUED),
        ("deputy", 403, Status.ISSUED),
        ("staff", 404, Status.ISSUED),
        ("outsider", 404, Status.ISSUED),
    ],
)
def test_it_publishes_an_issued_set(agency, people, role, expected, status):
    issued = in_status(agency, Status.ISSUED, number=3, symbol="QĐ-VP", issued_on=date(2025, 1, 2))
    client = client_for(people[role])
    response = client.post(reverse("objectives:set_publish", args=[issued.pk]))
    assert response.status_code == expected
    issued.refresh_from_db()
    assert issued.status == status
    if expected == 302:
        messages = [str(m) for m in client.get(response.url).context["messages"]]
        assert messages[0].startswith("Đã công bố")
        assert events(issued) == ["publish"]


def test_it_offers_publishing_on_the_page_of_an_issued_set(agency, people):
    issued = in_status(agency, Status.ISSUED, number=3, symbol="QĐ-VP", issued_on=date(2025, 1, 2))
    html = client_for(people["iso_officer"]).get(issued.get_absolute_url()).content.decode()
    assert 'data-testid="publish-set"' in html
    html = client_for(people["records_officer"]).get(issued.get_absolute_url()).content.decode()
    assert 'data-testid="publish-set"' not in html
