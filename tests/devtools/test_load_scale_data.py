"""`manage.py load_scale_data`, run tiny: the shape the benches rely on, bulk-written without
history rows, one shared stored PDF, and pages that open on it."""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from agencies.models import Agency, Department, Membership, OversightScope
from devtools.scale import username
from devtools.scale_oversight import oversight_username
from documents.models import Status
from monitoring.models import PeriodConfirmation, Result
from objectives.models import Objective, ObjectiveSet, SearchEntry, Target
from oversight.models import AgencyYearSummary, ObjectivesStatus

pytestmark = pytest.mark.usefixtures("fast_render")

SIZE = {"agencies": 2, "departments": 3, "years": 2, "objectives": 3, "last_year": 2025}


@pytest.fixture
def loaded(db, settings):
    settings.DEBUG = True
    call_command("load_scale_data", **SIZE)


def test_it_builds_the_requested_shape(loaded):
    assert Agency.objects.filter(short_name__startswith="SCALE-").count() == 2
    assert Department.objects.count() == 6
    assert Membership.objects.count() == 2 * (4 + 3 * 3)
    assert ObjectiveSet.objects.count() == 2 * 2 * (1 + 3)
    assert Objective.objects.count() == Target.objects.count() == 16 * 3
    assert SearchEntry.objects.count() == 16 + 16 * 3
    open_sets = ObjectiveSet.objects.filter(year=2025, department__order__lt=3)
    assert sorted(open_sets.values_list("status", flat=True)) == sorted(
        [Status.DRAFT, Status.SUBMITTED, Status.APPROVED] * 2
    )
    published = ObjectiveSet.objects.filter(status=Status.PUBLISHED)
    assert published.count() == 16 - 6
    assert Result.objects.count() == published.count() * 4 * 3  # every quarter of past years
    assert PeriodConfirmation.objects.count() == published.count() * 4


def test_it_links_department_sets_to_the_agency_and_years_to_the_last(loaded):
    department_objective = Objective.objects.filter(
        objective_set__department__isnull=False, objective_set__year=2025
    ).first()
    assert department_objective.parent.objective_set.department is None
    assert department_objective.parent.objective_set.year == 2025
    assert department_objective.copied_from.objective_set.year == 2024
    assert department_objective.targets.get().parent is not None


def test_it_writes_no_history_and_one_shared_pdf(loaded):
    assert ObjectiveSet.history.count() == 0
    assert Objective.history.count() == 0
    assert Agency.history.count() == 0
    published = ObjectiveSet.objects.filter(status=Status.PUBLISHED)
    assert published.values("issued_file").distinct().count() == 1
    document = published.first()
    data = document.issued_file.read()
    assert hashlib.sha256(data).hexdigest() == document.issued_sha256
    codes = published.values_list("verification_code", flat=True)
    assert len(set(codes)) == published.count()


def test_its_people_open_the_pages_the_benches_measure(loaded):
    agency = Agency.objects.get(short_name="SCALE-001")
    iso, staff = Client(), Client()
    iso.force_login(Membership.objects.get(user__username=username("SCALE", 1, "iso")).user)
    staff.force_login(
        Membership.objects.get(user__username=username("SCALE", 1, "d00-staff1")).user
    )
    assert iso.get(reverse("monitoring:dashboard", args=[agency.pk, 2024])).status_code == 200
    assert staff.get(reverse("objectives:reading_list")).status_code == 200
    found = staff.get(reverse("objectives:reading_search"), {"q": "ho so dung han"})
    assert found.status_code == 200
    assert found.context["results"]  # the search index was written with the rows


def test_it_refuses_a_second_load_with_the_same_prefix(loaded):
    with pytest.raises(CommandError, match="exist already"):
        call_command("load_scale_data", **SIZE)
    call_command("load_scale_data", **{**SIZE, "agencies": 1, "prefix": "MORE"})
    assert Agency.objects.filter(short_name="MORE-001").exists()


def test_it_refuses_to_run_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password"):
        call_command("load_scale_data", **SIZE)
    assert not Agency.objects.exists()


def test_it_gives_the_agencies_an_oversight_body_with_scope_and_summaries(loaded):
    scale = Agency.objects.filter(short_name__startswith="SCALE-")
    scope = OversightScope.objects.during_year(2025)
    assert set(scope.values_list("agency_id", flat=True)) == set(scale.values_list("pk", flat=True))
    summaries = AgencyYearSummary.objects.filter(agency__in=scale)
    assert summaries.count() == 2 * 2
    assert set(summaries.filter(year=2024).values_list("objectives_status", flat=True)) == {
        ObjectivesStatus.PUBLISHED
    }
    inspector = Client()
    inspector.force_login(
        get_user_model().objects.get(username=oversight_username("SCALE", "inspector"))
    )
    body = scope.first().body
    table = inspector.get(reverse("oversight:table", args=[body.pk, 2025]))
    assert len(table.context["rows"]) == 2
