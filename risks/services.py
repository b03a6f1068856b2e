"""Every write of the risk register. Each function checks the actor's right, validates, saves
inside one transaction, and leaves a history row (django-simple-history) naming the actor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Membership
from qms_objectives.errors import WorkflowError
from risks.models import Risk, RiskStatus
from risks.rules import may_edit_risk

# What the create and edit forms may set; agency and year come from the register itself.
EDITABLE_FIELDS = (
    "department",
    "kind",
    "description",
    "cause",
    "likelihood",
    "impact",
    "treatment",
    "owner_department",
    "owner_person",
    "due_date",
    "status",
)


def _refuse_unless_editor(actor, risk: Risk) -> None:
    if not may_edit_risk(actor, risk):
        raise WorkflowError(
            _("Bạn không có quyền sửa bảng rủi ro và cơ hội này."), code="forbidden"
        )


def _check(risk: Risk, objectives) -> None:
    try:
        risk.full_clean(exclude=["objectives"])
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages), code="invalid") from error
    if (
        risk.owner_person_id
        and not (
            Membership.objects.active().filter(
                user_id=risk.owner_person_id, agency_id=risk.agency_id
            )
        ).exists()
    ):
        raise WorkflowError(_("Người thực hiện phải là thành viên của cơ quan."), code="invalid")
    if any(o.objective_set.agency_id != risk.agency_id for o in objectives):
        raise WorkflowError(
            _("Mục tiêu liên quan phải thuộc chính cơ quan của bảng rủi ro."), code="invalid"
        )


def risk_create(*, agency, year: int, actor, data: dict, objectives=()) -> Risk:
    """A new entry in the register of `agency` (or of data["department"]) for `year`."""
    fields = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    risk = Risk(agency=agency, year=year, created_by=actor, **fields)
    if risk.status == RiskStatus.CLOSED:
        risk.status = RiskStatus.OPEN
    _refuse_unless_editor(actor, risk)
    objectives = list(objectives)
    _check(risk, objectives)
    risk._history_user = actor
    with transaction.atomic():
        if not objectives:
            risk.save()
            return risk
        # One history row for the creation, with its objectives: saved without a row, the
        # links write one ("~"), which is the creation.
        risk.save_without_historical_record()
        risk.objectives.set(objectives)
        risk.history.filter(history_type="~").update(history_type="+")
    return risk


def risk_update(*, risk: Risk, actor, data: dict, objectives=None) -> Risk:
    """Change an open entry. A closed one is reopened first (risk_reopen)."""
    with transaction.atomic():
        risk = Risk.objects.select_for_update().get(pk=risk.pk)
        _refuse_unless_editor(actor, risk)
        if risk.is_closed:
            raise WorkflowError(
                _("Rủi ro, cơ hội này đã đóng; hãy mở lại trước khi sửa."), code="state"
            )
        changed = [name for name in EDITABLE_FIELDS if name in data]
        for name in changed:
            setattr(risk, name, data[name])
        if risk.status == RiskStatus.CLOSED:
            raise WorkflowError(_("Hãy dùng nút “Đóng” để đóng rủi ro, cơ hội."), code="state")
        # Moving an entry to another department's register needs the right there too.
        _refuse_unless_editor(actor, risk)
        objectives = list(objectives) if objectives is not None else None
        _check(risk, objectives or [])
        risk._history_user = actor
        risk.save(update_fields=[*changed, "updated_at"])
        if objectives is not None:
            risk.objectives.set(objectives)
    return risk


def risk_close(*, risk: Risk, actor, outcome: str = "") -> Risk:
    """Record that the treatment is done (or the risk no longer applies) and what came of it."""
    with transaction.atomic():
        risk = Risk.objects.select_for_update().get(pk=risk.pk)
        _refuse_unless_editor(actor, risk)
        if risk.is_closed:
            raise WorkflowError(_("Rủi ro, cơ hội này đã đóng."), code="state")
        risk.status = RiskStatus.CLOSED
        risk.closed_at = timezone.now()
        if outcome.strip():
            risk.outcome = outcome.strip()
        risk._history_user = actor
        risk.full_clean(exclude=["objectives"])
        risk.save(update_fields=["status", "closed_at", "outcome", "updated_at"])
    return risk


def risk_reopen(*, risk: Risk, actor) -> Risk:
    with transaction.atomic():
        risk = Risk.objects.select_for_update().get(pk=risk.pk)
        _refuse_unless_editor(actor, risk)
        if not risk.is_closed:
            raise WorkflowError(_("Rủi ro, cơ hội này chưa đóng."), code="state")
        risk.status = RiskStatus.IN_TREATMENT
        risk.closed_at = None
        risk._history_user = actor
        risk.save(update_fields=["status", "closed_at", "updated_at"])
    return risk
