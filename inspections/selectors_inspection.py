"""Reads of inspections: who sees which, what the checklist shows beside "quality policy and
objectives complied with", and where an inspection stands."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.oversight import oversight_memberships_of
from agencies.permissions import memberships_of
from corrective.models import CorrectiveAction
from corrective.models import Status as CorrectiveStatus
from documents.models import FROZEN_STATUSES, Status
from documents.rulebook import documents_q
from documents.rules import may_draft, may_view
from evaluation.selectors import evaluation_of
from inspections.models import (
    DecemberReport,
    Finding,
    Inspection,
    InspectionDecision,
    NovemberReport,
    PlanEntry,
)
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


def minutes_status(minutes) -> str:
    """The minutes' state in words: once both sides have signed (digitally, or on paper and the
    scan registered), "signed by both sides" rather than the generic "published"."""
    if minutes.status in (Status.PUBLISHED, Status.SUPERSEDED) and minutes.issued_file:
        if minutes.is_digitally_signed:
            return _("Đã ký hai bên")
        return _("Đã ký hai bên (bản giấy)")
    if minutes.awaiting_unit_token:
        return _("Đã cho số, chờ đơn vị kiểm tra ký")
    if minutes.awaiting_agency:
        return _("Đơn vị kiểm tra đã ký, chờ cơ quan ký")
    return minutes.get_status_display()


def stage_of(inspection) -> str:
    """Where the inspection stands, in words for lists."""
    minutes = getattr(inspection, "minutes", None)
    if minutes is None or minutes.status == Status.DRAFT:
        return "checking"
    if minutes.status == Status.APPROVED:
        return "agency_to_sign" if minutes.awaiting_agency else "to_sign"
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


def report_documents(user, body, year: int) -> list[dict]:
    """Per report kind (November, December): the body's report documents of the year this user
    may see, newest first, and whether the user may start one (none of them is open)."""
    found = []
    for kind, model in (("november", NovemberReport), ("december", DecemberReport)):
        visible = model.objects.filter(
            documents_q("view", user, model), agency_id=body.agency_id, body=body, year=year
        ).order_by("-created_at", "-pk")
        probe = model(body=body, agency_id=body.agency_id, year=year)
        documents = list(visible)
        may_start = may_draft(user, probe) and not any(d.is_open for d in documents)
        found.append({"kind": kind, "documents": documents, "may_start": may_start})
    return found


def decision_of(user, inspection) -> dict:
    """The inspection's decision as its page shows it: the body's people see it at every step
    (and may start one when there is none), the inspected agency only once it is issued."""
    decision = InspectionDecision.objects.filter(inspection=inspection).first()
    if decision is not None and decision.status == Status.WITHDRAWN:
        decision = None
    probe = InspectionDecision(
        inspection=inspection, agency_id=inspection.body.agency_id, year=inspection.year
    )
    may_see = decision is not None and (may_view(user, decision) or decision.is_frozen)
    return {
        "decision": decision if may_see else None,
        "decision_page": decision is not None and may_view(user, decision),
        "may_start_decision": decision is None and may_draft(user, probe),
    }
