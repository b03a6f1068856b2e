"""Reads the pages need, with their prefetching. Writes live in services."""

from django.db.models import Prefetch, Q

from agencies.models import Role
from agencies.permissions import memberships_of
from documents.models import Status, document_models
from objectives.models import Objective, ObjectiveSet, Target


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


def _awaiting(user) -> Q:
    """Documents awaiting approval by heads and deputies, or issue by records officers."""
    memberships = memberships_of(user).values()
    approver_of = [m.agency_id for m in memberships if m.is_head or m.is_deputy]
    issuer_of = [m.agency_id for m in memberships if m.is_records_officer]
    return Q(agency_id__in=approver_of, status=Status.SUBMITTED) | Q(
        agency_id__in=issuer_of, status=Status.APPROVED
    )


def inbox_for(user) -> list:
    """Documents of every kind awaiting this user (one query a kind): submitted first, then
    by agency and the latest change."""
    awaiting = _awaiting(user)
    documents = [
        document
        for model in document_models()
        for document in model.objects.filter(awaiting).select_related("agency", "department")
    ]
    return sorted(
        documents,
        key=lambda d: (d.status != Status.SUBMITTED, d.agency.name, -d.updated_at.timestamp()),
    )


def inbox_count(user) -> int:
    """The badge in the menu of every page: one query (a UNION ALL over the kinds)."""
    awaiting = _awaiting(user)
    first, *others = [
        model.objects.filter(awaiting).order_by().values("pk") for model in document_models()
    ]
    return first.union(*others, all=True).count()


def _drafts_condition(membership) -> Q:
    if membership.is_iso_officer:
        return Q(agency_id=membership.agency_id)
    if membership.is_department_head and membership.department_id:
        return Q(agency_id=membership.agency_id, department_id=membership.department_id)
    return Q(pk__in=[])


def home_for_user(user, membership=None) -> dict:
    """What needs this user now in the agency they work in (`membership`): documents to edit
    (with the comment of a returned one), documents awaiting approval or issue, and the latest
    objective sets."""
    if membership is None:
        return {"memberships": [], "Role": Role}
    drafts = _drafts_condition(membership)
    open_sets = [  # objective sets and evaluation reports alike, one query a kind
        document
        for model in document_models()
        for document in model.objects.filter(agency_id=membership.agency_id)
        .filter(drafts | Q(status__in=[Status.SUBMITTED, Status.APPROVED]))
        .filter(status__in=[Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED])
        .select_related("agency", "department")
        .order_by("-year", "department__name")
    ]
    is_approver = membership.is_head or membership.is_deputy
    may_edit = {
        s.pk
        for s in open_sets
        if membership.is_iso_officer
        or (
            membership.is_department_head
            and membership.department_id
            and s.department_id == membership.department_id
        )
    }
    return {
        "memberships": [membership],
        "membership": membership,
        "to_edit": [
            s for s in open_sets if s.pk in may_edit and s.status in (Status.DRAFT, Status.RETURNED)
        ],
        "to_approve": [
            s
            for s in open_sets
            if s.status == Status.SUBMITTED and (is_approver or s.pk in may_edit)
        ],
        "to_issue": [
            s
            for s in open_sets
            if s.status == Status.APPROVED
            and (membership.is_records_officer or is_approver or s.pk in may_edit)
        ],
        "recent": sets_visible_to(user)
        .filter(agency_id=membership.agency_id)
        .exclude(status=Status.WITHDRAWN)
        .select_related("agency", "department")
        .order_by("-year", "department__name", "-revision")[:20],
        "is_approver": is_approver,
        "Role": Role,
    }


def sets_with_content():
    """Sets with everything their document or page prints, in a fixed number of queries."""
    return ObjectiveSet.objects.select_related("agency", "department", "signer").prefetch_related(
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


def set_with_content(pk: int) -> ObjectiveSet:
    """One set with everything its document or page prints, in a fixed number of queries."""
    return sets_with_content().get(pk=pk)


def objective_groups(objective_set) -> list[tuple]:
    """[(section or None, [objectives])] in print order, each objective numbered 1…n across the
    sections (`objective.number`). Works on a set from set_with_content (no further query)."""
    by_section: dict = {}
    for objective in objective_set.objectives.all():
        by_section.setdefault(objective.section_id, []).append(objective)
    groups = [(None, by_section.pop(None, []))]
    groups += [
        (section, by_section.get(section.pk, [])) for section in objective_set.sections.all()
    ]
    number = 0
    for _section, objectives in groups:
        for objective in objectives:
            number += 1
            objective.number = number
    return groups


def objective_for_editor(pk: int) -> Objective:
    """One objective with its set (agency, department), targets and supporting units."""
    return (
        Objective.objects.select_related(
            "objective_set__agency", "objective_set__department", "lead_unit", "section"
        )
        .prefetch_related("supporting_units", "targets")
        .get(pk=pk)
    )
