"""An evaluation report is approved and issued as it was read (issue 18): its body (texts,
frozen figures, the unit's comments, the signing block; evaluation.canonical) is hashed at
approval, its content is frozen from then on, and issuing refuses any other body."""

import pytest
from django.utils import timezone

from documents import body, workflow
from documents.models import DocumentNumber, RenderedPages, Status
from evaluation.models import EvaluationComment, EvaluationReport
from evaluation.services import report_submit, report_update
from qms_objectives.errors import WorkflowError


def _with_comment(report, people):
    objective = report.objective_set.objectives.order_by("order").first()
    return report_update(
        report=report,
        actor=people["iso_officer"],
        version=report.version,
        fields={"summary": "Đạt phần lớn mục tiêu."},
        comments={objective.pk: "Thiếu nhân sự quý 3."},
    )


def _approved(report, people):
    report = report_submit(report=_with_comment(report, people), actor=people["iso_officer"])
    return workflow.document_approve(document=report, actor=people["head"])


def _state(report) -> dict:
    fresh = EvaluationReport.objects.get(pk=report.pk)
    return {
        "status": fresh.status,
        "summary": fresh.summary,
        "figures": fresh.figures,
        "number": fresh.number,
        "issued_file": fresh.issued_file.name,
        "comments": list(EvaluationComment.objects.values_list("comment", flat=True)),
        "numbers": DocumentNumber.objects.count(),
    }


def test_the_body_holds_texts_figures_and_comments_and_nothing_else(report, people):
    report = report_submit(report=_with_comment(report, people), actor=people["iso_officer"])
    before = body.body_sha256(report)
    EvaluationReport.objects.filter(pk=report.pk).update(version=7, return_comment="x")
    assert body.body_sha256(report) == before
    EvaluationComment.objects.update(comment="Khác.")
    assert body.body_sha256(report) != before


def test_approval_records_the_hash_and_freezes_the_comments(report, people):
    report = _approved(report, people)
    report.refresh_from_db()
    assert report.approved_body_sha256 == body.body_sha256(report)
    before = _state(report)
    comment = EvaluationComment.objects.get()
    comment.comment = "Sửa sau khi duyệt."
    with pytest.raises(WorkflowError) as refusal:
        comment.save()
    assert refusal.value.code == "approved"
    with pytest.raises(WorkflowError):
        _with_comment(report, people)
    assert _state(report) == before


@pytest.mark.parametrize(
    "tamper",
    [
        lambda r: EvaluationReport.objects.filter(pk=r.pk).update(summary="Sửa lén."),
        lambda r: EvaluationReport.objects.filter(pk=r.pk).update(figures={}),
        lambda r: EvaluationComment.objects.update(comment="Sửa lén."),
    ],
    ids=["summary", "figures", "comment"],
)
def test_issuing_refuses_a_report_changed_after_approval(report, people, fast_render, tamper):
    report = _approved(report, people)
    tamper(report)
    before = _state(report)
    with pytest.raises(WorkflowError) as refusal:
        workflow.document_issue(
            document=report,
            actor=people["records_officer"],
            number=5,
            symbol="BC-VP",
            issued_on=timezone.localdate(),
        )
    assert refusal.value.code == "body_changed"
    assert _state(report) == before


def test_submitting_a_report_renders_its_pages(
    report, people, fast_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(report=report, actor=people["iso_officer"])
    pages = RenderedPages.objects.get()
    assert pages.state == RenderedPages.State.READY
    assert pages.body_sha256 == body.body_sha256(report)  # with the figures frozen at submit
    assert pages.page_count == 1
    assert report.status == Status.SUBMITTED
