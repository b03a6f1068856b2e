"""The public endpoints answer what the public pages show and nothing else: a set in every
status of the workflow, at agency and at department level, reaches the public side only once
published (or superseded after its publication); results only while the agency publishes them;
an agency's department sets only where it opens them. Every public endpoint is walked
(PUBLIC_API_URLS), as the rulebook's anonymous role (documents/rulebook.py `view_public`)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from documents.models import Status
from monitoring.models import MonitoringPlan, ObjectivePlan, PeriodConfirmation, Result
from tests.factories import ObjectiveSetFactory
from tests.factories_oversight import OversightBodyFactory, OversightScopeFactory

pytestmark = pytest.mark.django_db

YEAR = 2024
# Every public endpoint that can show a set: {name: (url of the set, does the answer show it?)}.
# The token endpoints (/scope/) answer 401 without a token (tests/api/test_token_scope.py).


def _listed(data, pk) -> bool:
    return any(row["id"] == pk for row in data["results"])


PUBLIC_API_URLS = {
    "agency sets": (
        lambda s: f"/api/v1/agencies/{s.agency_id}/sets",
        lambda data, s: _listed(data, s.pk),
    ),
    "agency sets of the year": (
        lambda s: f"/api/v1/agencies/{s.agency_id}/sets?year={s.year}",
        lambda data, s: _listed(data, s.pk),
    ),
    "agency's years": (
        lambda s: f"/api/v1/agencies/{s.agency_id}",
        lambda data, s: s.year in data["years"],
    ),
    "agencies of the year": (
        lambda s: f"/api/v1/agencies?year={s.year}",
        lambda data, s: _listed(data, s.agency_id),
    ),
    "set": (lambda s: f"/api/v1/sets/{s.pk}", lambda data, s: data["id"] == s.pk),
    "set results": (
        lambda s: f"/api/v1/sets/{s.pk}/results",
        lambda data, s: data["set_id"] == s.pk,
    ),
    "open data json": (
        lambda s: f"/api/v1/open-data/tinh-thu/{s.year}/objectives.json",
        lambda data, s: any(row["set_id"] == s.pk for row in data["rows"]),
    ),
    "open data csv": (
        lambda s: f"/api/v1/open-data/tinh-thu/{s.year}/objectives.csv",
        lambda text, s: f",{s.pk},{s.year}," in text,
    ),
}


def _shows(client, name: str, objective_set) -> bool:
    url, shows = PUBLIC_API_URLS[name]
    response = client.get(url(objective_set))
    if response.status_code == 404:
        return False
    assert response.status_code == 200, (name, response.content[:300])
    if response["Content-Type"].startswith("text/csv"):
        return shows(response.content.decode("utf-8-sig"), objective_set)
    return shows(response.json(), objective_set)


def _superseded(agency, department, *, published_before: bool):
    published_at = timezone.now() if published_before else None
    return ObjectiveSetFactory(
        agency=agency,
        department=department,
        year=YEAR,
        status=Status.SUPERSEDED,
        published_at=published_at,
        number=12,
        symbol="QĐ-VP",
        issued_on=date(YEAR, 1, 15),
        with_objectives=1,
    )


def _set_in(agency, department, status):
    if status == "superseded_unpublished":
        return _superseded(agency, department, published_before=False)
    if status == Status.SUPERSEDED:
        return _superseded(agency, department, published_before=True)
    traits = {
        Status.APPROVED: {"approved": True},
        Status.ISSUED: {"issued": True},
        Status.PUBLISHED: {"published": True},
    }.get(status, {"status": status})
    return ObjectiveSetFactory(
        agency=agency, department=department, year=YEAR, with_objectives=1, **traits
    )


def _results(objective_set, people, *, confirmed: bool):
    objective = objective_set.objectives.get()
    plan = MonitoringPlan.objects.create(objective_set=objective_set)
    ObjectivePlan.objects.create(
        plan=plan, objective=objective, agency=objective_set.agency, frequency="quarterly"
    )
    Result.objects.create(
        target=objective.targets.get(),
        period_key=f"{YEAR}-Q1",
        period_start=date(YEAR, 1, 1),
        period_end=date(YEAR, 3, 31),
        value=Decimal("97.5"),
        recorded_by=people["iso_officer"],
    )
    if confirmed:
        PeriodConfirmation.objects.create(
            agency=objective_set.agency,
            period_key=f"{YEAR}-Q1",
            period_start=date(YEAR, 1, 1),
            period_end=date(YEAR, 3, 31),
            confirmed_by=people["head"],
        )


STATUSES = [*Status.values, "superseded_unpublished"]
PUBLIC = {Status.PUBLISHED, Status.SUPERSEDED}


@pytest.fixture
def province(agency):
    body = OversightBodyFactory(slug="tinh-thu")
    OversightScopeFactory(body=body, agency=agency)
    return body


@pytest.mark.parametrize("level", ["agency", "department"])
@pytest.mark.parametrize("status", STATUSES)
def test_every_status_at_every_public_endpoint(client, agency, department, province, status, level):
    objective_set = _set_in(agency, department if level == "department" else None, status)
    public = status in PUBLIC and level == "agency"  # departments' sets are not opened

    shown = {name: _shows(client, name, objective_set) for name in PUBLIC_API_URLS}

    # Results are never shown here (the agency does not publish them): "set results" is 404.
    expected = {name: public and name != "set results" for name in PUBLIC_API_URLS}
    if status == Status.SUPERSEDED:  # no longer in force: not in the year's open data
        expected["open data json"] = expected["open data csv"] = False
    assert shown == expected


def test_an_agency_that_opens_its_departments_sets_shows_them(client, agency, department):
    agency.publishes_department_sets = True
    agency.save(update_fields=["publishes_department_sets"])
    published = _set_in(agency, department, Status.PUBLISHED)
    draft = ObjectiveSetFactory(agency=agency, department=department, year=2025, with_objectives=1)

    assert client.get(f"/api/v1/sets/{published.pk}").status_code == 200
    assert client.get(f"/api/v1/sets/{draft.pk}").status_code == 404


def test_results_only_while_the_agency_publishes_them_and_only_confirmed(client, agency, people):
    confirmed = _set_in(agency, None, Status.PUBLISHED)
    _results(confirmed, people, confirmed=True)
    url = f"/api/v1/sets/{confirmed.pk}/results"

    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/sets/{confirmed.pk}").json()["results_url"] is None

    agency.publishes_results = True
    agency.save(update_fields=["publishes_results"])
    data = client.get(url).json()
    (target,) = data["targets"]
    assert [(r["period"], r["value"], r["outcome"]) for r in target["results"]] == [
        (f"{YEAR}-Q1", "97.5000", "reached")
    ]
    assert client.get(f"/api/v1/sets/{confirmed.pk}").json()["results_url"].endswith(url)


def test_an_unconfirmed_period_is_not_public(client, agency, people):
    agency.publishes_results = True
    agency.save(update_fields=["publishes_results"])
    objective_set = _set_in(agency, None, Status.PUBLISHED)
    _results(objective_set, people, confirmed=False)

    (target,) = client.get(f"/api/v1/sets/{objective_set.pk}/results").json()["targets"]
    assert target["results"] == []


def test_a_set_carries_its_document_content_issue_and_verification(client, agency):
    objective_set = ObjectiveSetFactory(
        agency=agency,
        year=YEAR,
        published=True,
        verification_code="ABCD2024",
        signer_name="Nguyễn Kim Long",
        signing_lines=["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
        with_objectives=2,
        with_objectives__numbered=True,
    )

    data = client.get(f"/api/v1/sets/{objective_set.pk}").json()

    assert data["issue"]["number_and_symbol"] == "124/QĐ-VP"
    assert data["issue"]["issued_on"] == f"{YEAR}-01-15"
    assert data["issue"]["signer_name"] == "Nguyễn Kim Long"
    assert data["issue"]["signing_lines"] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert data["verification"]["code"] == "ABCD2024"
    assert data["verification"]["url"].endswith("/v/ABCD2024/")
    (section,) = data["sections"]
    assert section["title"] == objective_set.sections.get().title
    assert [o["number"] for o in section["objectives"]] == [1, 2]
    target = section["objectives"][1]["targets"][0]
    assert (target["comparison"], target["value"], target["unit"], target["wording"]) == (
        "at_least",
        "92.0000",
        "%",
        "≥ 92%",
    )
