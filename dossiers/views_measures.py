"""Targets computed from the dossiers: the agency's bindings (ISO officers bind, the head
reads), one binding's figures per period and department, recompute on demand, unbind, and a
period's result overridden by hand returned to the computed figure. Other members 403; other
agencies 404. The computing itself runs on the task engine. The report page of monitoring
leads here to bind a target (?target=<id> picks it) and to its figures."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agencies.models import Agency, Department
from agencies.permissions import is_member
from dossiers import services
from dossiers.forms_measures import TargetMeasureForm
from dossiers.measures import agency_measures, measure_result_restore
from dossiers.models import TargetMeasure
from dossiers.rules import may_bind_measures, may_import_dossiers
from monitoring.models import Result
from monitoring.periods import period_from_key
from monitoring.reminders import entry_url
from monitoring.selectors import effective_plan
from qms_objectives.errors import WorkflowError


def _agency_for(user, agency_id: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id, is_active=True).first()
    if agency is None or not is_member(user, agency):
        raise Http404
    if not may_import_dossiers(user, agency):
        raise PermissionDenied
    return agency


def _measure_for(user, pk: int) -> TargetMeasure:
    """The binding if the user works in its agency (404 otherwise) and may read it (403)."""
    bound = (
        TargetMeasure.objects.select_related("agency", "target__objective__objective_set")
        .filter(pk=pk)
        .first()
    )
    if bound is None:
        raise Http404
    _agency_for(user, bound.agency_id)
    return bound


def _picked_target(request, agency):
    """The target the report page asked to bind (?target=<id>), if it may be bound here."""
    wanted = request.GET.get("target", "")
    if not wanted.isdigit():
        return None
    return TargetMeasureForm(agency=agency).fields["target"].queryset.filter(pk=wanted).first()


def _initial(target) -> dict:
    if target is None:
        return {}
    initial = {"target": target.pk}
    bound = TargetMeasure.objects.filter(target=target).first()
    if bound is not None:  # changing a binding starts from what it is
        initial.update(
            measure=bound.measure,
            procedure_codes=", ".join(bound.procedure_codes),
            departments=list(bound.departments.values_list("pk", flat=True)),
        )
    return initial


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def measures_view(request, agency_id: int):
    agency = _agency_for(request.user, agency_id)
    may_bind = may_bind_measures(request.user, agency)
    if request.method == "POST" and not may_bind:
        raise PermissionDenied
    picked = None
    if may_bind and request.method != "POST":
        picked = _picked_target(request, agency)
    form = None
    if may_bind:
        form = TargetMeasureForm(request.POST or None, agency=agency, initial=_initial(picked))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bound = services.target_measure_bind(
                target=data["target"],
                actor=request.user,
                measure=data["measure"],
                procedure_codes=data["procedure_codes"],
                departments=list(data["departments"]),
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(
                request, _("Đã gắn chỉ tiêu; kết quả đang được tính từ hồ sơ, xem sau ít phút.")
            )
            return redirect("dossiers:measure_detail", bound.pk)
    context = {
        "agency": agency,
        "measures": agency_measures(agency.pk),
        "form": form,
        "picked": picked,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "dossiers/measures.html", context, status=status)


@login_required
@require_safe
def measure_detail(request, pk: int):
    bound = _measure_for(request.user, pk)
    names = dict(Department.objects.filter(agency_id=bound.agency_id).values_list("pk", "name"))
    by_period = defaultdict(list)
    for figure in bound.figures.all():
        figure.department_name = names.get(figure.department_id) or _("Chưa gắn phòng")
        by_period[figure.period_key].append(figure)
    results = {
        r.period_key: r
        for r in Result.objects.filter(target_id=bound.target_id).prefetch_related(
            "corrections__by", "source"
        )
    }
    plan = effective_plan(bound.target.objective)
    periods = [
        (
            period_from_key(key),
            results.get(key),
            figures,
            entry_url(plan.agency_id, plan.department_id, key),
        )
        for key, figures in sorted(by_period.items())
    ]
    context = {
        "bound": bound,
        "agency": bound.agency,
        "target": bound.target,
        "periods": periods,
        "may_bind": may_bind_measures(request.user, bound.agency),
    }
    return render(request, "dossiers/measure_detail.html", context)


def _act(request, pk: int, action, done: str):
    bound = _measure_for(request.user, pk)
    try:
        action(bound=bound, actor=request.user)
    except WorkflowError as error:
        if error.code == "forbidden":
            raise PermissionDenied
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return bound


@login_required
@require_POST
def measure_recompute(request, pk: int):
    bound = _act(
        request,
        pk,
        services.target_measure_recompute,
        _("Đang tính lại từ hồ sơ; kết quả cập nhật sau ít phút."),
    )
    return redirect("dossiers:measure_detail", bound.pk)


@login_required
@require_POST
def measure_unbind(request, pk: int):
    bound = _act(
        request,
        pk,
        services.target_measure_unbind,
        _("Đã bỏ gắn; các kết quả đã tính được giữ lại và có thể sửa như kết quả nhập tay."),
    )
    return redirect("dossiers:measures", bound.agency_id)


@login_required
@require_POST
def measure_restore(request, pk: int, period_key: str):
    """Back to computed: a period's result overridden by hand returns to the computed figure."""
    bound = _measure_for(request.user, pk)
    try:
        measure_result_restore(bound=bound, period_key=period_key, actor=request.user)
    except WorkflowError as error:
        if error.code == "forbidden":
            raise PermissionDenied
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Đã trở lại kết quả tính từ hồ sơ; việc này được ghi vào lịch sử đính chính."),
        )
    return redirect(f"{reverse('dossiers:measure_detail', args=[bound.pk])}#k-{period_key}")
