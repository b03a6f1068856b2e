"""Helpers for the workflow service tests: sets in a given state, a snapshot of everything a
refused action must leave alone, and the files in the test storage. (`fast_render`, which puts
a small real PDF in place of the full document, is a fixture of tests/conftest.py.)"""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from post_office.models import Email

from documents.models import DocumentEvent, DocumentNumber, Status
from notifications.models import Notification
from tests.factories import ObjectiveSetFactory

ISSUE_DATE = date(2024, 1, 15)


def make_set(agency, *, status=Status.DRAFT, department=None, year=2024, objectives=1, **fields):
    """A set with `objectives` objectives (one target each, the first in a section), created in
    `status` (the services are tested elsewhere)."""
    return ObjectiveSetFactory(
        agency=agency,
        department=department,
        year=year,
        status=status,
        with_objectives=objectives,
        with_objectives__in_section=1,
        **fields,
    )


def events_of(document):
    return DocumentEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(document), object_id=document.pk
    )


def stored_files() -> list[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def snapshot(document) -> dict:
    """Everything a refused action must leave as it was."""
    document = type(document).objects.get(pk=document.pk)
    return {
        "status": document.status,
        "version": document.version,
        "number": document.number,
        "symbol": document.symbol,
        "issued_on": document.issued_on,
        "return_comment": document.return_comment,
        "signing_lines": document.signing_lines,
        "signer": document.signer_id,
        "issue_method": document.issue_method,
        "issued_file": document.issued_file.name,
        "prepared_file": document.prepared_file.name,
        "verification_code": document.verification_code,
        "header_agency_name": document.header_agency_name,
        "events": events_of(document).count(),
        "history": document.history.count(),
        "numbers": DocumentNumber.objects.count(),
        "notifications": Notification.objects.count(),
        "emails": Email.objects.count(),
        "files": stored_files(),
    }
