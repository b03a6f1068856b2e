"""Reads the pages need, with their prefetching. Writes live in services."""

from django.db.models import Prefetch, Q

from agencies.models import Role
from documents.models import Status, document_models, of_every_kind
from documents.rulebook import allows, available_actions, awaiting_q, documents_q, may_ever
from objectives.models import Objective, ObjectiveSet, Target


def sets_visible_to(user):
    """Every objective set this user may open, as one queryset (the rulebook's "view")."""
    return ObjectiveSet.objects.filter(documents_q("view", user))


def inbox_for(user) -> list:
    """Documents of every kind awaiting this user (documents.models.of_every_kind): submitted
    first, then by agency and the latest change."""
    awaiting = awaiting_q(user)
    documents = of_every_kind(
        lambda model: model.objects.filter(awaiting).select_related("agency", "department")
    )
    return sorted(
        documents,
        key=lambda d: (d.status != Status.SUBMITTED, d.agency.name, -d.updated_at.timestamp()),
    )


def inbox_count(user) -> int:
    """The badge in the menu of every page: one query (a UNION ALL over the kinds)."""
    awaiting = awaiting_q(user)
    first, *others = [
        model.objects.filter(awaiting).order_by().values("pk") for model in document_models()
    ]
    return first.union(*others, all=True).count()


def home_for_user(user, membership=None) -> dict:
    """What needs this user now in the agency they work in (`membership`): documents to edit
    (with the comment of a returned one), documents awaiting approval or issue (shown to those
    who act on them and to their drafters), and the latest objective sets."""
    if membership is None:
        return {"memberships": [], "Role": Role}
    open_sets = of_every_kind(  # objective sets, reports, announcements alike
        lambda model: (
            model.objects.filter(agency_id=membership.agency_id)
            .filter(documents_q("draft", user) | Q(status__in=[Status.SUBMITTED, Status.APPROVED]))
            .filter(status__in=[Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED])
            .select_related("agency", "department")
            .order_by("-year", "department__name")
        )
    )

    def waiting(document, status, right) -> bool:
        # "issue" last: for a head it may cost a query (is there a records officer?)
        return document.status == status and any(
            allows(r, user, document) for r in ("draft", "approve", right)
        )

    drafts = may_ever("draft", membership)
    approves = drafts or may_ever("approve", membership)
    to_edit = [s for s in open_sets if "edit" in available_actions(user, s)]
    return {
        "memberships": [membership],
        "membership": membership,
        # Which cards the role has: nobody sees an empty card of a step they never take.
        "shows": {
            "edit": drafts,
            "approve": approves,
            "issue": approves or may_ever("issue", membership),
            "publish": may_ever("publish", membership),
        },
        "to_edit": to_edit,
        "returned": [s for s in to_edit if s.status == Status.RETURNED],
        "to_approve": [s for s in open_sets if waiting(s, Status.SUBMITTED, "approve")],
        "to_issue": [s for s in open_sets if waiting(s, Status.APPROVED, "issue")],
        "to_publish": to_publish(user, membership),
        "to_read": to_read(user, membership),
        "recent": sets_visible_to(user)
        .filter(agency_id=membership.agency_id)
        .exclude(status=Status.WITHDRAWN)
        .select_related("agency", "department")
        .order_by("-year", "department__name", "-revision")[:20],
        "Role": Role,
    }


def to_publish(user, membership) -> list:
    """Issued documents of the agency this user may publish (documents.models.of_every_kind)."""
    if not may_ever("publish", membership):
        return []
    return of_every_kind(
        lambda model: (
            model.objects.filter(
                documents_q("publish", user), agency_id=membership.agency_id, status=Status.ISSUED
            )
            .select_related("agency", "department")
            .order_by("-year", "department__name")
        )
    )


def to_read(user, membership) -> list[ObjectiveSet]:
    """Published sets of the agency addressed to this user that they have not acknowledged
    ("Chưa đọc" until "Tôi đã đọc")."""
    return list(
        ObjectiveSet.objects.filter(
            documents_q("acknowledge", user), agency_id=membership.agency_id
        )
        .exclude(acknowledgements__user=user)
        .select_related("agency", "department")
        .order_by("-year", "department__name")
    )


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
