"""The public endpoints: what the public pages show (publication.selectors decides what anyone
may read: published sets, agency level unless the agency opens its departments', results only
where the agency publishes them), for any client, from any origin, without a token."""

from django.http import Http404
from django.urls import reverse
from ninja import Path, Query, Router

from agencies.models import Agency
from api import serialize
from api.operations import get
from api.paging import MAX_ID, SLUG_PATTERN, TEXT_PATTERN, Limit, Offset, page, year_query
from api.schemas import AgencyDetailOut, AgencyPage, SetDetailOut, SetPage, SetResultsOut
from objectives.selectors import objective_groups
from publication import selectors
from qms_objectives.text import fold_for_search

router = Router(tags=["Công khai (public)"])

AgencyId = Path(..., ge=1, le=MAX_ID, description="Mã cơ quan.")
SetId = Path(..., ge=1, le=MAX_ID, description="Mã bộ mục tiêu.")
GoverningBody = Query(
    None,
    max_length=255,
    pattern=TEXT_PATTERN,
    description="Cơ quan chủ quản chứa chuỗi này (không phân biệt dấu, hoa thường).",
)


def filter_governing_body(agencies, text: str | None):
    """Agencies whose governing body contains `text`, diacritics and case folded."""
    folded = fold_for_search(text or "")
    if not folded:
        return agencies
    return [a for a in agencies if folded in fold_for_search(a.governing_body)]


def agency_page(request, agencies, *, limit, offset, scoped=False):
    agencies = list(agencies)
    provinces = serialize.provinces_by_agency([a.pk for a in agencies[offset : offset + limit]])
    return page(
        request,
        agencies,
        limit=limit,
        offset=offset,
        serialize=lambda a: serialize.agency_data(a, provinces.get(a.pk, []), scoped=scoped),
    )


def _active_agency(agency_id: int) -> Agency:
    agency = Agency.objects.active().filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


@get(router, "/agencies", name="agencies", response=AgencyPage)
def agencies(
    request,
    year: int | None = year_query("Chỉ các cơ quan có bộ mục tiêu công khai năm này."),
    governing_body: str | None = GoverningBody,
    province: str | None = Query(
        None,
        pattern=SLUG_PATTERN,
        description="Địa chỉ của tỉnh (đơn vị quản lý), ví dụ “dong-nai”: các cơ quan trong "
        "phạm vi quản lý (năm `year` nếu có, hôm nay nếu không).",
    ),
    limit: int = Limit,
    offset: int = Offset,
):
    """Các cơ quan (agencies), lọc theo năm, cơ quan chủ quản, tỉnh."""
    found = Agency.objects.active()
    if province:
        body = selectors.province_by_slug(province)
        found = selectors.agencies_of_province(body, year=year) if body else found.none()
    if year is not None:
        found = found.filter(pk__in=selectors.public_sets(year=year).values("agency_id"))
    found = filter_governing_body(found.order_by("name", "pk"), governing_body)
    return agency_page(request, found, limit=limit, offset=offset)


@get(router, "/agencies/{agency_id}", name="agency", response=AgencyDetailOut)
def agency(request, agency_id: int = AgencyId):
    """Một cơ quan: chính sách chất lượng, các năm có mục tiêu công khai."""
    found = _active_agency(agency_id)
    provinces = serialize.provinces_by_agency([found.pk]).get(found.pk, [])
    return serialize.agency_detail_data(found, provinces, selectors.public_years(found))


@get(router, "/agencies/{agency_id}/sets", name="agency_sets", response=SetPage)
def agency_sets(
    request,
    agency_id: int = AgencyId,
    year: int | None = year_query("Năm của bộ mục tiêu."),
    limit: int = Limit,
    offset: int = Offset,
):
    """Các bộ mục tiêu đã công bố của cơ quan (đang hiệu lực và đã được thay thế)."""
    found = _active_agency(agency_id)
    sets = selectors.public_sets(found, year=year)
    return page(request, sets, limit=limit, offset=offset, serialize=serialize.set_summary_data)


@get(router, "/sets/{set_id}", name="set", response=SetDetailOut)
def objective_set(request, set_id: int = SetId):
    """Một bộ mục tiêu đã công bố: các mục, mục tiêu, chỉ tiêu, số ký hiệu, ngày, người ký,
    mã xác thực."""
    found = selectors.public_set(set_id)
    if found is None:
        raise Http404
    same_year = selectors.public_sets(found.agency, year=found.year)
    replacement = selectors.superseding(found, same_year)
    results_url = None
    if selectors.results_published(found.agency):
        results_url = serialize.absolute(reverse("api:set_results", kwargs={"set_id": found.pk}))
    return serialize.set_detail_data(
        found, superseded_by=replacement.pk if replacement else None, results_url=results_url
    )


@get(router, "/sets/{set_id}/results", name="set_results", response=SetResultsOut)
def set_results(request, set_id: int = SetId):
    """Kết quả thực hiện từng kỳ đã được xác nhận — chỉ khi cơ quan công khai kết quả."""
    found = selectors.public_set(set_id)
    if found is None or not selectors.results_published(found.agency):
        raise Http404
    published = selectors.public_results(found)
    groups = objective_groups(found)  # public_set loaded the content
    targets = []
    for _section, objectives in groups:
        for objective in objectives:
            for target in objective.targets.all():
                targets.append(serialize.target_results_data(objective, target, published))
    return {"set_id": found.pk, "year": found.year, "targets": targets}
