"""The installation administrator's tools: `create_oversight_body`, `move_agency`, the Django
admin's pages for bodies and dated terms (autocomplete, never raw ids) and its move action, and
the data migration that gives every agency its governing body as a dated term. An issued
document keeps the governing body it was issued under after a move."""

import datetime
import hashlib
import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from agencies.models import Agency, GoverningBodyTerm, Invitation, OversightBody, OversightScope
from agencies.oversight import agency_ids_in_scope
from documents.nd30 import owner_names
from tests.objectives.reading_data import published_set

MERGER = "01/07/2025"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.gov.vn", "x-Pass-123")


@pytest.fixture
def da_nang(db):
    own = Agency.objects.create(
        name="Sở Khoa học và Công nghệ thành phố Đà Nẵng",
        short_name="SKHCN Đà Nẵng",
        symbol="SKHCN",
        place_name="Đà Nẵng",
        head_title="Giám đốc",
    )
    return OversightBody.objects.create(
        agency=own,
        name="Sở Khoa học và Công nghệ thành phố Đà Nẵng",
        region_name="Đà Nẵng",
        slug="da-nang",
        inspecting_unit="Phòng Tiêu chuẩn Đo lường Chất lượng",
    )


def test_create_oversight_body_makes_the_body_and_invites_its_administrator(
    superuser, mailoutbox, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_oversight_body",
            "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
            "Đồng Nai",
            "dong-nai",
            "Phòng Tiêu chuẩn Đo lường Chất lượng",
            "--short-name=SKHCN Đồng Nai",
            "--symbol=SKHCN",
            "--place=Đồng Nai",
            "--governing-body=UBND TỈNH ĐỒNG NAI",
            "--admin-email=qt@skhcn.example.gov.vn",
            stdout=out,
        )
    body = OversightBody.objects.get(slug="dong-nai")
    assert body.agency.governing_body == "UBND TỈNH ĐỒNG NAI"
    invitation = Invitation.objects.get(oversight_body=body)
    assert invitation.email == "qt@skhcn.example.gov.vn" and invitation.invited_by == superuser
    assert "oversight_administrator" in invitation.roles
    assert "qt@skhcn.example.gov.vn" in out.getvalue()


def test_create_oversight_body_links_an_existing_agency_and_refuses_a_taken_slug(superuser, agency):
    args = ["Sở KH&CN", "Đồng Nai", "dong-nai", "Chi cục TĐC", "--admin-email=a@example.gov.vn"]
    call_command(
        "create_oversight_body", *args, f"--agency={agency.short_name}", stdout=io.StringIO()
    )
    assert OversightBody.objects.get(slug="dong-nai").agency == agency
    with pytest.raises(CommandError, match="dong-nai"):
        call_command("create_oversight_body", *args, f"--agency={agency.short_name}")
    assert OversightBody.objects.count() == 1


def test_create_oversight_body_needs_an_installation_administrator(db, agency):
    with pytest.raises(CommandError, match="createsuperuser"):
        call_command(
            "create_oversight_body", "Sở", "Đồng Nai", "dn", "Chi cục",
            f"--agency={agency.short_name}", "--admin-email=a@example.gov.vn",
        )  # fmt: skip
    assert not OversightBody.objects.exists()


def test_move_agency_and_an_issued_document_keeps_its_governing_body(body, agency, da_nang):
    GoverningBodyTerm.objects.create(
        agency=agency, name=agency.governing_body, valid_from=datetime.date(2020, 1, 1)
    )
    issued = published_set(
        agency, year=2025, header_governing_body="UBND TỈNH ĐỒNG NAI", header_agency_name="VP"
    )
    stored = issued.issued_file.open("rb").read()
    call_command(
        "move_agency",
        agency.short_name,
        "--governing-body=UBND THÀNH PHỐ ĐÀ NẴNG",
        "--body=da-nang",
        f"--on={MERGER}",
        stdout=io.StringIO(),
    )
    agency.refresh_from_db()
    assert agency.governing_body == "UBND THÀNH PHỐ ĐÀ NẴNG"
    assert agency.pk in agency_ids_in_scope(da_nang)
    assert agency.pk in agency_ids_in_scope(body, year=2024)
    old = GoverningBodyTerm.objects.get(agency=agency, name="UBND TỈNH ĐỒNG NAI")
    assert old.valid_until == datetime.date(2025, 6, 30)
    # The document issued under the old name prints it still; its stored PDF is unchanged.
    issued.refresh_from_db()
    assert owner_names(issued)[0] == "UBND TỈNH ĐỒNG NAI"
    assert (
        hashlib.sha256(issued.issued_file.open("rb").read()).hexdigest()
        == hashlib.sha256(stored).hexdigest()
    )


def test_move_agency_refuses_a_badly_written_date(agency):
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call_command("move_agency", agency.short_name, "--on=2025-07-01")


def test_the_admin_pages_open_and_ask_for_people_by_search(client, superuser, body):
    client.force_login(superuser)
    for url in (
        reverse("admin:agencies_oversightbody_change", args=[body.pk]),
        reverse("admin:agencies_oversightbody_add"),
        reverse("admin:agencies_governingbodyterm_add"),
        reverse("admin:agencies_membership_add"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "admin-autocomplete" in response.content.decode(), url


def test_the_admin_action_moves_the_selected_agencies(client, superuser, agency, body, da_nang):
    client.force_login(superuser)
    url = reverse("admin:agencies_agency_changelist")
    data = {"action": "move_agencies", "_selected_action": [agency.pk]}
    form = client.post(url, data)
    assert form.status_code == 200 and "Đơn vị quản lý mới" in form.content.decode()
    client.post(
        url,
        {
            **data,
            "apply": "1",
            "governing_body": "UBND THÀNH PHỐ ĐÀ NẴNG",
            "body": da_nang.pk,
            "on": MERGER,
        },
    )
    assert OversightScope.objects.get(agency=agency, valid_until=None).body == da_nang


def test_the_migration_gives_each_agency_its_governing_body_from_its_creation(db, agency):
    GoverningBodyTerm.objects.all().delete()
    nameless = Agency.objects.create(
        name="Ban Quản lý", short_name="BQL", symbol="BQL", place_name="Đồng Nai",
        head_title="Trưởng ban", governing_body="",
    )  # fmt: skip
    migration = importlib.import_module(
        "agencies.migrations.0008_governing_body_terms_for_existing_agencies"
    )
    migration.give_terms(apps, None)
    migration.give_terms(apps, None)  # twice: nothing more
    term = GoverningBodyTerm.objects.get()
    assert (term.agency, term.name, term.valid_until) == (agency, "UBND TỈNH ĐỒNG NAI", None)
    assert term.valid_from <= datetime.date.today()
    assert not GoverningBodyTerm.objects.filter(agency=nameless).exists()
