"""Every write of monitoring: plans, results, evidence, confirmations (reminders: reminders.py).

Each function checks the actor's right (agencies.permissions) and the state inside
transaction.atomic, saves, and raises WorkflowError with a translated message when it refuses;
a refused call changes nothing.
"""

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.permissions import membership_in
from documents.models import Status
from monitoring.evidence import evidence_kind, evidence_name
from monitoring.models import (
    COMPUTED_REFUSAL,
    Correction,
    Evidence,
    MonitoringPlan,
    ObjectivePlan,
    PeriodConfirmation,
    Result,
    allowed_frequencies,
)
from monitoring.periods import Period, ReportingFrequency, period_from_key
from monitoring.rules import may_confirm_period, may_plan_monitoring, may_record_results
from monitoring.scoring import rate
from monitoring.selectors import Unit, effective_plan, find_confirmation, unit_report
from objectives.models import Comparison
from qms_objectives.errors import WorkflowError
from qms_objectives.text import to_nfc
from qms_objectives.uploads import EXTENSIONS


def _forbidden() -> WorkflowError:
    return WorkflowError(_("Bạn không có quyền thực hiện thao tác này."), code="forbidden")


def _require_published(objective_set) -> None:
    if objective_set.status != Status.PUBLISHED:
        raise WorkflowError(
            _("Chỉ theo dõi kết quả của bộ mục tiêu đang có hiệu lực (đã công bố)."),
            code="state",
        )


def _plan_ensure(objective) -> ObjectivePlan:
    """The objective's saved plan, created with the defaults on first use."""
    plan = effective_plan(objective)
    if plan.pk is None:
        monitoring_plan, _created = MonitoringPlan.objects.get_or_create(
            objective_set=objective.objective_set
        )
        plan.plan = monitoring_plan
        plan.save()
    return plan


def objective_plan_save(
    *, objective, actor, frequency: str, roll_up: str, department=None, reporter=None
) -> ObjectivePlan:
    """Choose how an objective is followed: frequency (one the objective allows), roll-up rule,
    reporting unit and person. The frozen objective itself is not touched."""
    objective_set = objective.objective_set
    if not may_plan_monitoring(actor, objective_set):
        raise _forbidden()
    _require_published(objective_set)
    if frequency not in allowed_frequencies(objective):
        raise WorkflowError(
            _("Kỳ báo cáo này không có trong các kỳ mục tiêu cho phép."), code="invalid"
        )
    if department is not None and department.agency_id != objective_set.agency_id:
        raise WorkflowError(_("Đơn vị báo cáo phải thuộc cơ quan."), code="invalid")
    if reporter is not None and membership_in(reporter, objective_set.agency_id) is None:
        raise WorkflowError(_("Người báo cáo phải là thành viên của cơ quan."), code="invalid")
    with transaction.atomic():
        plan = _plan_ensure(objective)
        current = ObjectivePlan.objects.select_for_update().get(pk=plan.pk)
        has_results = Result.objects.filter(target__objective=objective).exists()
        if current.frequency != frequency and has_results:
            raise WorkflowError(
                _("Mục tiêu đã có kết quả theo kỳ hiện tại nên không đổi được kỳ báo cáo."),
                code="state",
            )
        plan.frequency, plan.roll_up = frequency, roll_up
        plan.department, plan.reporter = department, reporter
        plan._change_reason = "plan"
        plan.save(update_fields=["frequency", "roll_up", "department", "reporter"])
    return plan


def _period_for(plan, objective_set, period_key: str, today: date) -> Period:
    try:
        period = period_from_key(period_key)
    except ValueError:
        raise WorkflowError(_("Kỳ báo cáo không hợp lệ."), code="invalid")
    if period.frequency != plan.frequency or period.year != objective_set.year:
        raise WorkflowError(
            _("Kỳ này không thuộc kỳ báo cáo của mục tiêu trong năm %(year)s.")
            % {"year": objective_set.year},
            code="invalid",
        )
    if period.start > today:
        raise WorkflowError(_("Kỳ báo cáo này chưa bắt đầu."), code="invalid")
    return period


def _measured(target, *, value, numerator, denominator, assessment) -> dict:
    """The stored fields: the rate from numerator and denominator, or the value as given."""
    if target.comparison == Comparison.NOT_SCORED:
        if not assessment:
            raise WorkflowError(_("Chỉ tiêu này cần đánh giá bằng văn bản."), code="invalid")
        return {"value": None, "numerator": None, "denominator": None}
    if numerator is not None or denominator is not None:
        if numerator is None or not denominator or denominator < 0 or numerator < 0:
            raise WorkflowError(_("Nhập cả tử số và mẫu số (mẫu số lớn hơn 0)."), code="invalid")
        if target.is_percentage and numerator > denominator:
            raise WorkflowError(_("Tử số không được lớn hơn mẫu số."), code="invalid")
        return {
            "value": rate(numerator, denominator),
            "numerator": Decimal(numerator),
            "denominator": Decimal(denominator),
        }
    if value is None:
        raise WorkflowError(_("Nhập kết quả, hoặc tử số và mẫu số."), code="invalid")
    if value < 0:
        raise WorkflowError(_("Kết quả không được âm."), code="invalid")
    return {"value": Decimal(value), "numerator": None, "denominator": None}


def result_record(
    *,
    target,
    period_key: str,
    actor,
    value=None,
    numerator=None,
    denominator=None,
    note: str = "",
    assessment: str = "",
    reason: str = "",
    today: date | None = None,
) -> Result:
    """Record (or change) a target's result for a period. Once the unit's report for the period
    is confirmed, a change needs a reason and is kept as a Correction (who, why, old, new)."""
    today = today or timezone.localdate()
    objective = target.objective
    objective_set = objective.objective_set
    _require_published(objective_set)
    plan = effective_plan(objective)
    if not may_record_results(actor, plan):
        raise _forbidden()
    period = _period_for(plan, objective_set, period_key, today)
    note, assessment, reason = (to_nfc((t or "").strip()) for t in (note, assessment, reason))
    fields = _measured(
        target, value=value, numerator=numerator, denominator=denominator, assessment=assessment
    )
    fields.update(note=note, assessment=assessment)
    with transaction.atomic():
        plan = _plan_ensure(objective)
        result = (
            Result.objects.select_for_update()
            .filter(target=target, period_key=period.key)
            .order_by("pk")
            .first()
        )
        locked = find_confirmation(
            agency_id=plan.agency_id, department_id=plan.department_id, period=period
        )
        if locked and not reason:
            raise WorkflowError(
                _("Báo cáo kỳ này đã được xác nhận; muốn sửa phải nêu lý do đính chính."),
                code="locked",
            )
        if result is not None and result.is_computed:
            raise WorkflowError(str(COMPUTED_REFUSAL), code="computed")
        old = result.snapshot() if result else {}
        if result is None:
            result = Result(target=target, period_key=period.key)
        result.period_start, result.period_end = period.start, period.end
        for name, field_value in fields.items():
            setattr(result, name, field_value)
        new = result.snapshot()
        if old == new:
            return result
        result.recorded_by = actor
        result.save()
        if locked:
            Correction.objects.create(result=result, by=actor, reason=reason, old=old, new=new)
    return result


def evidence_attach(*, result, actor, uploaded_file) -> Evidence:
    """Keep a file proving a result (PDF, PNG, JPEG, XLSX or DOCX, checked by content)."""
    plan = effective_plan(result.target.objective)
    if not may_record_results(actor, plan):
        raise _forbidden()
    try:
        kind = evidence_kind(uploaded_file)
    except ValidationError as error:
        raise WorkflowError(error.messages[0], code="invalid")
    name = evidence_name(to_nfc(uploaded_file.name or "")[-250:], kind)
    # Stored under the extension of the proven kind, never the user's ("a.html" → .png).
    stored = File(uploaded_file, name=f"evidence{EXTENSIONS[kind]}")
    with transaction.atomic():
        return Evidence.objects.create(
            result=result,
            file=stored,
            original_name=name,
            kind=kind,
            size=uploaded_file.size,
            uploaded_by=actor,
        )


def period_confirm(
    *, agency, department, period_key: str, actor, today: date | None = None
) -> PeriodConfirmation:
    """The head of the unit confirms its report for a period: every expected result must be
    there; from then on the unit's results within the period are locked."""
    today = today or timezone.localdate()
    unit = Unit(agency.pk, department.pk if department else None, department)
    if not may_confirm_period(actor, unit):
        raise _forbidden()
    try:
        period = period_from_key(period_key)
    except ValueError:
        raise WorkflowError(_("Kỳ báo cáo không hợp lệ."), code="invalid")
    if period.frequency == ReportingFrequency.CONTINUOUS or period.end > today:
        raise WorkflowError(_("Chỉ xác nhận được báo cáo của kỳ đã kết thúc."), code="state")
    with transaction.atomic():
        if find_confirmation(agency_id=agency.pk, department_id=unit.department_id, period=period):
            raise WorkflowError(_("Báo cáo kỳ này đã được xác nhận."), code="state")
        rows = unit_report(agency=agency, department_id=unit.department_id, period=period)
        if not rows:
            raise WorkflowError(
                _("Đơn vị không có mục tiêu nào báo cáo theo kỳ này."), code="invalid"
            )
        missing = sum(result is None for row in rows for _t, result in row.targets)
        if missing:
            raise WorkflowError(
                _("Báo cáo kỳ này còn thiếu %(count)s kết quả; hãy nhập đủ trước khi xác nhận.")
                % {"count": missing},
                code="incomplete",
            )
        return PeriodConfirmation.objects.create(
            agency=agency,
            department=department,
            period_key=period.key,
            period_start=period.start,
            period_end=period.end,
            confirmed_by=actor,
        )


# --- results computed from records (the dossiers app computes; monitoring stores) ------------


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def result_store_computed(
    *,
    target,
    period_key: str,
    actor,
    source,
    numerator=None,
    denominator=None,
    value=None,
    to_date_numerator=None,
    to_date_denominator=None,
    reason: str = "",
) -> Result:
    """Store a result computed from records (system work: the caller decided that the target is
    computed; `actor` is who asked for it, e.g. who ran the import). A result overridden by hand
    with a reason is left as it is. Replacing a typed result, or changing a confirmed period's,
    is kept as a Correction whose reason names the source."""
    objective_set = target.objective.objective_set
    _require_published(objective_set)
    period = period_from_key(period_key)
    if numerator is not None and denominator:
        value = rate(numerator, denominator)
    fields = {
        "value": _number(value),
        "numerator": _number(numerator),
        "denominator": _number(denominator),
        "to_date_numerator": _number(to_date_numerator),
        "to_date_denominator": _number(to_date_denominator),
    }
    with transaction.atomic():
        plan = _plan_ensure(target.objective)
        result = (
            Result.objects.select_for_update()
            .filter(target=target, period_key=period.key)
            .order_by("pk")
            .first()
        )
        if result is not None and result.override_reason and not result.is_computed:
            return result
        old = result.snapshot() if result else {}
        changed = result is None or any(getattr(result, n) != v for n, v in fields.items())
        replaces_typed = result is not None and not result.is_computed
        if result is None:
            result = Result(target=target, period_key=period.key)
        result.period_start, result.period_end = period.start, period.end
        for name, field_value in fields.items():
            setattr(result, name, field_value)
        new = result.snapshot()
        source_type = ContentType.objects.get_for_model(source)
        same_source = (result.source_type_id, result.source_id) == (source_type.pk, source.pk)
        if not changed and result.is_computed and same_source:
            return result
        result.is_computed, result.source, result.override_reason = True, source, ""
        result.recorded_by = actor
        result.save()
        locked = find_confirmation(
            agency_id=plan.agency_id, department_id=plan.department_id, period=period
        )
        if old != new and (replaces_typed or locked):  # the year to date alone: no correction
            Correction.objects.create(
                result=result,
                by=actor,
                reason=reason or _("Tính lại từ hồ sơ"),
                old=old,
                new=new,
            )
    return result


def result_override(
    *, result, actor, reason: str, value=None, numerator=None, denominator=None
) -> Result:
    """Replace a computed result by hand. Only with an explanation, kept on the result and in
    its history (Correction: who, why, the computed figure, the one typed); from then on the
    result is a typed one and later computations leave it alone."""
    plan = effective_plan(result.target.objective)
    if not may_record_results(actor, plan):
        raise _forbidden()
    reason = to_nfc((reason or "").strip())
    if not reason:
        raise WorkflowError(
            _("Nêu lý do ghi đè kết quả tính tự động."), code="invalid", field="reason"
        )
    fields = _measured(
        result.target, value=value, numerator=numerator, denominator=denominator, assessment=""
    )
    with transaction.atomic():
        current = Result.objects.select_for_update().get(pk=result.pk)
        if not current.is_computed:
            raise WorkflowError(
                _("Kết quả này không phải kết quả tính tự động; hãy sửa trên trang nhập kết quả."),
                code="state",
            )
        old = current.snapshot()
        for name, field_value in fields.items():
            setattr(current, name, field_value)
        current.to_date_numerator = current.to_date_denominator = None
        current.is_computed, current.override_reason = False, reason
        current.recorded_by = actor
        current.save()
        Correction.objects.create(
            result=current, by=actor, reason=reason, old=old, new=current.snapshot()
        )
    return current


def result_computed_restore(
    *, result, actor, source, numerator=None, denominator=None, value=None
) -> Result:
    """Return a result overridden by hand to the figure computed from its records (the caller,
    the app that computes, gives it and the source): computed again, so not typed over, and
    recomputed after each import; recorded in its history (Correction: who, the typed figure,
    the computed one) with the override's reason. Only for a result overridden with a reason."""
    plan = effective_plan(result.target.objective)
    if not may_record_results(actor, plan):
        raise _forbidden()
    _require_published(result.target.objective.objective_set)
    if numerator is not None and denominator:
        value = rate(numerator, denominator)
    with transaction.atomic():
        current = Result.objects.select_for_update().get(pk=result.pk)
        if current.is_computed or not current.override_reason:
            raise WorkflowError(
                _("Chỉ trở lại kết quả tính tự động được khi kết quả đã bị ghi đè có lý do."),
                code="state",
            )
        old = current.snapshot()
        current.value = _number(value)
        current.numerator = _number(numerator)
        current.denominator = _number(denominator)
        overridden_because = current.override_reason
        current.is_computed, current.source, current.override_reason = True, source, ""
        current.recorded_by = actor
        current.save()
        Correction.objects.create(
            result=current,
            by=actor,
            reason=_("Trở lại kết quả tính tự động (đã ghi đè vì: %(reason)s)")
            % {"reason": overridden_because},
            old=old,
            new=current.snapshot(),
        )
    return current
