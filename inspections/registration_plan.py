"""The annual inspection plan, the reports and the decision per inspection as document kinds
(documents.kinds), declared from InspectionsConfig.ready() (this module imports models: only
import it from there)."""

from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind
from documents.kinds import register as kind_register
from inspections.decision import decision_body, render_decision
from inspections.models import (
    DecemberReport,
    InspectionDecision,
    InspectionPlan,
    NovemberReport,
    PlanEntry,
)
from inspections.plan_pdf import render_plan
from inspections.plans import TEXT_FIELDS
from inspections.report_documents import render_report, report_body


def plan_body(plan) -> dict:
    """What the head approves and issuing must print unchanged: the texts and the entries."""
    entries = PlanEntry.objects.filter(plan_id=plan.pk).order_by("order", "pk")
    return {
        "plan": InspectionPlan.objects.filter(pk=plan.pk).values("body_id", *TEXT_FIELDS).get(),
        "entries": [list(e) for e in entries.values_list("agency_id", "mode", "month", "note")],
    }


def register() -> None:
    kind_register(
        DocumentKind(
            model=InspectionPlan, render=render_plan, name=_("Kế hoạch kiểm tra"), body=plan_body
        )
    )
    for model, name in (
        (NovemberReport, _("Báo cáo kết quả kiểm tra (tháng 11)")),
        (DecemberReport, _("Báo cáo tình hình áp dụng hệ thống quản lý chất lượng (tháng 12)")),
    ):
        kind_register(DocumentKind(model=model, render=render_report, name=name, body=report_body))
    kind_register(
        DocumentKind(
            model=InspectionDecision,
            render=render_decision,
            name=_("Quyết định kiểm tra"),
            body=decision_body,
        )
    )
