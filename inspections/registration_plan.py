"""The annual inspection plan as a document kind (documents.kinds), declared from
InspectionsConfig.ready() (this module imports models: only import it from there)."""

from django.utils.translation import gettext_lazy as _

from documents.kinds import DocumentKind
from documents.kinds import register as kind_register
from inspections.models import InspectionPlan, PlanEntry
from inspections.plan_pdf import render_plan
from inspections.plans import TEXT_FIELDS


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
