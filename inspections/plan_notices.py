"""Once the annual plan is issued, each agency in it is told which inspection awaits it: on
paper or on site, and in which month (its ISO officers and its head). Run on the task engine
(inspections.tasks.plan_agencies_tell), never inside the issuing request."""

from django.urls import reverse

from agencies.models import Membership
from documents.models import FROZEN_STATUSES
from inspections.models import InspectionMode, InspectionPlan
from notifications import kinds
from notifications.services import notification_send

MODE_WORDS = {
    InspectionMode.PAPER: "qua hồ sơ, báo cáo",
    InspectionMode.ON_SITE: "trực tiếp tại cơ quan",
}


def plan_agencies_tell(plan_id: int) -> int:
    """Tell each agency of the issued plan; return how many people were told."""
    plan = (
        InspectionPlan.objects.filter(pk=plan_id, status__in=FROZEN_STATUSES)
        .select_related("body")
        .first()
    )
    if plan is None:
        return 0
    told = 0
    for entry in plan.entries.select_related("agency").order_by("order", "pk"):
        users = [
            m.user
            for m in Membership.objects.active()
            .filter(agency_id=entry.agency_id, is_iso_officer=True)
            .select_related("user")
        ]
        users += [
            m.user
            for m in Membership.objects.active()
            .filter(agency_id=entry.agency_id, is_head=True)
            .select_related("user")
            if m.user_id not in {u.pk for u in users}
        ]
        notification_send(
            users=users,
            agency=entry.agency,
            kind=kinds.INSPECTION_PLANNED,
            params={
                "body": plan.body.name,
                "year": plan.year,
                "number": plan.number_and_symbol or "—",
                "agency": entry.agency.name,
                "mode": MODE_WORDS[entry.mode],
                "month": f"{entry.month:02d}",
            },
            target=plan,
            url=reverse("inspections:plan_agency", args=[entry.agency_id]),
        )
        told += len(users)
    return told
