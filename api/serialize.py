"""Models and selector results turned into the plain data of api/schemas.py. Labels and printed
wordings are given in Vietnamese, the language of the documents themselves."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from agencies.oversight import scope_rows
from documents.models import Status
from monitoring.scoring import Outcome
from monitoring.templatetags.monitoring_tags import target_text
from objectives.selectors import objective_groups


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def provinces_by_agency(agency_ids) -> dict[int, list[dict]]:
    """{agency id: the oversight bodies (provinces) whose scope holds it today} (1 query)."""
    found: dict[int, list[dict]] = {}
    rows = scope_rows().filter(agency_id__in=list(agency_ids)).select_related("body")
    for row in rows.order_by("body__region_name", "body_id"):
        body = row.body
        found.setdefault(row.agency_id, []).append(
            {"slug": body.slug, "name": body.name, "region_name": body.region_name}
        )
    return found


def agency_data(agency, provinces: list[dict], *, scoped: bool = False) -> dict:
    name = "api:scope_agency" if scoped else "api:agency"
    return {
        "id": agency.pk,
        "name": agency.name,
        "short_name": agency.short_name,
        "slug": agency.slug,
        "governing_body": agency.governing_body,
        "place_name": agency.place_name,
        "provinces": provinces,
        "publishes_results": agency.publishes_results,
        "publishes_department_sets": agency.publishes_department_sets,
        "url": absolute(reverse(name, kwargs={"agency_id": agency.pk})),
    }


def agency_detail_data(agency, provinces, years: list[int], *, scoped: bool = False) -> dict:
    sets_name = "api:scope_agency_sets" if scoped else "api:agency_sets"
    return {
        **agency_data(agency, provinces, scoped=scoped),
        "quality_policy": agency.quality_policy,
        "iso_standard": agency.iso_standard,
        "years": years,
        "sets_url": absolute(reverse(sets_name, kwargs={"agency_id": agency.pk})),
    }


def set_summary_data(objective_set, *, scoped: bool = False) -> dict:
    name = "api:scope_set" if scoped else "api:set"
    with translation.override("vi"):
        status_label = str(Status(objective_set.status).label)
    return {
        "id": objective_set.pk,
        "agency_id": objective_set.agency_id,
        "agency_name": objective_set.agency.name,
        "department": objective_set.department.name if objective_set.department_id else None,
        "year": objective_set.year,
        "title": objective_set.display_title,
        "status": objective_set.status,
        "status_label": status_label,
        "in_force": objective_set.status == Status.PUBLISHED,
        "revision": objective_set.revision,
        "number_and_symbol": objective_set.number_and_symbol,
        "issued_on": objective_set.issued_on,
        "published_at": objective_set.published_at,
        "url": absolute(reverse(name, kwargs={"set_id": objective_set.pk})),
    }


def _target_data(target) -> dict:
    return {
        "id": target.pk,
        "indicator": target.indicator,
        "comparison": target.comparison,
        "comparison_label": str(target.get_comparison_display()),
        "value": target.value,
        "unit": target.unit,
        "baseline": target.baseline,
        "is_cumulative": target.is_cumulative,
        "wording": target_text(target),
    }


def _objective_data(objective) -> dict:
    return {
        "id": objective.pk,
        "number": objective.number,
        "content": objective.content,
        "measures": objective.measures,
        "resources": objective.resources,
        "lead_unit": objective.lead_unit.name if objective.lead_unit_id else None,
        "supporting_units": [unit.name for unit in objective.supporting_units.all()],
        "responsible_person": objective.responsible_person,
        "timeframe": objective.timeframe,
        "deadline": objective.deadline,
        "reporting_frequencies": list(objective.reporting_frequencies or []),
        "reporting_wording": objective.reporting_wording,
        "evaluation_method": objective.evaluation_method,
        "targets": [_target_data(t) for t in objective.targets.all()],
    }


def _verification(objective_set) -> dict:
    code = objective_set.verification_code
    if not code:
        return {"code": None, "url": None, "file_url": None}
    file_url = None
    if objective_set.issued_file:
        file_url = absolute(reverse("documents:verify_file", kwargs={"code": code}))
    return {
        "code": code,
        "url": absolute(reverse("documents:verify", kwargs={"code": code})),
        "file_url": file_url,
    }


def set_detail_data(
    objective_set, *, superseded_by: int | None, results_url: str | None, scoped=False
) -> dict:
    """`objective_set` comes from objectives.selectors.sets_with_content (no further query but
    the supporting units, prefetched there)."""
    with translation.override("vi"):
        sections = [
            {
                "title": section.title if section is not None else None,
                "objectives": [_objective_data(o) for o in objectives],
            }
            for section, objectives in objective_groups(objective_set)
            if section is not None or objectives
        ]
    return {
        **set_summary_data(objective_set, scoped=scoped),
        "form": objective_set.form,
        "iso_standard": objective_set.iso_standard,
        "preamble": objective_set.preamble,
        "sections": sections,
        "issue": {
            "number": objective_set.number,
            "symbol": objective_set.symbol,
            "number_and_symbol": objective_set.number_and_symbol,
            "issued_on": objective_set.issued_on,
            "place_name": objective_set.place_name,
            "governing_body": objective_set.header_governing_body,
            "agency_name": objective_set.header_agency_name,
            "signing_lines": [str(line) for line in objective_set.signing_lines or []],
            "signer_name": objective_set.signer_name,
            "digitally_signed": objective_set.is_digitally_signed,
            "sha256": objective_set.issued_sha256,
        },
        "verification": _verification(objective_set),
        "superseded_by": superseded_by,
        "results_url": results_url,
    }


def period_data(period, reading, outcome: str) -> dict:
    with translation.override("vi"):
        label, outcome_label = str(period.label), str(Outcome(outcome).label)
    return {
        "period": period.key,
        "label": label,
        "start": period.start,
        "end": period.end,
        "value": getattr(reading, "value", None),
        "numerator": getattr(reading, "numerator", None),
        "denominator": getattr(reading, "denominator", None),
        "assessment": getattr(reading, "assessment", "") or "",
        "outcome": outcome,
        "outcome_label": outcome_label,
    }


def target_results_data(objective, target, published: dict) -> dict:
    """A target's confirmed results (publication.selectors.public_results)."""
    with translation.override("vi"):
        wording = target_text(target)
    return {
        "target_id": target.pk,
        "objective_id": objective.pk,
        "wording": wording,
        "unit": target.unit,
        "results": [period_data(r.period, r, r.outcome) for r in published.get(target.pk, [])],
    }
