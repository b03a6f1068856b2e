"""The workflow buttons of the evaluation report page (the generic services behind them) with
the role matrix, then the published report as staff read it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from documents import workflow
from documents.models import DocumentNumber, Status
from evaluation.services import report_submit
from tests.monitoring.evaluation_support import YEAR_END
from tests.monitoring.evaluation_views_support import login, refused_as, state


def _url(name, report):
    return reverse(f"evaluation:{name}", args=[report.pk])


def _submitted(report, people):
    return report_submit(report=report, actor=people["iso_officer"])


def _approved(report, people):
    return workflow.document_approve(document=_submitted(report, people), actor=people["head"])


def _issued(report, people):
    return workflow.document_issue(
        document=_approved(report, people),
        actor=people["records_officer"],
        number=3,
        symbol="BC-VP",
        issued_on=YEAR_END,
    )


REFUSED_DRAFTING = [
    ("head", 403),
    ("records_officer", 403),
    ("staff", 404),
    ("outsider", 404),
    ("anonymous", "login"),
]
REFUSED_APPROVING = [
    ("iso_officer", 403),
    ("records_officer", 403),
    ("staff", 404),
    ("outsider", 404),
    ("anonymous", "login"),
]


def test_the_iso_officer_submits(client, people, report):
    login(client, people, "iso_officer")
    response = client.post(_url("submit", report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.figures["objectives"]


@pytest.mark.parametrize(("role", "status"), REFUSED_DRAFTING)
def test_others_cannot_submit(client, people, report, role, status):
    before = state(report)
    login(client, people, role)
    assert refused_as(client.post(_url("submit", report)), status)
    assert state(report) == before


@pytest.mark.parametrize("role", ["head", "deputy"])
def test_approvers_approve(client, people, report, role):
    report = _submitted(report, people)
    login(client, people, role)
    page = client.get(_url("detail", report)).content.decode()
    assert 'data-testid="approve-report"' in page and 'data-testid="return-form"' in page
    assert client.post(_url("approve", report)).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.APPROVED and report.approved_by == people[role]


@pytest.mark.parametrize(("role", "status"), REFUSED_APPROVING)
def test_others_cannot_approve_or_return(client, people, report, role, status):
    report = _submitted(report, people)
    before = state(report)
    login(client, people, role)
    assert refused_as(client.post(_url("approve", report)), status)
    assert refused_as(client.post(_url("return", report), {"comment": "Sửa lại."}), status)
    assert state(report) == before


def test_a_return_needs_a_comment(client, people, report):
    report = _submitted(report, people)
    login(client, people, "deputy")
    before = state(report)
    assert client.post(_url("return", report), {"comment": " "}).status_code == 400
    assert state(report) == before
    response = client.post(_url("return", report), {"comment": "Bổ sung nguyên nhân."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    login(client, people, "iso_officer")
    page = client.get(_url("detail", report)).content.decode()
    assert "Bổ sung nguyên nhân." in page and 'data-testid="report-form"' in page


def test_approving_a_draft_is_refused_with_a_message(client, people, report):
    before = state(report)
    login(client, people, "head")
    response = client.post(_url("approve", report), follow=True)
    assert "Không thể duyệt văn bản đang ở trạng thái" in response.content.decode()
    assert state(report) == before


def test_the_records_officer_issues(client, people, report):
    report = _approved(report, people)
    login(client, people, "records_officer")
    form = client.get(_url("issue", report))
    assert form.status_code == 200
    assert form.context["form"].initial["symbol"] == "BC-VP"
    response = client.post(
        _url("issue", report), {"number": "3", "symbol": "BC-VP", "issued_on": "15/01/2025"}
    )
    assert response.status_code == 302, response.context["form"].errors
    report.refresh_from_db()
    assert report.status == Status.ISSUED and report.number_and_symbol == "03/BC-VP"
    assert report.verification_code and report.issued_sha256


@pytest.mark.parametrize(
    ("role", "status"),
    [("iso_officer", 403), ("head", 403), ("staff", 404), ("anonymous", "login")],
)
def test_others_cannot_issue(client, people, report, role, status):
    report = _approved(report, people)
    before = state(report)
    login(client, people, role)
    assert refused_as(client.get(_url("issue", report)), status)
    data = {"number": "3", "symbol": "BC-VP", "issued_on": "15/01/2025"}
    assert refused_as(client.post(_url("issue", report), data), status)
    assert state(report) == before


def test_a_taken_number_is_refused_on_the_form(client, people, report, agency):
    report = _approved(report, people)
    DocumentNumber.objects.create(
        agency=agency,
        symbol="BC-VP",
        year=2025,
        number=3,
        content_type=ContentType.objects.get_for_model(report),
        object_id=report.pk + 1,
        issued_on=YEAR_END,
    )
    before = state(report)
    login(client, people, "records_officer")
    response = client.post(
        _url("issue", report), {"number": "3", "symbol": "BC-VP", "issued_on": "15/01/2025"}
    )
    assert response.status_code == 400
    assert "đã được cấp cho văn bản khác" in response.content.decode()
    assert state(report) == before


@pytest.mark.parametrize("role", ["iso_officer", "head"])
def test_publishers_publish(client, people, report, role):
    report = _issued(report, people)
    login(client, people, role)
    assert client.post(_url("publish", report)).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("role", "status"),
    [("records_officer", 403), ("deputy", 403), ("staff", 404), ("outsider", 404)],
)
def test_others_cannot_publish(client, people, report, role, status):
    report = _issued(report, people)
    before = state(report)
    login(client, people, role)
    assert refused_as(client.post(_url("publish", report)), status)
    assert state(report) == before


def test_staff_read_the_published_report_and_its_file(client, people, report):
    report = workflow.document_publish(document=_issued(report, people), actor=people["head"])
    login(client, people, "staff")
    page = client.get(_url("detail", report))
    assert page.status_code == 200
    html = page.content.decode()
    assert report.verification_code in html and report.issued_sha256 in html
    assert 'data-testid="report-form"' not in html and 'data-testid="submit-report"' not in html
    file_url = reverse("private_file", args=[report.issued_file.name])
    assert file_url in html
    assert client.get(file_url).status_code == 200
    preview = client.get(_url("preview", report))
    assert preview.status_code == 302 and preview["Location"] == file_url
    assert client.get(_url("xlsx", report)).status_code == 200


def test_an_unpublished_issued_file_is_not_for_staff_or_outsiders(client, people, report):
    report = _issued(report, people)
    file_url = reverse("private_file", args=[report.issued_file.name])
    for role in ("staff", "outsider"):
        login(client, people, role)
        assert client.get(file_url).status_code == 404
    login(client, people, "records_officer")
    assert client.get(file_url).status_code == 200


def test_the_drafter_withdraws_a_draft(client, people, report):
    login(client, people, "head")
    assert client.post(_url("withdraw", report)).status_code == 403
    login(client, people, "iso_officer")
    assert client.post(_url("withdraw", report)).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.WITHDRAWN
