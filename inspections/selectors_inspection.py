"""Reads of inspections: who sees which, what the checklist shows beside "quality policy and
objectives complied with", and where an inspection stands."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from agencies.oversight import oversight_memberships_of
from agencies.permissions import memberships_of
from corrective.models import CorrectiveAction
from corrective.models import Status as CorrectiveStatus
from documents.models import FROZEN_STATUSES, Status
from evaluation.selectors import evaluation_of
from inspections.models import Finding, Inspection, PlanEntry
from inspections.rules_inspection import AGENCY_SIDE_ROLES
from objectives.models import ObjectiveSet


def visible_inspections(user):
    """The inspections of the user's oversight bodies and of the agencies where the user is on
    the agency's side (the same answer as inspections.view_inspection)."""
    condition = Q(pk__in=[])
    bodies = list(oversight_memberships_of(user))
    if bodies:
        condition |= Q(body_id__in=bodies)
    agencies = [
        m.agency_id
        for m in memberships_of(user).values()
        if any(m.has_role(role) for role in AGENCY_SIDE_ROLES)
    ]
    if agencies:
        condition |= Q(agency_id__in=agencies)
    return Inspection.objects.filter(condition).select_related("agency", "body", "minutes")


def published_objectives(agency, year: int):
    """The agency's objectives in force for the year, and how far each is reached today (the
    evaluation's own figures): shown read-only next to the policy-and-objectives item."""
    objective_set = (
        ObjectiveSet.objects.filter(
            agency=agency, department__isnull=True, year=year, status=Status.PUBLISHED
        )
        .select_related("agency")
        .first()
    )
    if objective_set is None:
        return None, None
    return objective_set, evaluation_of(objective_set, today=timezone.localdate())


def corrective_actions_of(inspection):
    """The corrective actions the inspection's nonconformities opened, by finding."""
    finding_type = ContentType.objects.get_for_model(Finding)
    ids = inspection.findings.values("pk")
    return (
        CorrectiveAction.objects.filter(source_type=finding_type, source_id__in=ids)
        .select_related("owner_person")
        .order_by("due_date", "id")
    )


def stage_of(inspection) -> str:
    """Where the inspection stands, in words for lists."""
    minutes = getattr(inspection, "minutes", None)
    if minutes is None or minutes.status == Status.DRAFT:
        return "checking"
    if minutes.status == Status.APPROVED:
        return "agency_to_sign" if minutes.prepared_file else "to_sign"
    actions = corrective_actions_of(inspection)
    if actions.exclude(status=CorrectiveStatus.CLOSED).exists():
        return "correcting"
    return "closed"


def bodies_reporting(user) -> list:
    """The oversight bodies whose reports the user reads (their people)."""
    return [m.body for m in oversight_memberships_of(user).values()]


def entries_to_start(user):
    """Entries of issued plans of the bodies where the user starts inspections, not yet
    inspected: what the inspectors' list offers to start."""
    bodies = [
        body_id
        for body_id, m in oversight_memberships_of(user).items()
        if m.is_inspector or m.is_administrator
    ]
    if not bodies:
        return PlanEntry.objects.none()
    return (
        PlanEntry.objects.filter(
            plan__body_id__in=bodies,
            plan__status__in=FROZEN_STATUSES,
            inspection__isnull=True,
        )
        .select_related("agency", "plan")
        .order_by("-plan__year", "month", "agency__name")
    )
