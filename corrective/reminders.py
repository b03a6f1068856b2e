"""Reminders of open corrective actions past their due date: the first on the due date, then
one a week while the action stays open — never twice on the same day
(CorrectiveAction.reminded_on)."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q

from agencies.models import Membership, Role
from corrective.models import CorrectiveAction, Status
from notifications import kinds
from notifications.services import notification_send

REPEAT_EVERY = timedelta(days=7)


def _recipients(action: CorrectiveAction) -> list:
    members = Membership.objects.active().filter(agency_id=action.agency_id)
    owners = Q(pk__in=[])
    if action.owner_person_id:
        owners |= Q(user_id=action.owner_person_id)
    if action.owner_department_id:
        owners |= Q(department_id=action.owner_department_id, is_department_head=True)
    people = [m.user for m in members.filter(owners).select_related("user")]
    if not people:  # nobody to carry it out any more: the ISO officers must hear of it
        people = [m.user for m in members.with_role(Role.ISO_OFFICER).select_related("user")]
    return people


def due_actions(today: date):
    return CorrectiveAction.objects.filter(status=Status.OPEN, due_date__lte=today).filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - REPEAT_EVERY)
    )


def reminders_send(*, today: date) -> list[CorrectiveAction]:
    """Remind the owners of each open action due today or before; return the actions reminded."""
    sent = []
    for pk in due_actions(today).values_list("pk", flat=True):
        with transaction.atomic():
            action = (
                due_actions(today)
                .select_for_update()
                .filter(pk=pk)
                .select_related("agency")
                .first()
            )
            if action is None:
                continue
            notification_send(
                users=_recipients(action),
                agency=action.agency,
                kind=kinds.CORRECTIVE_ACTION_DUE,
                params={
                    "action": action.action[:200],
                    "nonconformity": action.nonconformity[:200],
                    "due": action.due_date.strftime("%d/%m/%Y"),
                },
                url=action.get_absolute_url(),
            )
            action.reminded_on = today
            action.save_without_historical_record(update_fields=["reminded_on"])
            sent.append(action)
    return sent
