"""Writes on the year-end evaluation report: start one for a published set, edit its comments and
the management review's conclusions and actions, submit it with its figures frozen.

Everything after submission (return, approve, issue, publish, withdraw) is the generic workflow
of documents.workflow, which works on any IssuableDocument.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import FROZEN_STATUSES, OPEN_STATUSES, Status
from documents.rules import may_draft
from documents.steps import actor_or_none, event_record, fields_save, lock, require_right
from documents.workflow import document_submit, ensure_editable
from evaluation.models import EvaluationComment, EvaluationReport
from evaluation.selectors import evaluation_of
from objectives.models import ObjectiveSet
from qms_objectives.errors import WorkflowError
from qms_objectives.text import to_nfc

TEXT_FIELDS = ("summary", "review_conclusions", "review_actions", "recipients")


def default_recipients(objective_set) -> str:
    """ "Nơi nhận" of a report (document text, always Vietnamese): the leaders, the units, and
    the file copies (NĐ30)."""
    keeper = objective_set.department.abbreviation if objective_set.department_id else ""
    keeper = keeper or "Tổ ISO"
    return f"Lãnh đạo cơ quan;\nCác phòng, đơn vị;\nLưu: VT, {keeper}."


def _open_exists_error(objective_set) -> WorkflowError:
    owner = objective_set.department.name if objective_set.department_id else None
    return WorkflowError(
        _(
            "%(owner)s đã có báo cáo đánh giá năm %(year)s đang soạn thảo, chờ duyệt hoặc chờ "
            "ban hành. Hãy tiếp tục báo cáo đó, hoặc hủy nó trước khi lập báo cáo mới."
        )
        % {"owner": owner or objective_set.agency.name, "year": objective_set.year},
        code="open_exists",
    )


def _reports_like(objective_set):
    return EvaluationReport.objects.filter(
        agency_id=objective_set.agency_id,
        department_id=objective_set.department_id,
        year=objective_set.year,
    )


def report_start(*, objective_set, actor) -> EvaluationReport:
    """A Draft report evaluating a published set. A report already issued for the same agency
    (or department) and year is revised: the new one is its next revision and supersedes it
    when published."""
    with transaction.atomic():
        objective_set = ObjectiveSet.objects.select_related("agency", "department").get(
            pk=objective_set.pk
        )
        require_right(may_draft(actor, objective_set))
        if objective_set.status != Status.PUBLISHED:
            raise WorkflowError(
                _("Chỉ lập báo cáo đánh giá cho bộ mục tiêu đang có hiệu lực (đã công bố)."),
                code="state",
            )
        reports = _reports_like(objective_set)
        if reports.filter(status__in=OPEN_STATUSES).exists():
            raise _open_exists_error(objective_set)
        previous = reports.filter(status__in=FROZEN_STATUSES).order_by("-revision").first()
        report = EvaluationReport(
            agency=objective_set.agency,
            department=objective_set.department,
            year=objective_set.year,
            objective_set=objective_set,
            revision=previous.revision + 1 if previous else 0,
            revises=previous,
            symbol=f"BC-{objective_set.agency.symbol}",
            recipients=default_recipients(objective_set),
            created_by=actor_or_none(actor),
        )
        report._history_user = actor_or_none(actor)
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:  # a concurrent start won the one open slot
            raise _open_exists_error(objective_set)
        event_record(document=report, actor=actor, action="start", from_status="")
    return report


def _comments_save(report, comments: dict[int, str], actor) -> None:
    allowed = set(report.objective_set.objectives.values_list("pk", flat=True))
    if set(comments) - allowed:
        raise WorkflowError(_("Mục tiêu không thuộc bộ mục tiêu được đánh giá."), code="invalid")
    existing = {c.objective_id: c for c in report.comments.all()}
    for objective_id, text in comments.items():
        text = to_nfc((text or "").strip())
        comment = existing.get(objective_id)
        if (comment.comment if comment else "") == text:
            continue
        comment = comment or EvaluationComment(report=report, objective_id=objective_id)
        comment.comment = text
        comment._history_user = actor_or_none(actor)
        comment.save()


def report_update(
    *, report, actor, version: int, fields: dict, comments: dict[int, str]
) -> EvaluationReport:
    """Save the texts (summary, review conclusions and actions, recipients) and the unit's
    comments per objective, if nobody changed the report since `version` was read."""
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        report = lock(report)
        require_right(may_draft(actor, report))
        ensure_editable(report)
        if report.version != version:
            raise WorkflowError(
                _(
                    "Báo cáo vừa được người khác thay đổi sau khi bạn mở trang này. "
                    "Hãy mở lại trang, xem lại rồi lưu lần nữa."
                ),
                code="conflict",
            )
        for name, value in fields.items():
            setattr(report, name, to_nfc((value or "").strip()))
        report.version += 1
        fields_save(report, actor=actor, fields=[*fields, "version"])
        _comments_save(report, comments, actor)
    return report


def report_submit(*, report, actor) -> EvaluationReport:
    """Send the report for approval (the generic document_submit) and freeze its figures as of
    today: what the head approves is what the issued PDF prints."""
    with transaction.atomic():
        report = document_submit(document=report, actor=actor)
        evaluation = evaluation_of(report.objective_set, today=timezone.localdate())
        report.figures = evaluation.as_data()
        fields_save(report, actor=actor, fields=["figures"])
    return report
