"""Monitoring's cards on the home page (registered with objectives.home_cards): the periods
awaiting the reader's confirmation, for whoever confirms them (monitoring.rules.
may_confirm_period: a department head, the agency's head or deputy), and the reports the
reader is due to make (as named reporter, or as the one who records for a unit without one)."""

from django.urls import reverse
from django.utils import timezone

from agencies.models import Role
from agencies.permissions import has_role, is_own_department_head
from monitoring.reminders import entry_url
from monitoring.rules import may_confirm_period
from monitoring.selectors import DueItem, DueState, due_reports
from objectives.home_cards import HomeCard

MAX_ITEMS = 10


def _reports_for(user, item: DueItem) -> bool:
    if item.reporters:
        return user.pk in item.reporters
    if item.unit.department_id is None:
        return has_role(user, item.unit.agency_id, Role.ISO_OFFICER)
    return is_own_department_head(user, item.unit)


def monitoring_cards(user, membership) -> list[HomeCard]:
    agency = membership.agency
    today = timezone.localdate()
    to_confirm, to_report = [], []
    confirms: dict = {}  # per unit: may_confirm_period asks once per department, not per period
    for year in (today.year - 1, today.year):
        for item in due_reports(agency=agency, year=year, today=today):
            state = item.state(today)
            item.current_state = state
            item.url = entry_url(agency.pk, item.unit.department_id, item.period.key)
            if state == DueState.TO_CONFIRM and _may_confirm(user, item, confirms):
                to_confirm.append(item)
            elif state in (DueState.DUE, DueState.OVERDUE) and _reports_for(user, item):
                to_report.append(item)
    cards = []
    if to_confirm or _confirms_anything(user, membership):
        cards.append(
            HomeCard(
                "monitoring/_home_to_confirm.html",
                {"items": to_confirm[:MAX_ITEMS], "count": len(to_confirm)},
            )
        )
    if to_report:
        to_report.sort(key=lambda i: (i.current_state != DueState.OVERDUE, i.period.due_on))
        cards.append(
            HomeCard(
                "monitoring/_home_to_report.html",
                {
                    "items": to_report[:MAX_ITEMS],
                    "count": len(to_report),
                    "due_url": _due_url(agency.pk, today.year),
                    "DueState": DueState,
                },
            )
        )
    return cards


def _may_confirm(user, item: DueItem, known: dict) -> bool:
    key = item.unit.department_id
    if key not in known:
        known[key] = may_confirm_period(user, item.unit)
    return known[key]


def _confirms_anything(user, membership) -> bool:
    """Heads, deputies and department heads always see the card (empty: nothing waits)."""
    return membership.is_head or membership.is_deputy or membership.is_department_head


def _due_url(agency_id: int, year: int) -> str:
    return reverse("monitoring:due", args=[agency_id, year])
