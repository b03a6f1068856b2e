"""The records officer's pages for signing elsewhere: prepare (number, date, unsigned PDF),
then upload the file signed with a USB token."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import IssueMethod, Status
from tests import pki
from tests.factories import ObjectiveFactory, ObjectiveSetFactory
from tests.objectives.views_support import client_for, snapshot


@pytest.fixture(scope="module")
def leader_cert(ca):
    return pki.make_certificate(ca, "Nguyễn Kim Long")


@pytest.fixture
def approved_set(settings, agency, people):
    settings.SIGNING_CONFIG_FILE = ""
    objective_set = ObjectiveSetFactory(
        agency=agency, year=2024, status=Status.APPROVED, signer_name="Nguyễn Kim Long"
    )
    ObjectiveFactory(objective_set=objective_set)
    return objective_set


def _prepare(client, objective_set):
    return client.post(
        reverse("objectives:set_prepare_external", args=[objective_set.pk]),
        {"number": "124", "symbol": "QĐ-VP", "issued_on": "15/01/2024"},
    )


def test_it_prepares_then_issues_the_signed_upload(approved_set, people, ca, leader_cert):
    client = client_for(people["records_officer"])
    response = _prepare(client, approved_set)
    upload_url = reverse("objectives:set_signed_upload", args=[approved_set.pk])
    assert response.status_code == 302
    assert response["Location"] == upload_url
    approved_set.refresh_from_db()
    assert (approved_set.status, approved_set.issue_method) == (
        Status.APPROVED,
        IssueMethod.EXTERNAL_SIGNING,
    )
    page = client.get(upload_url)
    assert page.status_code == 200
    assert approved_set.prepared_sha256 in page.content.decode()
    with approved_set.prepared_file.open("rb") as stored:
        prepared = stored.read()
    signed = pki.sign(prepared, leader_cert, ca)
    upload = SimpleUploadedFile("signed.pdf", signed, content_type="application/pdf")
    response = client.post(upload_url, {"uploaded_file": upload})
    assert response.status_code == 302
    approved_set.refresh_from_db()
    assert approved_set.status == Status.ISSUED
    assert approved_set.is_digitally_signed
    assert approved_set.number == 124


def test_it_refuses_a_tampered_upload_next_to_the_field(approved_set, people, ca, leader_cert):
    client = client_for(people["records_officer"])
    _prepare(client, approved_set)
    approved_set.refresh_from_db()
    before = snapshot(approved_set)
    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.7 not the document", "application/pdf")
    response = client.post(
        reverse("objectives:set_signed_upload", args=[approved_set.pk]), {"uploaded_file": upload}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["uploaded_file"]
    approved_set.refresh_from_db()
    assert snapshot(approved_set) == before
    assert approved_set.status == Status.APPROVED


@pytest.mark.parametrize(
    ("role", "status"),
    [("iso_officer", 403), ("head", 403), ("staff", 404), ("outsider", 404)],
)
def test_it_refuses_people_who_may_not_issue(approved_set, people, role, status):
    client = client_for(people[role])
    before = snapshot(approved_set)
    response = _prepare(client, approved_set)
    assert response.status_code == status
    approved_set.refresh_from_db()
    assert snapshot(approved_set) == before
    assert approved_set.issue_method == ""


def test_it_sends_an_unprepared_set_back_to_its_page(approved_set, people):
    client = client_for(people["records_officer"])
    response = client.get(reverse("objectives:set_signed_upload", args=[approved_set.pk]))
    assert response.status_code == 302
    assert response["Location"] == approved_set.get_absolute_url()
