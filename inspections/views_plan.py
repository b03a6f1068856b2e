"""The annual inspection plan's pages: the body's plans and starting one (its inspectors), the
plan with its table of agencies (edited while a draft), the workflow buttons (the generic
services of documents.workflow; submitting checks the plan first), the issue page, and an
agency's own entries in the issued plans.

Thin: fetch for this user (404 outside reach, 403 without the right), call a service, say what
happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agencies.models import OversightBody
from agencies.oversight import oversight_memberships_of
from agencies.permissions import membership_in, memberships_of
from documents import workflow
from documents.actions import document_act
from documents.models import FROZEN_STATUSES, DocumentEvent, Status
from documents.rulebook import available_actions, documents_q
from documents.rules import may_approve, may_draft, may_issue, may_publish, may_view
from inspections import plans
from inspections import views_body_documents as steps
from inspections.forms_plan import PlanForm, PlanStartForm
from inspections.models import InspectionPlan, PlanEntry
from inspections.plan_pdf import render_plan
from inspections.rules_inspection import may_start_inspections
from objectives.forms import ReturnForm
from qms_objectives.errors import WorkflowError
from qms_objectives.responses import refused


def get_plan_for(user, pk: int, predicate=may_view) -> InspectionPlan:
    plan = InspectionPlan.objects.select_related("body", "agency").filter(pk=pk).first()
    if plan is None or not may_view(user, plan):
        raise Http404
    if not predicate(user, plan):
        raise PermissionDenied
    return plan


def _bodies_of(user) -> list[OversightBody]:
    """The bodies whose plans the user works on: as one of its people, or as a member of its
    agency (its head approves, its records officer issues)."""
    agency_ids = set(memberships_of(user))
    body_ids = set(oversight_memberships_of(user))
    return list(
        OversightBody.objects.filter(Q(pk__in=body_ids) | Q(agency_id__in=agency_ids)).order_by(
            "name"
        )
    )


@login_required
@require_GET
def plan_list(request):
    bodies = _bodies_of(request.user)
    if not bodies:
        raise Http404
    visible = InspectionPlan.objects.filter(
        documents_q("view", request.user, InspectionPlan), body__in=bodies
    ).order_by("-year", "-revision")
    year = timezone.localdate().year
    rows = []
    for body in bodies:
        probe = InspectionPlan(body=body, agency_id=body.agency_id, year=year)
        rows.append(
            {
                "body": body,
                "plans": [p for p in visible if p.body_id == body.pk],
                "may_start": may_draft(request.user, probe),
            }
        )
    context = {"rows": rows, "start_form": PlanStartForm(initial={"year": year})}
    return render(request, "inspections/plan_list.html", context)


@login_required
@require_POST
def plan_start(request, body_id: int):
    body = get_object_or_404(OversightBody, pk=body_id)
    if body not in _bodies_of(request.user):
        raise Http404
    form = PlanStartForm(request.POST)
    back = reverse("inspections:plan_list")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("year", [_("Hãy nhập năm.")])))
        return redirect(back)
    try:
        plan = plans.plan_start(body=body, year=form.cleaned_data["year"], actor=request.user)
    except WorkflowError as error:
        return refused(request, error, back)
    messages.success(
        request,
        _("Đã lập dự thảo kế hoạch kiểm tra năm %(year)s với %(count)s cơ quan.")
        % {"year": plan.year, "count": plan.entries.count()},
    )
    return redirect(plan)


def _entries(plan):
    return list(plan.entries.select_related("agency", "inspection").order_by("order", "pk"))


def _detail_context(request, plan, form=None, return_form=None) -> dict:
    actions = available_actions(request.user, plan)
    entries = _entries(plan)
    if form is None and "edit" in actions:
        form = PlanForm(plan=plan, entries=entries)
    events = DocumentEvent.objects.filter(
        content_type__app_label="inspections",
        content_type__model="inspectionplan",
        object_id=plan.pk,
    ).select_related("actor")
    on_site = sum(1 for e in entries if e.is_on_site)
    return {
        "plan": plan,
        "entries": entries,
        "on_site": on_site,
        "needed": plans.on_site_needed(len(entries)),
        "problems": plans.plan_problems(plan) if plan.is_editable else [],
        "form": form,
        "return_form": return_form or ReturnForm(),
        "events": events,
        "actions": actions,
        # Once issued, each row leads to its inspection (started by the body's inspectors).
        "may_start": plan.is_frozen and may_start_inspections(request.user, plan.body),
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request, pk: int):
    if request.method == "GET":
        plan = get_plan_for(request.user, pk)
        return render(request, "inspections/plan_detail.html", _detail_context(request, plan))
    plan = get_plan_for(request.user, pk, may_draft)
    form = PlanForm(request.POST, plan=plan, entries=_entries(plan))
    if form.is_valid():
        try:
            plans.plan_update(
                plan=plan,
                actor=request.user,
                version=form.cleaned_data["version"],
                fields=form.text_fields(),
                entries=form.entries(),
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            messages.success(request, _("Đã lưu kế hoạch kiểm tra."))
            return redirect(plan)
    context = _detail_context(request, plan, form=form)
    return render(request, "inspections/plan_detail.html", context, status=400)


@login_required
@require_GET
def plan_preview(request, pk: int):
    plan = get_plan_for(request.user, pk)
    if plan.is_frozen and plan.issued_file:
        return redirect("private_file", name=plan.issued_file.name)
    response = HttpResponse(render_plan(plan, final=False), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="du-thao-ke-hoach-kiem-tra-{plan.year}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def plan_submit(request, pk: int):
    return steps.step_submit(request, get_plan_for(request.user, pk, may_draft), plans.plan_submit)


@login_required
@require_POST
def plan_withdraw(request, pk: int):
    return steps.step_withdraw(request, get_plan_for(request.user, pk, may_draft))


@login_required
@require_POST
def plan_approve(request, pk: int):
    return steps.step_approve(request, get_plan_for(request.user, pk, may_approve))


@login_required
@require_POST
def plan_publish(request, pk: int):
    return document_act(
        request,
        get_plan_for(request.user, pk, may_publish),
        workflow.document_publish,
        lambda p: _("Đã công bố kế hoạch kiểm tra."),
    )


@login_required
@require_POST
def plan_return(request, pk: int):
    plan = get_plan_for(request.user, pk, may_approve)

    def page(form):
        context = _detail_context(request, plan, return_form=form)
        return render(request, "inspections/plan_detail.html", context, status=400)

    return steps.step_return(request, plan, page)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_issue(request, pk: int):
    return steps.step_issue(request, get_plan_for(request.user, pk, may_issue), plans.plan_issue)


@login_required
@require_GET
def plan_agency(request, agency_id: int):
    """An agency's own entries in the issued plans of the bodies over it: when and how it will
    be checked. Its members only."""
    membership = membership_in(request.user, agency_id)
    if membership is None:
        raise Http404
    entries = (
        PlanEntry.objects.filter(agency_id=agency_id, plan__status__in=FROZEN_STATUSES)
        .exclude(plan__status=Status.SUPERSEDED)
        .select_related("plan", "plan__body")
        .order_by("-plan__year")
    )
    context = {"agency": membership.agency, "entries": entries}
    return render(request, "inspections/plan_agency.html", context)
