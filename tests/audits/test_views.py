"""The pages of internal audits and management reviews with the roles: the ISO officer records
(form with a PDF), the head reads (403 on the form), the overseeing body's inspector reads the
list, the record and its report; another agency's member and another body's member get 404.
Refused posts change nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits import services
from audits.models import InternalAudit
from tests.files_support import small_pdf


@pytest.fixture
def audit(agency, people):
    return services.record_create(
        model=InternalAudit,
        agency=agency,
        actor=people["iso_officer"],
        data={
            "held_on": datetime.date(2024, 11, 20),
            "scope": "Bộ phận Một cửa: tiếp nhận và trả kết quả.",
            "findings_count": 4,
            "nonconformities_count": 1,
        },
        upload=SimpleUploadedFile("bao-cao.pdf", small_pdf(), "application/pdf"),
    )


def _user(people, overseers, role):
    return {**people, **overseers}[role]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("iso_officer", 200),
        ("head", 200),
        ("inspector", 200),
        ("oversight_admin", 200),
        ("staff", 404),
        ("outsider", 404),
        ("other_overseer", 404),
    ],
)
def test_it_shows_the_list_the_record_and_its_report_to_readers_only(
    client, people, overseers, agency, audit, role, status
):
    client.force_login(_user(people, overseers, role))
    listing = client.get(reverse("audits:list", args=[agency.pk, 2024]))
    assert listing.status_code == status
    if status == 200:
        assert "Bộ phận Một cửa" in listing.content.decode()
    assert client.get(audit.get_absolute_url()).status_code == status
    report = client.get(reverse("private_file", args=[audit.report.name]))
    assert report.status_code == status


def _form(**extra):
    return {
        "held_on": "2024-12-05",
        "scope": "Xem xét đầu vào 9.3.2, quyết định cải tiến.",
        "findings_count": "3",
        "nonconformities_count": "0",
        **extra,
    }


def test_the_iso_officer_records_a_review_with_its_minutes(client, people, agency):
    client.force_login(people["iso_officer"])
    url = reverse("audits:new", args=[agency.pk, 2024, "xem-xet-lanh-dao"])
    minutes = SimpleUploadedFile("bien-ban-hop.pdf", small_pdf(), "application/pdf")
    response = client.post(url, _form(report_file=minutes))
    assert response.status_code == 302
    review = agency.managementreview_set.get()
    assert review.held_on == datetime.date(2024, 12, 5) and review.report_kind == "pdf"


@pytest.mark.parametrize(("role", "status"), [("head", 403), ("inspector", 403), ("outsider", 404)])
def test_others_are_refused_the_form_and_change_nothing(
    client, people, overseers, agency, audit, role, status
):
    client.force_login(_user(people, overseers, role))
    new = reverse("audits:new", args=[agency.pk, 2024, "danh-gia-noi-bo"])
    assert client.post(new, _form()).status_code == status
    edit = reverse("audits:edit", args=["danh-gia-noi-bo", audit.pk])
    assert client.post(edit, _form(findings_count="99")).status_code == status
    audit.refresh_from_db()
    assert InternalAudit.objects.count() == 1 and audit.findings_count == 4


def test_bad_input_is_shown_next_to_the_field_and_kept(client, people, agency):
    client.force_login(people["iso_officer"])
    url = reverse("audits:new", args=[agency.pk, 2024, "danh-gia-noi-bo"])
    broken = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.7 broken", "application/pdf")
    response = client.post(url, _form(held_on="2023-12-31", report_file=broken))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày thực hiện phải thuộc năm 2024." in page
    assert "Xem xét đầu vào 9.3.2" in page  # nothing typed is lost
    assert not InternalAudit.objects.exists()


def test_the_edit_keeps_a_history_shown_on_the_record(client, people, audit):
    client.force_login(people["iso_officer"])
    edit = reverse("audits:edit", args=["danh-gia-noi-bo", audit.pk])
    assert client.post(edit, _form(held_on="2024-11-21", findings_count="6")).status_code == 302
    audit.refresh_from_db()
    assert audit.findings_count == 6
    page = client.get(audit.get_absolute_url()).content.decode()
    assert page.count('class="list-group-item"') >= 2  # created, then edited
