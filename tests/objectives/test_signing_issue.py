"""Issuing in the app signs the stored PDF when the agency has a certificate; a failing signer
aborts the issue and changes nothing."""

import datetime
import hashlib

import pytest
from django.contrib.contenttypes.models import ContentType
from pyhanko.sign.validation.status import SignatureCoverageLevel

from documents.models import DocumentEvent, DocumentNumber, Status
from documents.workflow import document_issue
from qms_objectives.errors import WorkflowError
from tests import pki
from tests.factories import ObjectiveFactory, ObjectiveSetFactory

ISSUED_ON = datetime.date(2024, 1, 15)


@pytest.fixture
def approved_set(agency, people):
    objective_set = ObjectiveSetFactory(
        agency=agency,
        year=2024,
        status=Status.APPROVED,
        signer=people["head"],
        signer_name="Nguyễn Kim Long",
        signing_lines=["CHÁNH VĂN PHÒNG"],
    )
    ObjectiveFactory(objective_set=objective_set)
    return objective_set


def _issue(objective_set, people):
    return document_issue(
        document=objective_set,
        actor=people["records_officer"],
        number=124,
        symbol="QĐ-VP",
        issued_on=ISSUED_ON,
    )


def test_it_stores_a_signed_pdf_that_validates_against_the_ca(approved_set, people, ca, signing_on):
    _issue(approved_set, people)

    approved_set.refresh_from_db()
    assert approved_set.status == Status.ISSUED
    assert approved_set.is_digitally_signed
    with approved_set.issued_file.open("rb") as stored:
        data = stored.read()

    assert hashlib.sha256(data).hexdigest() == approved_set.issued_sha256
    status = pki.validate(data, ca)
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE


def test_it_issues_unsigned_without_a_certificate(settings, approved_set, people):
    settings.SIGNING_CONFIG_FILE = ""

    _issue(approved_set, people)

    approved_set.refresh_from_db()
    assert approved_set.status == Status.ISSUED
    assert not approved_set.is_digitally_signed


def test_it_issues_nothing_when_the_signer_fails(
    settings, tmp_path, agency, approved_set, people, ca
):
    expired = pki.make_certificate(
        ca, valid_from=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), valid_days=30
    )
    pki.write_signing_config(settings, tmp_path, agency.short_name, expired, ca)

    with pytest.raises(WorkflowError) as caught:
        _issue(approved_set, people)

    assert "hết hạn" in caught.value.message
    approved_set.refresh_from_db()
    assert approved_set.status == Status.APPROVED
    assert not approved_set.issued_file and not approved_set.issued_sha256
    assert approved_set.number is None and approved_set.verification_code is None
    assert not DocumentNumber.objects.exists()
    content_type = ContentType.objects.get_for_model(approved_set)
    assert not DocumentEvent.objects.filter(
        content_type=content_type, object_id=approved_set.pk
    ).exists()
    assert not list((tmp_path / "files").rglob("*.pdf"))
