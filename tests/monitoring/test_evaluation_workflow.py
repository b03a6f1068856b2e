"""The evaluation report through the generic workflow: start, edit, submit (figures frozen),
return, approve, issue (number, verification code, PDF stored with its SHA-256), publish, revise;
refused actions change nothing."""

import hashlib
import io

import pdfplumber
import pytest
from django.contrib.contenttypes.models import ContentType

from documents import render, workflow
from documents.models import DocumentNumber, Status
from evaluation.models import EvaluationComment, EvaluationReport
from evaluation.services import report_start, report_submit, report_update
from objectives.models import ObjectiveSet
from qms_objectives.errors import WorkflowError
from tests.files_support import small_pdf
from tests.monitoring.conftest import add_objective, publish_set
from tests.monitoring.evaluation_support import YEAR_END
from tests.objectives.services_support import events_of, snapshot


def _objectives(report):
    return list(report.objective_set.objectives.order_by("order"))


def _edit(report, actor, **fields):
    comments = fields.pop("comments", {})
    return report_update(
        report=report, actor=actor, version=report.version, fields=fields, comments=comments
    )


def _issue(report, people, number=5):
    return workflow.document_issue(
        document=report,
        actor=people["records_officer"],
        number=number,
        symbol="BC-VP",
        issued_on=YEAR_END,
    )


def _approved(report, people):
    report = report_submit(report=report, actor=people["iso_officer"])
    return workflow.document_approve(document=report, actor=people["head"])


def _published(report, people, number=5):
    report = _issue(_approved(report, people), people, number=number)
    return workflow.document_publish(document=report, actor=people["iso_officer"])


def test_it_starts_a_draft_for_a_published_set(report, evaluated_set, people):
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert (report.agency_id, report.department_id, report.year) == (
        evaluated_set.agency_id,
        None,
        2024,
    )
    assert report.objective_set == evaluated_set and report.revision == 0
    assert report.symbol == "BC-VP"
    assert report.recipients.splitlines()[-1] == "Lưu: VT, Tổ ISO."
    assert report.display_title == "Báo cáo kết quả thực hiện Mục tiêu chất lượng năm 2024"
    assert [e.action for e in events_of(report)] == ["start"]
    assert report.history.count() == 1


def test_it_refuses_a_second_open_report(report, evaluated_set, people):
    with pytest.raises(WorkflowError) as refused:
        report_start(objective_set=evaluated_set, actor=people["iso_officer"])
    assert refused.value.code == "open_exists"
    assert EvaluationReport.objects.count() == 1


def test_it_refuses_a_set_that_is_not_in_force(agency, people):
    draft = publish_set(agency)
    ObjectiveSet.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    with pytest.raises(WorkflowError) as refused:
        report_start(objective_set=draft, actor=people["iso_officer"])
    assert refused.value.code == "state"
    assert not EvaluationReport.objects.exists()


@pytest.mark.parametrize("role", ["staff", "head", "records_officer", "department_head"])
def test_only_drafters_start_the_agency_report(evaluated_set, people, role):
    with pytest.raises(WorkflowError) as refused:
        report_start(objective_set=evaluated_set, actor=people[role])
    assert refused.value.code == "forbidden"
    assert not EvaluationReport.objects.exists()


def test_a_department_head_starts_the_report_of_their_department(agency, department, people):
    department_set = publish_set(agency, department=department)
    add_objective(department_set)
    report = report_start(objective_set=department_set, actor=people["department_head"])
    assert report.department == department
    assert report.recipients.splitlines()[-1] == "Lưu: VT, HCTC."


def test_it_saves_texts_and_comments_with_history(report, people):
    officer = people["iso_officer"]
    first, second = _objectives(report)[:2]
    report = _edit(
        report,
        officer,
        review_conclusions="Hệ thống quản lý chất lượng phù hợp và hiệu lực.",
        review_actions="Khắc phục lỗi phần mềm một cửa; Tổ ISO; quý I/2025",
        comments={first.pk: "", second.pk: " Hai hồ sơ quá hạn do lỗi phần mềm. "},
    )
    report.refresh_from_db()
    assert report.review_conclusions == "Hệ thống quản lý chất lượng phù hợp và hiệu lực."
    assert report.version == 2
    (comment,) = EvaluationComment.objects.all()  # an empty comment is not stored
    assert (comment.objective, comment.comment) == (second, "Hai hồ sơ quá hạn do lỗi phần mềm.")
    assert comment.history.get().history_user == officer
    assert report.history.latest().history_user == officer


def test_a_stale_form_does_not_overwrite(report, people):
    _edit(report, people["iso_officer"], summary="Bản thứ nhất.")
    before = snapshot(report)
    with pytest.raises(WorkflowError) as refused:
        report_update(
            report=report,
            actor=people["iso_officer"],
            version=1,
            fields={"summary": "Bản cũ."},
            comments={},
        )
    assert refused.value.code == "conflict"
    report.refresh_from_db()
    assert report.summary == "Bản thứ nhất." and snapshot(report) == before


def test_comments_are_only_for_objectives_of_the_evaluated_set(report, agency, people):
    stranger = add_objective(publish_set(agency, year=2023))
    with pytest.raises(WorkflowError) as refused:
        _edit(report, people["iso_officer"], comments={stranger.pk: "Không thuộc bộ này."})
    assert refused.value.code == "invalid"
    assert not EvaluationComment.objects.exists()


@pytest.mark.parametrize("role", ["staff", "head", "records_officer", "outsider"])
def test_only_drafters_edit(report, people, role):
    before = snapshot(report)
    with pytest.raises(WorkflowError) as refused:
        _edit(report, people[role], summary="Không được sửa.")
    assert refused.value.code == "forbidden"
    assert snapshot(report) == before


def test_a_submitted_report_is_not_edited(report, people):
    report = report_submit(report=report, actor=people["iso_officer"])
    before = snapshot(report)
    with pytest.raises(WorkflowError) as refused:
        _edit(report, people["iso_officer"], summary="Sửa sau khi gửi.")
    assert refused.value.code == "state"
    assert snapshot(report) == before


def test_submit_freezes_the_figures(report, people):
    report = report_submit(report=report, actor=people["iso_officer"])
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.figures["as_of"] == "2025-01-15"
    assert [o["number"] for o in report.figures["objectives"]] == [1, 2, 3, 4]
    assert [e.action for e in events_of(report)] == ["start", "submit"]


def test_staff_cannot_submit_and_nothing_changes(report, people):
    before = snapshot(report)
    with pytest.raises(WorkflowError):
        report_submit(report=report, actor=people["staff"])
    report.refresh_from_db()
    assert snapshot(report) == before and report.figures == {}


def test_it_is_returned_with_a_comment_and_edited_again(report, people):
    report = report_submit(report=report, actor=people["iso_officer"])
    report = workflow.document_return(
        document=report, actor=people["deputy"], comment="Bổ sung nguyên nhân mục tiêu 2."
    )
    assert report.status == Status.RETURNED
    report = _edit(report, people["iso_officer"], summary="Đã bổ sung.")
    assert report.summary == "Đã bổ sung."


def test_it_is_issued_and_published_with_code_hash_and_number(report, people, client):
    report = _edit(report, people["iso_officer"], review_conclusions="Kết luận.")
    report = report_submit(report=report, actor=people["iso_officer"])
    report = workflow.document_approve(document=report, actor=people["deputy"])
    assert report.signing_lines == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    report = _issue(report, people)
    report.refresh_from_db()
    assert report.status == Status.ISSUED and report.number_and_symbol == "05/BC-VP"
    data = report.issued_file.read()
    assert data.startswith(b"%PDF-")
    assert report.issued_sha256 == hashlib.sha256(data).hexdigest()
    assert len(report.verification_code) == 10
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first_page = pdf.pages[0].extract_text()
    assert report.verification_code in first_page
    assert "Số: 05/BC-VP" in first_page and "ngày 15 tháng 01 năm 2025" in first_page
    register = DocumentNumber.objects.get()
    assert register.content_type == ContentType.objects.get_for_model(EvaluationReport)
    assert register.document == report
    report = workflow.document_publish(document=report, actor=people["iso_officer"])
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.published_at is not None
    assert [e.action for e in events_of(report)] == [
        "start",
        "submit",
        "approve",
        "issue",
        "publish",
    ]
    page = client.get(f"/v/{report.verification_code}/")
    assert page.status_code == 200
    assert report.display_title in page.content.decode()
    client.force_login(people["staff"])
    served = client.get(f"/files/{report.issued_file.name}")
    assert served.status_code == 200 and b"".join(served.streaming_content) == data


def test_an_issued_report_and_its_comments_are_frozen(report, people, monkeypatch):
    monkeypatch.setattr(render, "render_document", lambda document, final: small_pdf())
    objective = _objectives(report)[1]
    report = _edit(report, people["iso_officer"], comments={objective.pk: "Lý do."})
    report = _issue(_approved(report, people), people)
    comment = EvaluationComment.objects.get()
    comment.comment = "Sửa sau ban hành."
    with pytest.raises(WorkflowError) as refused:
        comment.save()
    assert refused.value.code == "frozen"
    with pytest.raises(WorkflowError):
        _edit(report, people["iso_officer"], summary="Sửa sau ban hành.")
    comment.refresh_from_db()
    assert comment.comment == "Lý do."


def test_a_failed_render_leaves_the_approved_report_as_it_was(report, people, monkeypatch):
    report = _approved(report, people)
    before = snapshot(report)

    def broken(document, final):
        raise RuntimeError("font missing")

    monkeypatch.setattr(render, "render_document", broken)
    with pytest.raises(WorkflowError) as refused:
        _issue(report, people)
    assert refused.value.code == "render"
    assert snapshot(report) == before


def test_a_revision_supersedes_the_published_report(report, evaluated_set, people, monkeypatch):
    monkeypatch.setattr(render, "render_document", lambda document, final: small_pdf())
    first = _published(report, people)
    second = report_start(objective_set=evaluated_set, actor=people["iso_officer"])
    assert (second.revision, second.revises) == (1, first)
    _published(second, people, number=6)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.SUPERSEDED, Status.PUBLISHED)
    assert [e.action for e in events_of(first)][-1] == "supersede"
