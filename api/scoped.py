"""The endpoints of a token (Authorization: Bearer …): the agencies it covers (api.auth), every
status of their sets, results and scores per period, the year-end evaluation figures. Anything
outside the token's scope answers 404, exactly as a set that does not exist."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Query, Router

from agencies.models import Agency
from api import serialize
from api.auth import ApiTokenAuth, token_agency_ids, token_documents_q
from api.figures import evaluation_data, monitoring_data
from api.operations import get
from api.paging import MAX_ID, Limit, Offset, page, year_query
from api.public import GoverningBody, agency_page, filter_governing_body
from api.schemas import (
    AgencyDetailOut,
    AgencyPage,
    EvaluationOut,
    MonitoringOut,
    SetDetailOut,
    SetPage,
)
from documents.models import Status
from objectives.models import ObjectiveSet
from objectives.selectors import sets_with_content

router = Router(tags=["Theo khóa API (token)"], auth=ApiTokenAuth())
ERRORS = (401, 404, 422, 429)

AgencyId = Path(..., ge=1, le=MAX_ID, description="Mã cơ quan.")
SetId = Path(..., ge=1, le=MAX_ID, description="Mã bộ mục tiêu.")
StatusFilter = Query(None, description="Trạng thái (draft, submitted, approved, …).")


def _agency_in_scope(token, agency_id: int) -> Agency:
    if agency_id not in token_agency_ids(token):
        raise Http404
    agency = Agency.objects.active().filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


def _sets_in_scope(token):
    return ObjectiveSet.objects.filter(token_documents_q(token), agency__is_active=True)


def _set_in_scope(token, set_id: int, *, content: bool = False) -> ObjectiveSet:
    sets = sets_with_content() if content else ObjectiveSet.objects.select_related("agency")
    found = sets.filter(token_documents_q(token), agency__is_active=True, pk=set_id).first()
    if found is None:
        raise Http404
    return found


@get(router, "/agencies", name="scope_agencies", response=AgencyPage, errors=ERRORS)
def scope_agencies(
    request,
    year: int | None = year_query("Các cơ quan trong phạm vi của khóa năm này."),
    governing_body: str | None = GoverningBody,
    limit: int = Limit,
    offset: int = Offset,
):
    """Các cơ quan khóa API đọc được."""
    ids = token_agency_ids(request.auth, year=year)
    found = Agency.objects.active().filter(pk__in=ids).order_by("name", "pk")
    found = filter_governing_body(found, governing_body)
    return agency_page(request, found, limit=limit, offset=offset, scoped=True)


@get(router, "/agencies/{agency_id}", name="scope_agency", response=AgencyDetailOut, errors=ERRORS)
def scope_agency(request, agency_id: int = AgencyId):
    """Một cơ quan trong phạm vi: các năm có bộ mục tiêu (mọi trạng thái) khóa đọc được."""
    found = _agency_in_scope(request.auth, agency_id)
    years = _sets_in_scope(request.auth).filter(agency=found).values_list("year", flat=True)
    provinces = serialize.provinces_by_agency([found.pk]).get(found.pk, [])
    return serialize.agency_detail_data(
        found, provinces, sorted(set(years), reverse=True), scoped=True
    )


@get(
    router, "/agencies/{agency_id}/sets", name="scope_agency_sets", response=SetPage, errors=ERRORS
)
def scope_agency_sets(
    request,
    agency_id: int = AgencyId,
    year: int | None = year_query("Năm của bộ mục tiêu."),
    status: Status | None = StatusFilter,
    limit: int = Limit,
    offset: int = Offset,
):
    """Mọi bộ mục tiêu của cơ quan (cấp cơ quan và cấp phòng), mọi trạng thái."""
    found = _agency_in_scope(request.auth, agency_id)
    sets = _sets_in_scope(request.auth).filter(agency=found).select_related("agency", "department")
    if year is not None:
        sets = sets.filter(year=year)
    if status is not None:
        sets = sets.filter(status=status)
    sets = sets.order_by("-year", "department__order", "department__name", "-revision", "-pk")
    return page(
        request,
        sets,
        limit=limit,
        offset=offset,
        serialize=lambda s: serialize.set_summary_data(s, scoped=True),
    )


@get(router, "/sets/{set_id}", name="scope_set", response=SetDetailOut, errors=ERRORS)
def scope_set(request, set_id: int = SetId):
    """Một bộ mục tiêu trong phạm vi, ở bất kỳ trạng thái nào."""
    found = _set_in_scope(request.auth, set_id, content=True)
    replacement = None
    if found.status == Status.SUPERSEDED:
        replacement = (
            ObjectiveSet.objects.filter(
                agency_id=found.agency_id,
                department_id=found.department_id,
                year=found.year,
                status=Status.PUBLISHED,
            )
            .values_list("pk", flat=True)
            .first()
        )
    monitoring_url = serialize.absolute(
        reverse("api:scope_set_monitoring", kwargs={"set_id": found.pk})
    )
    return serialize.set_detail_data(
        found, superseded_by=replacement, results_url=monitoring_url, scoped=True
    )


@get(
    router,
    "/sets/{set_id}/monitoring",
    name="scope_set_monitoring",
    response=MonitoringOut,
    errors=ERRORS,
)
def scope_set_monitoring(request, set_id: int = SetId):
    """Kết quả và chấm điểm từng kỳ của mọi chỉ tiêu (như bảng theo dõi), lũy kế năm."""
    found = _set_in_scope(request.auth, set_id)
    return monitoring_data(found, today=timezone.localdate())


@get(
    router,
    "/sets/{set_id}/evaluation",
    name="scope_set_evaluation",
    response=EvaluationOut,
    errors=ERRORS,
)
def scope_set_evaluation(request, set_id: int = SetId):
    """Số liệu đánh giá cuối năm: của báo cáo đã ban hành, chưa có thì tính lúc hỏi."""
    found = _set_in_scope(request.auth, set_id)
    return evaluation_data(found, today=timezone.localdate())
