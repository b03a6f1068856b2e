"""Reads the register pages and exports need: one register, filtered and sorted."""

from django.db.models import Case, IntegerField, Prefetch, Value, When

from objectives.models import Objective
from risks.models import Risk, RiskStatus

# Sort keys offered on the page: key -> order_by fields.
SORTS = {
    "level": ("level_value", "id"),
    "-level": ("-level_value", "id"),
    "due": ("due_date", "id"),
    "status": ("status_rank", "-level_value", "id"),
    "kind": ("kind", "-level_value", "id"),
    "department": ("department__order", "department__name", "-level_value", "id"),
    "created": ("id",),
}
DEFAULT_SORT = "-level"
AGENCY_LEVEL = "agency"


def register_entries(*, agency, year: int, filters: dict | None = None):
    """The entries of a register with their level, owner and linked objectives.

    filters: kind, band, status (values of the choices), department ("" for every register of
    the agency, "agency" for the agency's own, or a department id), sort (a key of SORTS).
    """
    filters = filters or {}
    risks = (
        Risk.objects.register(agency=agency, year=year)
        .with_level()
        .annotate(
            status_rank=Case(
                *[When(status=s, then=Value(i)) for i, s in enumerate(RiskStatus.values)],
                output_field=IntegerField(),
            )
        )
        .select_related("department", "owner_department", "owner_person")
        .prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.select_related("objective_set"))
        )
    )
    if filters.get("kind"):
        risks = risks.filter(kind=filters["kind"])
    if filters.get("status"):
        risks = risks.filter(status=filters["status"])
    if filters.get("band"):
        risks = risks.in_band(filters["band"])
    department = filters.get("department")
    if department == AGENCY_LEVEL:
        risks = risks.filter(department__isnull=True)
    elif department:
        risks = risks.filter(department_id=department)
    return risks.order_by(*SORTS.get(filters.get("sort") or DEFAULT_SORT, SORTS[DEFAULT_SORT]))
