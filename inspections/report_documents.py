"""The November summary and the December report as documents of the oversight body: the figures
assembled by inspections.reports frozen as a snapshot (JSON) when the report is created and each
time it is refreshed while a draft; the PDF and the XLSX print the snapshot, never the live data,
so the head approves what issuing prints and the issued file never changes. Document text,
always Vietnamese."""

import dataclasses
import datetime

from django.utils import timezone

from documents.models import Status
from documents.nd30 import number_line, owner_names, place_of, recipients_of
from documents.nd30 import signature_of as nd30_signature_of
from documents.render import signature_images_default
from documents.verification import verification_mark
from inspections.models import DecemberReport, NovemberReport
from inspections.reports import (
    DECEMBER,
    NOVEMBER,
    AgencyRow,
    InspectionReport,
    Issued,
    report_of,
    report_pdf,
    report_xlsx,
    unit_of,
)

MODELS = {NOVEMBER: NovemberReport, DECEMBER: DecemberReport}
DRAFT_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
DATE_FIELDS = ("announced_on", "inspected_on", "published_on")


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def snapshot_of(report: InspectionReport) -> dict:
    """The report's figures as JSON-able data (dates as ISO text)."""
    rows = []
    for row in report.rows:
        data = dataclasses.asdict(row)
        rows.append({k: _day(v) if k in DATE_FIELDS else v for k, v in data.items()})
    return {
        "kind": report.kind,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "deadline": _day(report.deadline),
        "subject": report.subject,
        "addressees": report.addressees,
        "unit": unit_of(report.body),
        "body_name": report.body_name,
        "figures": report.figures,
        "by_item": report.by_item,
        "rows": rows,
    }


def snapshot_take(document, *, today=None) -> None:
    """Freeze the figures as they are now on the (unsaved or locked) report document."""
    report = report_of(body=document.body, year=document.year, kind=document.KIND, today=today)
    document.snapshot = snapshot_of(report)
    document.snapshot_at = timezone.now()


def report_from(document) -> InspectionReport:
    """The report as its snapshot holds it."""
    data = document.snapshot
    rows = [
        AgencyRow(**{k: _date(v) if k in DATE_FIELDS else v for k, v in row.items()})
        for row in data.get("rows", [])
    ]
    return InspectionReport(
        kind=document.KIND,
        body=document.body,
        year=document.year,
        as_of=_date(data.get("as_of")) or timezone.localdate(),
        rows=rows,
        figures=data.get("figures", {}),
        by_item=data.get("by_item", []),
        deadline=_date(data.get("deadline")),
        frozen_subject=data.get("subject", ""),
        frozen_addressees=data.get("addressees", []),
        frozen_unit=data.get("unit", ""),
        frozen_body_name=data.get("body_name", ""),
    )


def report_body(document) -> dict:
    """What the head approves and issuing must print unchanged: the snapshot and the
    recipients."""
    return {"snapshot": document.snapshot, "recipients": document.recipients}


def _issued(document, *, final: bool) -> Issued:
    governing, name = owner_names(document)
    draft = not final or document.status in DRAFT_STATUSES
    code = document.verification_code
    return Issued(
        governing=governing,
        name=name,
        number_line=number_line(document, required=True),
        place=place_of(document),
        day=document.issued_on,
        signature=nd30_signature_of(
            document, with_images=signature_images_default(document, final) and not draft
        ),
        draft=draft,
        verification=verification_mark(code) if final and code else None,
        recipients=recipients_of(document),
    )


def render_report(document, *, final: bool) -> bytes:
    return report_pdf(report_from(document), _issued(document, final=final))


def report_document_xlsx(document) -> bytes:
    return report_xlsx(report_from(document))
