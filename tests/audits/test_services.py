"""Recording internal audits and management reviews: the agency's ISO officers record and edit
them with a history row; the head (a reader), an overseer and another agency's member are
refused and nothing changes; a report must be a whole PDF or DOCX."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audits import services
from audits.models import InternalAudit, ManagementReview
from qms_objectives.errors import WorkflowError
from tests.files_support import small_pdf

DATA = {
    "held_on": datetime.date(2024, 11, 20),
    "scope": "Quá trình tiếp nhận, giải quyết TTHC; điều khoản 8.5, 9.1.",
    "findings_count": 5,
    "nonconformities_count": 2,
}


def _pdf():
    return SimpleUploadedFile("Báo cáo đánh giá.pdf", small_pdf(), "application/pdf")


@pytest.mark.parametrize("model", [InternalAudit, ManagementReview])
def test_it_records_with_its_report_and_a_history_row(agency, people, model):
    record = services.record_create(
        model=model, agency=agency, actor=people["iso_officer"], data=DATA, upload=_pdf()
    )
    record.refresh_from_db()
    assert (record.held_on, record.findings_count, record.nonconformities_count) == (
        DATA["held_on"], 5, 2,
    )  # fmt: skip
    assert record.report_kind == "pdf" and record.report.read().startswith(b"%PDF")
    assert record.recorded_by == people["iso_officer"]
    assert record.history.get().history_user == people["iso_officer"]


@pytest.mark.parametrize("role", ["head", "deputy", "staff", "outsider", "inspector"])
def test_it_refuses_whoever_does_not_keep_them_and_records_nothing(agency, people, overseers, role):
    actor = {**people, **overseers}[role]
    with pytest.raises(WorkflowError) as refused:
        services.record_create(model=InternalAudit, agency=agency, actor=actor, data=DATA)
    assert refused.value.code == "forbidden"
    assert not InternalAudit.objects.exists()


def test_it_refuses_a_report_that_is_not_a_pdf_or_docx(agency, people):
    fake = SimpleUploadedFile("bien-ban.pdf", b"<html>not a pdf</html>", "application/pdf")
    with pytest.raises(WorkflowError) as refused:
        services.record_create(
            model=InternalAudit, agency=agency, actor=people["iso_officer"], data=DATA, upload=fake
        )
    assert refused.value.field == "report"
    assert not InternalAudit.objects.exists()


def test_it_updates_with_history_and_refuses_the_head_without_change(agency, people):
    record = services.record_create(
        model=ManagementReview, agency=agency, actor=people["iso_officer"], data=DATA
    )
    with pytest.raises(WorkflowError):
        services.record_update(
            record=record, actor=people["head"], data={**DATA, "findings_count": 9}
        )
    record.refresh_from_db()
    assert record.findings_count == 5 and record.history.count() == 1

    services.record_update(
        record=record, actor=people["iso_officer"], data={**DATA, "findings_count": 9}
    )
    record.refresh_from_db()
    assert record.findings_count == 9 and record.history.count() == 2
