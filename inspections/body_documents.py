"""The oversight body's reports and decisions as documents: created for (body, year) or for an
inspection, their content frozen (the report's figures, the decision's facts) at creation and on
each refresh while a draft, then submitted, approved, issued and signed through the generic
workflow (documents.workflow) like the plan."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.models import OPEN_STATUSES, Status
from documents.rules import may_draft
from documents.steps import actor_or_none, event_record, fields_save, lock, require_right
from documents.workflow import ensure_editable
from inspections.decision import decision_legal_bases, decision_recipients, facts_of
from inspections.models import InspectionDecision
from inspections.report_documents import MODELS, snapshot_take
from qms_objectives.errors import WorkflowError


def _open_exists(document) -> WorkflowError:
    return WorkflowError(
        _(
            "Đã có %(title)s đang soạn thảo, chờ duyệt hoặc chờ ban hành. Hãy tiếp tục văn bản "
            "đó, hoặc hủy nó trước khi lập văn bản mới."
        )
        % {"title": document.display_title.lower()},
        code="open_exists",
    )


def report_start(*, body, year: int, kind: str, actor, today=None):
    """A Draft report of the body for the year, the figures frozen as they are now."""
    model = MODELS[kind]
    with transaction.atomic():
        report = model(body=body, agency_id=body.agency_id, year=year)
        require_right(may_draft(actor, report))
        others = model.objects.filter(agency_id=body.agency_id, department=None, year=year)
        if others.filter(status__in=OPEN_STATUSES).exists():
            raise _open_exists(report)
        report.symbol = f"BC-{body.agency.symbol}" if body.agency.symbol else "BC"
        report.created_by = actor_or_none(actor)
        snapshot_take(report, today=today)
        report.recipients = "\n".join([*report.snapshot["addressees"], "Lưu: VT."])
        report._history_user = actor_or_none(actor)
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:
            raise _open_exists(report)
        event_record(document=report, actor=actor, action="start", from_status="")
    return report


def decision_start(*, inspection, actor) -> InspectionDecision:
    """The inspection's Draft decision, its facts taken from the inspection. A withdrawn one
    gives way to the new one."""
    with transaction.atomic():
        decision = InspectionDecision(
            inspection=inspection, agency_id=inspection.body.agency_id, year=inspection.year
        )
        require_right(may_draft(actor, decision))
        existing = InspectionDecision.objects.select_for_update().filter(inspection=inspection)
        found = existing.order_by("pk").first()
        if found is not None and found.status != Status.WITHDRAWN:
            raise WorkflowError(_("Cuộc kiểm tra này đã có quyết định kiểm tra."), code="exists")
        if found is not None:
            found.delete()
        decision.symbol = f"QĐ-{inspection.body.agency.symbol}"
        decision.legal_bases = decision_legal_bases(inspection)
        decision.recipients = decision_recipients(inspection)
        decision.facts = facts_of(inspection)
        decision.created_by = actor_or_none(actor)
        decision._history_user = actor_or_none(actor)
        decision.save()
        event_record(document=decision, actor=actor, action="start", from_status="")
    return decision


def document_refresh(*, document, actor):
    """Take the figures (a report) or the inspection's facts (a decision) again, while the
    document is a draft or returned."""
    with transaction.atomic():
        document = lock(document)
        require_right(may_draft(actor, document))
        ensure_editable(document)
        if isinstance(document, InspectionDecision):
            document.facts = facts_of(document.inspection)
            fields = ["facts"]
        else:
            snapshot_take(document)
            fields = ["snapshot", "snapshot_at"]
        document.version += 1
        fields_save(document, actor=actor, fields=[*fields, "version"])
    return document
