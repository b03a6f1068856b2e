"""Writes of the oversight side: the body's deadlines (its administrators set them)."""

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.oversight import is_oversight_administrator
from oversight.models import Deadline
from qms_objectives.errors import WorkflowError

DEADLINE_FIELDS = ("due_on", "days_after_period", "note")


def _check_administrator(actor, body) -> None:
    if not is_oversight_administrator(actor, body):
        raise WorkflowError(_("Chỉ quản trị của đơn vị quản lý mới đặt hạn."), code="forbidden")


def deadline_set(*, body, year: int, actor, data: dict) -> Deadline:
    """Set (or change) the body's deadline of one kind for `year`."""
    _check_administrator(actor, body)
    with transaction.atomic():
        deadline, created = Deadline.objects.select_for_update().get_or_create(
            body=body,
            year=year,
            kind=data["kind"],
            defaults={**{f: data.get(f) for f in DEADLINE_FIELDS}, "created_by": actor},
        )
        if not created:
            for name in DEADLINE_FIELDS:
                setattr(deadline, name, data.get(name))
            deadline._history_user = actor
            deadline.save(update_fields=list(DEADLINE_FIELDS))
    return deadline


def deadline_remove(*, deadline: Deadline, actor) -> None:
    _check_administrator(actor, deadline.body)
    deadline._history_user = actor
    deadline.delete()
