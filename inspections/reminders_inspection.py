"""Reminders of the corrective actions an inspection opened (TT 26: within two months of the
minutes): from REMIND_BEFORE days before the deadline, while any of them is not closed, the
agency's ISO officers and head are told; once the deadline has passed, the team leader too.
Each person once per inspection, ever (an InspectionReminder row, under a unique constraint,
written with the notice), however often the daily task runs."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction

from agencies.models import Membership
from corrective.models import Status as CorrectiveStatus
from documents.models import Status
from inspections.models import InspectionMinutes, InspectionReminder
from inspections.selectors_inspection import corrective_actions_of
from inspections.services_inspection import corrective_due
from notifications import kinds
from notifications.services import notification_send

REMIND_BEFORE = timedelta(days=14)


def _people(inspection, today: date, due: date) -> list:
    members = (
        Membership.objects.active()
        .filter(agency_id=inspection.agency_id)
        .filter(is_iso_officer=True)
        .select_related("user")
    )
    people = [m.user for m in members]
    people += [
        m.user
        for m in Membership.objects.active()
        .filter(agency_id=inspection.agency_id, is_head=True)
        .select_related("user")
    ]
    if today > due:
        people.append(inspection.team_leader)
    seen, unique = set(), []
    for user in people:
        if user.pk not in seen:
            seen.add(user.pk)
            unique.append(user)
    return unique


def _remind(inspection, user, today: date, params: dict) -> bool:
    try:
        with transaction.atomic():
            InspectionReminder.objects.create(inspection=inspection, user=user, sent_on=today)
            notification_send(
                users=[user],
                agency=inspection.agency,
                kind=kinds.INSPECTION_CORRECTIVE_DUE,
                params=params,
                url=inspection.get_absolute_url(),
            )
    except IntegrityError:  # reminded before, or meanwhile by another run
        return False
    return True


def reminders_send(*, today: date) -> int:
    """Send what is due today; return how many people were told."""
    sent = 0
    signed = InspectionMinutes.objects.filter(
        status__in=(Status.PUBLISHED, Status.SUPERSEDED), issued_on__isnull=False
    ).select_related("inspection__agency", "inspection__team_leader")
    for minutes in signed.filter(issued_on__lte=today - relative_window()):
        inspection = minutes.inspection
        due = corrective_due(minutes.issued_on)
        if today < due - REMIND_BEFORE:
            continue
        open_count = corrective_actions_of(inspection).exclude(status=CorrectiveStatus.CLOSED)
        open_count = open_count.count()
        if not open_count:
            continue
        reminded = set(
            InspectionReminder.objects.filter(inspection=inspection).values_list(
                "user_id", flat=True
            )
        )
        params = {
            "agency": inspection.agency.name,
            "open": open_count,
            "due": due.strftime("%d/%m/%Y"),
            "minutes": minutes.issued_on.strftime("%d/%m/%Y"),
        }
        for user in _people(inspection, today, due):
            if user.pk not in reminded and _remind(inspection, user, today, params):
                sent += 1
    return sent


def relative_window() -> timedelta:
    """Minutes signed less than this long ago are not yet due for a reminder (two months less
    the notice), so the daily query skips them."""
    return timedelta(days=40)
