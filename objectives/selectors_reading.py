"""Reads of the reading pages: the published sets a member may read, and who has read one."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Q

from agencies.models import Membership
from documents.models import Status
from documents.rulebook import READABLE_STATUSES
from objectives.models import Acknowledgement, ObjectiveSet
from objectives.search import matching_objectives, search_sets
from objectives.selectors import sets_visible_to

MAX_RESULTS = 50


def readable_sets(user):
    """Published and superseded sets this user may read, newest year first."""
    return (
        sets_visible_to(user)
        .filter(status__in=READABLE_STATUSES)
        .select_related("agency", "department")
        .order_by("-year", "agency__name", "department__order", "department__name", "-revision")
    )


def reading_years(user, agency_id: int) -> list[tuple[int, list[ObjectiveSet]]]:
    """The readable sets of one agency grouped by year, each marked `acknowledged` for the user."""
    sets = list(readable_sets(user).filter(agency_id=agency_id))
    _mark_acknowledged(user, sets)
    return [(year, list(items)) for year, items in groupby(sets, key=lambda s: s.year)]


def reading_search(user, query: str) -> list[ObjectiveSet]:
    """Sets matching the query (case and diacritics ignored), each with `.matches`: the
    objectives that contain every word."""
    sets = list(search_sets(readable_sets(user), query)[:MAX_RESULTS])
    found = matching_objectives([s.pk for s in sets], query)
    for s in sets:
        s.matches = found.get(s.pk, [])
    _mark_acknowledged(user, sets)
    return sets


def _mark_acknowledged(user, sets) -> None:
    read = set(
        Acknowledgement.objects.filter(user=user, objective_set__in=sets).values_list(
            "objective_set_id", flat=True
        )
    )
    for s in sets:
        s.acknowledged = s.pk in read


def acknowledgement_of(user, objective_set) -> Acknowledgement | None:
    return Acknowledgement.objects.filter(user=user, objective_set=objective_set).first()


def newer_revision(objective_set) -> ObjectiveSet | None:
    """The published set that replaced a superseded one."""
    if objective_set.status != Status.SUPERSEDED:
        return None
    return (
        ObjectiveSet.objects.filter(revises=objective_set)
        .filter(status__in=READABLE_STATUSES)
        .order_by("-revision")
        .first()
    )


@dataclass
class ReaderRow:
    membership: Membership
    acknowledgement: Acknowledgement | None

    @property
    def has_read(self) -> bool:
        return self.acknowledgement is not None


def readers_of(objective_set) -> list[ReaderRow]:
    """Every active member the set is addressed to (the agency, or the department for a
    department's set), with their acknowledgement if any: readers first, then the rest."""
    members = Membership.objects.active().filter(agency_id=objective_set.agency_id)
    if objective_set.department_id:
        members = members.filter(Q(department_id=objective_set.department_id))
    members = members.select_related("user", "department").order_by(
        "department__order", "department__name", "user__last_name", "user__first_name"
    )
    acknowledgements = {
        a.user_id: a for a in Acknowledgement.objects.filter(objective_set=objective_set)
    }
    rows = [ReaderRow(m, acknowledgements.get(m.user_id)) for m in members]
    return sorted(rows, key=lambda r: not r.has_read)
