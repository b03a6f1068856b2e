"""The public pages (no login): the provinces, a province's agencies and their objectives in
force, an agency's policy and objectives, a year's sets with their results where published,
the issued PDF, and the sitemap. Nothing but what publication.selectors returns is shown; each
page is rendered without the request and kept whole by publication.page_cache."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from publication import selectors
from publication import versions as page_versions
from publication.issued import issued_text
from publication.page_cache import language_query, public_response
from publication.slugs import folded_slug

FIRST_YEAR = 2000
LAST_YEAR = 2200


def _moved(request, name: str, *args) -> HttpResponsePermanentRedirect:
    """301 to the page's current address, keeping the chosen language."""
    return HttpResponsePermanentRedirect(reverse(name, args=args) + language_query(request))


def _province(slug: str):
    """(body, None) for a current slug, (None, body) for an earlier one; 404 otherwise."""
    body = selectors.province_by_slug(slug)
    if body is not None:
        return body, None
    moved = selectors.province_by_old_slug(slug)
    if moved is None:
        raise Http404
    return None, moved


def _agency(body, slug: str, *, year: int | None = None):
    """(agency, None) for a current slug under the province, (None, agency) for an earlier
    one; 404 otherwise."""
    agency = selectors.agency_in_province(body, slug, year=year)
    if agency is not None:
        return agency, None
    moved = selectors.agency_by_old_slug(body, slug, year=year)
    if moved is None:
        raise Http404
    return None, moved


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    return year


@require_safe
def province_list(request):
    versions = page_versions.current([page_versions.PROVINCES])
    context = {"provinces": list(selectors.provinces())}
    return public_response(request, "publication/province_list.html", context, versions)


@require_safe
def province_page(request, province: str, year: int | None = None):
    """The province's agencies and their objectives in force for a year (this year by
    default)."""
    body, moved = _province(province)
    if moved is not None:
        if year is None:
            return _moved(request, "publication:province", moved.slug)
        return _moved(request, "publication:province_year", moved.slug, year)
    this_year = selectors.today().year
    if year is not None and (_year(year) == this_year):
        return _moved(request, "publication:province", body.slug)
    year = year or this_year
    versions = page_versions.current([page_versions.province_key(body.pk)])
    rows = selectors.province_overview(body, year)
    context = {
        "body": body,
        "year": year,
        "this_year": this_year,
        "years": sorted({this_year, *selectors.province_years(body)}, reverse=True),
        "rows": rows,
        "published_count": sum(1 for row in rows if row.has_published),
    }
    return public_response(request, "publication/province.html", context, versions)


def _set_entry(objective_set, *, with_results: bool) -> dict:
    """A set as its page shows it: the issued document's own words (the context its PDF was
    printed from) and, where the agency publishes them, the confirmed results of its
    objectives."""
    loaded, groups = selectors.public_set_with_content(objective_set)
    results = selectors.public_results(loaded) if with_results else {}
    reported = [
        objective
        for _section, objectives in groups
        for objective in objectives
        if any(target.pk in results for target in objective.targets.all())
    ]
    return {
        "set": loaded,
        "document": issued_text(loaded),
        "reported": reported,
        "results": results,
    }


@require_safe
def agency_page(request, province: str, agency: str):
    body, moved = _province(province)
    if moved is not None:
        return _moved(request, "publication:agency", moved.slug, agency)
    found, moved = _agency(body, agency)
    if moved is not None:
        return _moved(request, "publication:agency", body.slug, moved.slug)
    versions = page_versions.current([page_versions.agency_key(found.pk)])
    year = selectors.today().year
    sets = list(selectors.public_sets(found))
    in_force = [s for s in sets if s.year == year and selectors.is_in_force(s)]
    main = next((s for s in in_force if s.department_id is None), None)
    context = {
        "body": body,
        "agency": found,
        "year": year,
        "main": _set_entry(main, with_results=False) if main else None,
        "department_sets": [s for s in in_force if s.department_id is not None],
        "earlier": _by_year([s for s in sets if s not in in_force]),
        "results_published": selectors.results_published(found),
    }
    return public_response(request, "publication/agency.html", context, versions)


def _by_year(sets) -> list[tuple[int, list]]:
    years: dict[int, list] = {}
    for objective_set in sets:
        years.setdefault(objective_set.year, []).append(objective_set)
    return sorted(years.items(), reverse=True)


@require_safe
def year_page(request, province: str, agency: str, year: int):
    year = _year(year)
    body, moved = _province(province)
    if moved is not None:
        return _moved(request, "publication:year", moved.slug, agency, year)
    found, moved = _agency(body, agency, year=year)
    if moved is not None:
        return _moved(request, "publication:year", body.slug, moved.slug, year)
    versions = page_versions.current(
        [page_versions.agency_meta_key(found.pk), page_versions.agency_year_key(found.pk, year)]
    )
    sets = list(selectors.public_sets(found, year=year))
    if not sets:
        raise Http404
    with_results = selectors.results_published(found)
    entries = [_set_entry(s, with_results=with_results) for s in sets]
    for entry in entries:
        entry["replacement"] = selectors.superseding(entry["set"], sets)
    context = {
        "body": body,
        "agency": found,
        "year": year,
        "entries": entries,
        "years": selectors.public_years(found),
        "results_published": with_results,
    }
    return public_response(request, "publication/year.html", context, versions)


@require_safe
def set_pdf(request, province: str, agency: str, year: int, pk: int):
    """The issued file of a published (or once published, now superseded) set, byte for byte."""
    body, _moved_body = _province(province)
    if body is None:
        raise Http404
    found = selectors.agency_in_province(body, agency, year=_year(year))
    if found is None:
        raise Http404
    objective_set = selectors.public_sets(found, year=year).filter(pk=pk).first()
    if objective_set is None or not objective_set.issued_file:
        raise Http404
    if not default_storage.exists(objective_set.issued_file.name):
        raise Http404
    name = folded_slug(f"{objective_set.display_title} {objective_set.number_and_symbol}")
    response = FileResponse(
        objective_set.issued_file.open("rb"),
        as_attachment=True,
        filename=f"{name}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def sitemap(request):
    versions = page_versions.current([page_versions.SITEMAP, page_versions.PROVINCES])
    base = request.build_absolute_uri("/").rstrip("/")
    entries = [reverse("publication:province_list")]
    for body in selectors.provinces():
        entries.append(reverse("publication:province", args=[body.slug]))
        this_year = selectors.today().year
        for year in selectors.province_years(body):
            if year != this_year:
                entries.append(reverse("publication:province_year", args=[body.slug, year]))
        agencies = selectors.agencies_of_province(body).exclude(slug="").order_by("name", "pk")
        for agency in agencies:
            entries.append(reverse("publication:agency", args=[body.slug, agency.slug]))
            for year in selectors.public_years(agency):
                entries.append(reverse("publication:year", args=[body.slug, agency.slug, year]))
    response = public_response(
        request, "publication/sitemap.xml", {"urls": [base + e for e in entries]}, versions
    )
    response["Content-Type"] = "application/xml; charset=utf-8"
    return response
