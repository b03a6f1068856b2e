"""An agency's settings in the app (/people/<agency>/settings/, departments, signatures): its
administrator changes them; its ISO officer gets 403, an outsider and the oversight body's
administrator 404; refused changes change nothing. The seal and signatures are proven images,
kept private and previewed through the permission-checked file view."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Agency, Department, GoverningBodyTerm, Membership
from tests.agencies.snapshots import snapshot
from tests.hostile_files import png, polyglot_png_html

SETTINGS = {
    "governing_body": "UBND TỈNH ĐỒNG NAI",
    "name": "Văn phòng UBND tỉnh Đồng Nai",
    "name_in_documents": "VĂN PHÒNG UBND TỈNH",
    "symbol": "VP",
    "place_name": "Đồng Nai",
    "address": "2 Nguyễn Văn Trị, Biên Hòa",
    "head_title": "Chánh Văn phòng",
    "deputy_title": "Phó Chánh Văn phòng",
    "acting_head_title": "",
    "collective_name": "",
    "seal_diameter_mm": "38",
    "quality_policy": "Phục vụ nhân dân tận tình, đúng hẹn.",
    "iso_standard": "TCVN ISO 9001:2015",
    "default_reporting_frequency": "half_yearly",
    "reminder_head_after_days": "2",
    "reminder_iso_after_days": "4",
    "year_grace_days": "15",
    "slug": "van-phong-ubnd-tinh",
    "publishes_results": "on",
}


def _urls(agency, department, membership):
    return [
        reverse("agencies:agency_settings", args=[agency.pk]),
        reverse("agencies:department_list", args=[agency.pk]),
        reverse("agencies:department_edit", args=[agency.pk, department.pk]),
        reverse("agencies:member_signature", args=[agency.pk, membership.pk]),
    ]


@pytest.mark.parametrize(
    ("role", "code"),
    [("administrator", 200), ("iso_officer", 403), ("outsider", 404), ("oversight_admin", 404)],
)
def test_only_the_agency_administrator_opens_the_settings(
    client, agency, department, overseers, role, code
):
    membership = Membership.objects.get(user=overseers["staff"], agency=agency)
    client.force_login(overseers[role])
    for url in _urls(agency, department, membership):
        assert client.get(url).status_code == code, url


@pytest.mark.parametrize("role", ["iso_officer", "outsider", "oversight_admin"])
def test_refused_changes_change_nothing(client, agency, department, overseers, role):
    membership = Membership.objects.get(user=overseers["staff"], agency=agency)
    client.force_login(overseers[role])
    before = snapshot()
    posts = [
        (reverse("agencies:agency_settings", args=[agency.pk]), SETTINGS),
        (reverse("agencies:department_list", args=[agency.pk]), {"name": "Phòng mới", "order": 1}),
        (
            reverse("agencies:department_deactivate", args=[agency.pk, department.pk]),
            {},
        ),
        (
            reverse("agencies:member_signature", args=[agency.pk, membership.pk]),
            {"image": SimpleUploadedFile("ky.png", png())},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in (403, 404)
    assert snapshot() == before


def test_the_administrator_saves_the_settings_and_a_new_governing_body_term(client, agency, people):
    client.force_login(people["administrator"])
    changed = {
        **SETTINGS,
        "governing_body": "UBND THÀNH PHỐ ĐỒNG NAI",
        "governing_body_mode": "change",
    }
    response = client.post(reverse("agencies:agency_settings", args=[agency.pk]), changed)
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.printed_name == "VĂN PHÒNG UBND TỈNH"
    assert agency.default_reporting_frequency == "half_yearly" and agency.year_grace_days == 15
    assert agency.slug == "van-phong-ubnd-tinh" and agency.publishes_results
    assert agency.governing_body == "UBND THÀNH PHỐ ĐỒNG NAI"
    open_term = GoverningBodyTerm.objects.get(agency=agency, valid_until=None)
    assert open_term.name == "UBND THÀNH PHỐ ĐỒNG NAI"
    assert agency.history.first().history_user == people["administrator"]


def _open_term(agency, name, since):
    GoverningBodyTerm.objects.filter(agency=agency).delete()
    return GoverningBodyTerm.objects.create(agency=agency, name=name, valid_from=since)


def test_a_typo_in_the_governing_body_is_corrected_in_the_current_term(client, agency, people):
    """Corrected on a later day than the term began: the same term, renamed — not a move."""
    term = _open_term(agency, "UBND TỈNH ĐỒNG NAl", datetime.date(2020, 1, 1))
    Agency.objects.filter(pk=agency.pk).update(governing_body="UBND TỈNH ĐỒNG NAl")
    client.force_login(people["administrator"])
    response = client.post(
        reverse("agencies:agency_settings", args=[agency.pk]),
        {**SETTINGS, "governing_body": "UBND TỈNH ĐỒNG NAI", "governing_body_mode": "correct"},
    )
    assert response.status_code == 302
    [only] = GoverningBodyTerm.objects.filter(agency=agency)
    assert (only.pk, only.name, only.valid_from, only.valid_until) == (
        term.pk, "UBND TỈNH ĐỒNG NAI", datetime.date(2020, 1, 1), None,
    )  # fmt: skip
    assert Agency.objects.get(pk=agency.pk).governing_body == "UBND TỈNH ĐỒNG NAI"


def test_a_changed_governing_body_asks_whether_it_is_a_correction_or_a_change(
    client, agency, people
):
    _open_term(agency, "UBND TỈNH ĐỒNG NAI", datetime.date(2020, 1, 1))
    client.force_login(people["administrator"])
    url = reverse("agencies:agency_settings", args=[agency.pk])
    before = snapshot()
    response = client.post(url, {**SETTINGS, "governing_body": "UBND TỈNH ĐỒNG NAI MỚI"})
    assert response.status_code == 400
    assert "governing_body_mode" in response.context["form"].errors
    assert "UBND TỈNH ĐỒNG NAI MỚI" in response.content.decode()  # what was typed is kept
    assert snapshot() == before
    # A real change keeps the old name for the years before it.
    client.post(
        url,
        {**SETTINGS, "governing_body": "UBND TỈNH ĐỒNG NAI MỚI", "governing_body_mode": "change"},
    )
    names = GoverningBodyTerm.objects.filter(agency=agency).order_by("valid_from")
    assert [t.name for t in names] == ["UBND TỈNH ĐỒNG NAI", "UBND TỈNH ĐỒNG NAI MỚI"]


def test_a_seal_is_a_proven_transparent_png_served_privately(client, agency, people):
    client.force_login(people["administrator"])
    url = reverse("agencies:agency_settings", args=[agency.pk])
    bad = client.post(url, {**SETTINGS, "seal_image": SimpleUploadedFile("d.png", png("RGB"))})
    assert bad.status_code == 400 and "nền trong suốt" in bad.content.decode()
    disguised = SimpleUploadedFile("d.png", polyglot_png_html())
    assert client.post(url, {**SETTINGS, "seal_image": disguised}).status_code == 400
    assert not Agency.objects.get(pk=agency.pk).seal_image
    client.post(url, {**SETTINGS, "seal_image": SimpleUploadedFile("d.png", png())})
    agency.refresh_from_db()
    preview = reverse("private_file", args=[agency.seal_image.name])
    assert preview in client.get(url).content.decode()
    assert client.get(preview).status_code == 200
    client.force_login(people["staff"])
    assert client.get(preview).status_code == 404


def test_a_slug_taken_under_the_same_body_is_refused_next_to_the_field(
    client, agency, body, overseers
):
    neighbour = Agency.objects.create(
        name="Sở Y tế", short_name="SYT", symbol="SYT", place_name="Đồng Nai",
        head_title="Giám đốc", slug="so-y-te",
    )  # fmt: skip
    body.scope.create(agency=neighbour, valid_from=body.scope.first().valid_from)
    client.force_login(overseers["administrator"])
    response = client.post(
        reverse("agencies:agency_settings", args=[agency.pk]), {**SETTINGS, "slug": "so-y-te"}
    )
    assert response.status_code == 400 and "slug" in response.context["form"].errors
    assert Agency.objects.get(pk=agency.pk).slug != "so-y-te"


def test_departments_are_added_renamed_and_stopped(client, agency, department, people):
    client.force_login(people["administrator"])
    url = reverse("agencies:department_list", args=[agency.pk])
    client.post(url, {"name": "Phòng Tổng hợp", "abbreviation": "TH", "order": ""})
    added = Department.objects.get(agency=agency, name="Phòng Tổng hợp")
    assert added.order == department.order + 1
    duplicate = client.post(url, {"name": "phòng tổng hợp", "order": 3})
    assert duplicate.status_code == 400 and "name" in duplicate.context["form"].errors
    client.post(
        reverse("agencies:department_edit", args=[agency.pk, added.pk]),
        {"name": "Phòng Tổng hợp - Thi đua", "abbreviation": "THTĐ", "order": 5},
    )
    added.refresh_from_db()
    assert (added.name, added.abbreviation, added.order) == ("Phòng Tổng hợp - Thi đua", "THTĐ", 5)
    client.post(reverse("agencies:department_deactivate", args=[agency.pk, added.pk]))
    added.refresh_from_db()
    assert not added.is_active
    # A department with active members is not stopped.
    client.post(reverse("agencies:department_deactivate", args=[agency.pk, department.pk]))
    department.refresh_from_db()
    assert department.is_active


def test_a_signature_is_uploaded_previewed_and_removed(client, agency, people):
    head = Membership.objects.get(user=people["head"], agency=agency)
    client.force_login(people["administrator"])
    url = reverse("agencies:member_signature", args=[agency.pk, head.pk])
    refused = client.post(url, {"image": SimpleUploadedFile("k.png", b"GIF89a....")})
    assert refused.status_code == 400
    client.post(url, {"image": SimpleUploadedFile("k.png", png())})
    head.refresh_from_db()
    preview = reverse("private_file", args=[head.signature_image.name])
    assert preview in client.get(url).content.decode()
    assert client.get(preview).status_code == 200
    client.force_login(people["iso_officer"])
    assert client.get(preview).status_code == 404
    client.force_login(people["administrator"])
    client.post(url, {"clear": "1"})
    head.refresh_from_db()
    assert not head.signature_image
