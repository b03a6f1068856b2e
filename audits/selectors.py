"""Reads of internal audit and management review records."""

from datetime import date

from django.db.models import Max

from audits.models import InternalAudit, ManagementReview


def records_of(model, agency, year: int):
    return (
        model.objects.filter(agency=agency, held_on__year=year)
        .select_related("recorded_by")
        .order_by("-held_on", "-pk")
    )


def _last(model, agency_ids, year: int) -> dict[int, date]:
    rows = (
        model.objects.filter(agency_id__in=agency_ids, held_on__year=year)
        .values("agency_id")
        .annotate(last=Max("held_on"))
    )
    return {row["agency_id"]: row["last"] for row in rows}


def last_internal_audits(agency_ids, year: int) -> dict[int, date]:
    """{agency id: date of its last internal audit in `year`} (one query)."""
    return _last(InternalAudit, agency_ids, year)


def last_management_reviews(agency_ids, year: int) -> dict[int, date]:
    """{agency id: date of its last management review in `year`} (one query)."""
    return _last(ManagementReview, agency_ids, year)
