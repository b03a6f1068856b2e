"""Reads of conformity announcements: the one on file per agency (what the oversight table and
the agency's page show), the announcements a user may read."""

import datetime

from django.db.models import Q

from agencies.oversight import oversight_memberships_of, scope_rows
from conformity.models import ConformityAnnouncement, ConformityScope
from documents.models import Status

# An announcement is on file once issued (in the app or its signed scan registered); a later one
# replaces it when issued, whether or not it is also published to the staff.
ON_FILE_STATUSES = (Status.ISSUED, Status.PUBLISHED)
READABLE_BY_OVERSEERS = (Status.ISSUED, Status.PUBLISHED, Status.SUPERSEDED)


def _on_file_rows(agency_ids):
    return (
        ConformityAnnouncement.objects.filter(agency_id__in=agency_ids, status__in=ON_FILE_STATUSES)
        .exclude(issued_on__isnull=True)
        .order_by("agency_id", "-issued_on", "-revision", "-pk")
    )


def announcements_on_file(agency_ids) -> dict[int, ConformityAnnouncement]:
    """The latest issued announcement of each agency (by its date), one query."""
    found: dict[int, ConformityAnnouncement] = {}
    for announcement in _on_file_rows(list(agency_ids)):
        found.setdefault(announcement.agency_id, announcement)
    return found


def announcement_on_file(agency_ids) -> dict[int, tuple[str, datetime.date]]:
    """{agency_id: (number and symbol, date)} of the announcement on file, for the agencies that
    have one (the oversight table's "công bố hệ thống phù hợp" column). One query."""
    rows = _on_file_rows(list(agency_ids)).values_list("agency_id", "number", "symbol", "issued_on")
    found: dict[int, tuple[str, datetime.date]] = {}
    for agency_id, number, symbol, issued_on in rows:
        if agency_id not in found:
            text = (
                "" if number is None else (f"{number:02d}/{symbol}" if symbol else f"{number:02d}")
            )
            found[agency_id] = (text, issued_on)
    return found


def scope_of(agency) -> ConformityScope | None:
    return ConformityScope.objects.filter(agency=agency).first()


def overseen_agency_ids(user, *, on=None) -> set[int]:
    """The agencies in the scope of the user's oversight bodies (today, or on `on`)."""
    bodies = oversight_memberships_of(user)
    if not bodies:
        return set()
    rows = scope_rows(on=on).filter(body_id__in=bodies)
    return set(rows.values_list("agency_id", flat=True))


def oversees_now_or_then(user, announcement) -> bool:
    """An overseer reads an agency's issued announcements while the agency is in their scope,
    or was in the year the announcement is dated."""
    bodies = oversight_memberships_of(user)
    if not bodies:
        return False
    rows = scope_rows().filter(body_id__in=bodies, agency_id=announcement.agency_id)
    if rows.exists():
        return True
    year = announcement.issued_on.year if announcement.issued_on else announcement.year
    return (
        scope_rows(year=year).filter(body_id__in=bodies, agency_id=announcement.agency_id).exists()
    )


def overseer_q(user) -> Q:
    agency_ids = overseen_agency_ids(user)
    if not agency_ids:
        return Q(pk__in=[])
    return Q(agency_id__in=sorted(agency_ids), status__in=READABLE_BY_OVERSEERS)
