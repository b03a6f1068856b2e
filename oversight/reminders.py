"""Reminders of the oversight body's deadlines: an agency past one (oversight.selectors.lateness)
is told once — its ISO officers and its head — per deadline and, for results, per period
(DeadlineReminder's unique constraint), however often the daily task runs."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse

from agencies.models import Agency, Membership, Role
from notifications import kinds
from notifications.services import notification_send
from oversight.models import AgencyYearSummary, Deadline, DeadlineReminder
from oversight.selectors import lateness, scope_ids

RECIPIENT_ROLES = (Role.ISO_OFFICER, Role.HEAD)


def _recipients(agency) -> list:
    memberships = Membership.objects.active().filter(agency=agency).select_related("user")
    return [
        m.user
        for m in memberships.order_by("pk")
        if any(m.has_role(role) for role in RECIPIENT_ROLES)
    ]


def _remind(deadline, agency, late, today) -> DeadlineReminder | None:
    users = _recipients(agency)
    try:
        with transaction.atomic():
            reminder = DeadlineReminder.objects.create(
                deadline=deadline,
                agency=agency,
                period_key=late.period_key,
                sent_on=today,
                recipients=[u.pk for u in users],
            )
            notification_send(
                users=users,
                agency=agency,
                kind=kinds.OVERSIGHT_DEADLINE,
                params={
                    "body": deadline.body.name,
                    "what": str(late.label),
                    "due": late.due_on.strftime("%d/%m/%Y"),
                },
                url=reverse("monitoring:dashboard", args=[agency.pk, deadline.year]),
            )
    except IntegrityError:  # reminded meanwhile by another run
        return None
    return reminder


def deadline_reminders_send(*, today: datetime.date) -> list[DeadlineReminder]:
    """Remind every agency late for a deadline of this year or last year, once each."""
    sent = []
    deadlines = Deadline.objects.filter(body__is_active=True, year__in=(today.year - 1, today.year))
    for deadline in deadlines.select_related("body").order_by("pk"):
        ids = scope_ids(deadline.body, deadline.year)
        summaries = {
            s.agency_id: s
            for s in AgencyYearSummary.objects.filter(year=deadline.year, agency_id__in=ids)
        }
        done = set(
            DeadlineReminder.objects.filter(deadline=deadline).values_list(
                "agency_id", "period_key"
            )
        )
        for agency in Agency.objects.filter(pk__in=ids, is_active=True).order_by("pk"):
            summary = summaries.get(agency.pk) or AgencyYearSummary(
                agency=agency, year=deadline.year
            )
            for late in lateness([deadline], summary, today):
                if (agency.pk, late.period_key) in done:
                    continue
                reminder = _remind(deadline, agency, late, today)
                if reminder is not None:
                    sent.append(reminder)
    return sent
