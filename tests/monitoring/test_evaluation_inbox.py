"""Evaluation reports wait in the same places as objective sets: the home page of whoever
must act next and the approvers' and records officers' inbox, with its badge."""

from django.urls import reverse

from agencies.models import Membership
from documents.models import Status
from evaluation.models import EvaluationReport
from tests.objectives.views_support import client_for


def _in_status(report, status) -> EvaluationReport:
    EvaluationReport.objects.filter(pk=report.pk).update(status=status)
    report.refresh_from_db()
    return report


def test_the_iso_officer_finds_a_draft_report_to_edit_at_home(people, report):
    response = client_for(people["iso_officer"]).get("/")
    assert response.context["to_edit"] == [report]
    assert reverse("evaluation:detail", args=[report.pk]) in response.content.decode()
    assert client_for(people["staff"]).get("/").context["to_edit"] == []


def test_a_submitted_report_waits_for_the_deputy(people, report):
    report = _in_status(report, Status.SUBMITTED)
    client = client_for(people["deputy"])
    inbox = client.get(reverse("objectives:inbox"))
    assert inbox.context["documents"] == [report]
    html = inbox.content.decode()
    assert 'data-testid="inbox-badge">1<' in html
    assert reverse("evaluation:detail", args=[report.pk]) in html
    assert "Báo cáo kết quả thực hiện Mục tiêu chất lượng năm 2024" in html
    assert client.get("/").context["to_approve"] == [report]
    # the records officer has nothing to do with it yet
    records = client_for(people["records_officer"]).get(reverse("objectives:inbox"))
    assert records.context["documents"] == []


def test_an_approved_report_waits_for_the_records_officer(people, report):
    report = _in_status(report, Status.APPROVED)
    records = client_for(people["records_officer"])
    assert records.get(reverse("objectives:inbox")).context["documents"] == [report]
    assert records.get("/").context["to_issue"] == [report]


def test_an_approved_report_waits_for_the_approvers_where_nobody_is_records_officer(people, report):
    Membership.objects.filter(user=people["records_officer"]).update(is_active=False)
    report = _in_status(report, Status.APPROVED)
    for role in ("head", "deputy"):
        client = client_for(people[role])
        assert client.get(reverse("objectives:inbox")).context["documents"] == [report]
        assert client.get("/").context["to_issue"] == [report]


def test_another_agencys_approver_sees_nothing_of_it(people, report):
    _in_status(report, Status.SUBMITTED)
    response = client_for(people["outsider"]).get(reverse("objectives:inbox"))
    assert response.context["documents"] == []
    assert 'data-testid="inbox-badge"' not in response.content.decode()
