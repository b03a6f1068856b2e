"""Reads of corrective actions: the list of a year, what is open, what the year-end report
prints."""

from django.utils import timezone

from corrective.models import CorrectiveAction, Status
from corrective.rules import visible_filter


def actions_for(user, *, agency, year: int, state: str = ""):
    """The actions of `agency` for `year` that `user` may see, filtered by state ("open",
    "overdue", "closed" or "" for all)."""
    visible = visible_filter(user, agency)
    if visible is None:
        return CorrectiveAction.objects.none()
    rows = CorrectiveAction.objects.of_year(agency=agency, year=year).filter(visible)
    if state == "open":
        rows = rows.not_closed()
    elif state == "overdue":
        rows = rows.overdue()
    elif state == "closed":
        rows = rows.filter(status=Status.CLOSED)
    return rows.select_related("department", "owner_department", "owner_person")


def open_actions_for(user, *, agency, year: int | None = None):
    """Open and awaiting-verification actions the user may see (any year unless named)."""
    visible = visible_filter(user, agency)
    if visible is None:
        return CorrectiveAction.objects.none()
    rows = CorrectiveAction.objects.filter(visible, agency=agency).not_closed()
    if year is not None:
        rows = rows.filter(year=year)
    return rows.select_related("department", "owner_department", "owner_person").order_by(
        "due_date", "id"
    )


def report_rows(*, agency, year: int, department=None, today=None) -> list[dict]:
    """The year's corrective actions as the year-end evaluation report freezes and prints them:
    plain JSON-able values."""
    rows = CorrectiveAction.objects.of_year(agency=agency, year=year)
    if department is not None:
        rows = rows.filter(department=department)
    today = today or timezone.localdate()
    return [
        {
            "nonconformity": a.nonconformity,
            "cause": a.cause,
            "action": a.action,
            "owner": owner_text(a),
            "due_date": a.due_date.isoformat(),
            "status": a.status,
            "status_label": str(Status(a.status).label),
            "overdue": a.is_overdue(today),
            "outcome": a.outcome,
        }
        for a in rows.select_related("owner_department", "owner_person").order_by("due_date", "id")
    ]


def owner_text(action: CorrectiveAction) -> str:
    parts = []
    if action.owner_department_id:
        parts.append(action.owner_department.name)
    if action.owner_person_id:
        person = action.owner_person
        parts.append(person.get_full_name() or person.get_username())
    return " – ".join(parts)
