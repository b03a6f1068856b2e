"""Reads the pages need, with their prefetching. Writes live in services."""

from django.db.models import Prefetch, Q

from agencies.models import Role
from agencies.permissions import memberships_of
from objectives.models import Objective, ObjectiveSet, Status, Target


def sets_visible_to(user):
    """Every objective set this user may open, as one queryset (mirrors permissions.may_view)."""
    memberships = memberships_of(user).values()
    condition = Q(pk__in=[])
    for m in memberships:
        in_reach = Q(department__isnull=True)
        if m.department_id:
            in_reach |= Q(department_id=m.department_id)
        condition |= (
            Q(agency_id=m.agency_id, status__in=[Status.PUBLISHED, Status.SUPERSEDED]) & in_reach
        )
        if m.is_iso_officer or m.is_head or m.is_deputy or m.is_records_officer:
            condition |= Q(agency_id=m.agency_id)
        elif m.is_department_head and m.department_id:
            condition |= Q(agency_id=m.agency_id, department_id=m.department_id)
    return ObjectiveSet.objects.filter(condition)


def home_for_user(user) -> dict:
    memberships = sorted(memberships_of(user).values(), key=lambda m: m.agency.name)
    sets = (
        sets_visible_to(user)
        .exclude(status=Status.WITHDRAWN)
        .select_related("agency", "department")
        .order_by("-year", "agency__name", "department__name")[:50]
    )
    return {"memberships": memberships, "sets": sets, "Role": Role}


def set_with_content(pk: int) -> ObjectiveSet:
    """One set with everything its document or page prints, in a fixed number of queries."""
    return (
        ObjectiveSet.objects.select_related("agency", "department", "signer")
        .prefetch_related(
            "sections",
            Prefetch(
                "objectives",
                queryset=Objective.objects.select_related("lead_unit", "section")
                .prefetch_related(
                    "supporting_units", Prefetch("targets", queryset=Target.objects.all())
                )
                .order_by("order", "id"),
            ),
        )
        .get(pk=pk)
    )
