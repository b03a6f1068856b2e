"""Issuing a document: number and date, header data, the final PDF, its signature and its file.

Three ways, all from Approved, all by whoever may_issue (the records officer; the approvers where
the agency has none):
- document_issue: rendered here, signed with the agency certificate when configured, stored;
- document_prepare_external: number, date and header fixed, the final unsigned PDF stored as
  prepared_file; the document stays Approved until the signed file is uploaded
  (documents.external_signing, which checks it);
- document_register_external: a PDF issued outside the app (signed on paper and scanned).

A failure anywhere (number taken, rendering, signing, storage) rolls everything back, deletes
any file already written, and raises WorkflowError saying why.
"""

import hashlib
import io
import logging
import secrets
from datetime import date

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader

from documents import notices, render, signing
from documents.body import refuse_if_body_changed
from documents.models import NUMBER_FIELDS, DocumentNumber, IssuableDocument, IssueMethod, Status
from documents.rules import may_issue
from documents.steps import fields_save, lock, require_right, require_status, transition_save
from documents.verification import site_url_refusal
from qms_objectives.errors import WorkflowError
from qms_objectives.files import private_upload_to
from qms_objectives.text import to_nfc
from qms_objectives.uploads import PDF_MAGIC, check_size, not_whole_message, readable_pdf

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Upper-case base32 without the look-alikes 0/O, 1/I/L: read aloud or typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def next_free_number(*, agency, symbol: str, year: int) -> int:
    """The number after the highest one given under this symbol this year: a suggestion for the
    records officer, never assigned silently."""
    symbol = to_nfc((symbol or "").strip())
    numbers = DocumentNumber.objects.filter(agency=agency, symbol=symbol, year=year)
    return (numbers.aggregate(top=Max("number"))["top"] or 0) + 1


def verification_code_new() -> str:
    """A code unique across every kind of issued document (the /v/<code>/ page finds any)."""
    models = [m for m in apps.get_models() if issubclass(m, IssuableDocument)]
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not any(m._default_manager.filter(verification_code=code).exists() for m in models):
            return code


def _date_check(document, issued_on: date, *, signed_here: bool) -> None:
    """No document is dated in the future; one signed through the app (issued here, or prepared
    here for a USB token) is signed after its approval, so it is not dated before it. A document
    signed on paper or elsewhere keeps its real date, which may be earlier (an agency starting
    mid-year registers what it already issued)."""
    today = timezone.localdate()
    if issued_on > today:
        raise WorkflowError(
            _("Ngày ban hành không được sau hôm nay (%(today)s).")
            % {"today": today.strftime("%d/%m/%Y")},
            code="date_future",
            field="issued_on",
        )
    if signed_here and document.approved_at is not None:
        approved_on = timezone.localdate(document.approved_at)
        if issued_on < approved_on:
            raise WorkflowError(
                _(
                    "Ngày ban hành không được trước ngày duyệt (%(approved)s): văn bản ký trong "
                    "hệ thống được ký sau khi duyệt."
                )
                % {"approved": approved_on.strftime("%d/%m/%Y")},
                code="date_before_approval",
                field="issued_on",
            )


def _number_fix(document, *, number, symbol: str, issued_on, signed_here: bool) -> list[str]:
    """Set number, symbol, date and header data (copied from the agency so that a later rename
    never changes an issued document) and register the number. Returns the changed fields."""
    if not isinstance(issued_on, date):
        raise WorkflowError(_("Hãy nhập ngày ban hành."), code="date_required", field="issued_on")
    _date_check(document, issued_on, signed_here=signed_here)
    if number is not None and number < 1:
        raise WorkflowError(_("Số văn bản phải là số nguyên dương."), code="number_invalid")
    agency = document.agency
    document.number, document.symbol, document.issued_on = number, (symbol or "").strip(), issued_on
    document.header_governing_body = agency.governing_body
    document.header_agency_name = agency.printed_name
    document.place_name = agency.place_name
    if number is not None:
        _number_register(document)
    return list(NUMBER_FIELDS)  # a new list: callers add to it


def _number_register(document) -> None:
    symbol = to_nfc(document.symbol)
    year = document.issued_on.year
    try:
        with transaction.atomic():
            DocumentNumber.objects.create(
                agency_id=document.agency_id,
                symbol=symbol,
                year=year,
                number=document.number,
                content_type=ContentType.objects.get_for_model(document),
                object_id=document.pk,
                issued_on=document.issued_on,
            )
    except IntegrityError:
        suggestion = next_free_number(agency=document.agency, symbol=symbol, year=year)
        raise WorkflowError(
            _("Số %(number)s năm %(year)s đã được cấp cho văn bản khác. Số còn trống: %(next)s.")
            % {"number": document.number_and_symbol, "year": year, "next": suggestion},
            code="number_taken",
        )


def preparation_release(document) -> list[str]:
    """Undo a preparation for external signing (when an approved document is returned): the
    number is freed and the prepared file deleted once the transaction commits. Returns the
    changed fields (none when the document was not prepared)."""
    if document.issue_method != IssueMethod.EXTERNAL_SIGNING:
        return []
    DocumentNumber.objects.filter(
        content_type=ContentType.objects.get_for_model(document), object_id=document.pk
    ).delete()
    name = document.prepared_file.name
    if name:
        transaction.on_commit(lambda: _discard(name))
    document.number, document.symbol, document.issued_on = None, "", None
    document.header_governing_body = document.header_agency_name = document.place_name = ""
    document.issue_method, document.verification_code = "", None
    document.prepared_file, document.prepared_sha256 = "", ""
    extra = ["issue_method", "verification_code", "prepared_file", "prepared_sha256"]
    return [*NUMBER_FIELDS, *extra]


def _render(document) -> bytes:
    try:
        return render.render_document(document, final=True)
    except WorkflowError:
        raise
    except Exception as error:
        logger.exception("Rendering document %s failed", document.pk)
        raise WorkflowError(
            _("Không tạo được tệp PDF của văn bản: %(error)s") % {"error": error}, code="render"
        )


def _sign(document, pdf: bytes) -> tuple[bytes, bool]:
    try:
        return signing.sign_if_configured(document.agency, pdf)
    except WorkflowError:
        raise
    except Exception as error:
        logger.exception("Signing document %s failed", document.pk)
        raise WorkflowError(
            _("Không ký số được văn bản: %(error)s") % {"error": error}, code="sign"
        )


def _store(document, pdf: bytes, folder: str, written: list[str]) -> str:
    """Write the PDF under a private random name; the name is appended to `written` so that
    the caller deletes it if anything later fails."""
    try:
        name = default_storage.save(
            private_upload_to(folder)(document, "document.pdf"), ContentFile(pdf)
        )
    except Exception as error:
        logger.exception("Storing document %s failed", document.pk)
        raise WorkflowError(
            _("Không lưu được tệp văn bản: %(error)s") % {"error": error}, code="storage"
        )
    written.append(name)
    return name


def _discard(name: str) -> None:
    try:
        default_storage.delete(name)
    except Exception:  # noqa: BLE001 - cleanup must not hide the original error
        logger.exception("Could not delete %s", name)


class _FilesKeptOnSuccess:
    """`with _FilesKeptOnSuccess() as written:` deletes every file named in `written` if the
    block raises (the transaction inside it has then been rolled back)."""

    def __enter__(self) -> list[str]:
        self.written: list[str] = []
        return self.written

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            for name in self.written:
                _discard(name)
        return False


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _issued_mark(document, *, actor, name: str, pdf: bytes, signed: bool, method) -> list[str]:
    document.issued_file.name = name
    document.issued_sha256 = _sha256(pdf)
    document.is_digitally_signed = signed
    document.issue_method = method
    document.issued_at = timezone.now()
    document.issued_by = actor
    return [
        "issued_file",
        "issued_sha256",
        "is_digitally_signed",
        "issue_method",
        "issued_at",
        "issued_by",
    ]


def _approved_for_issue(document, actor, action: str):
    document = lock(document)
    require_right(may_issue(actor, document))
    require_status(document, (Status.APPROVED,), action)
    refuse_if_body_changed(document)  # only what was approved is issued
    return document


def _refuse_unless_site_url_public() -> None:
    """A document issued here prints SITE_URL in its QR code, for good."""
    refusal = site_url_refusal()
    if refusal:
        raise WorkflowError(refusal, code="site_url")


def _refuse_if_prepared(document) -> None:
    if document.issue_method == IssueMethod.EXTERNAL_SIGNING:
        raise WorkflowError(
            _("Văn bản đã được chuẩn bị để ký số ngoài hệ thống; hãy tải lên tệp đã ký."),
            code="prepared",
        )


def document_issue(*, document, actor, number: int | None, symbol: str, issued_on: date):
    """Issue in the app: number and header fixed, verification code assigned, the final PDF
    rendered, signed when the agency has a certificate, stored with its SHA-256."""
    with _FilesKeptOnSuccess() as written, transaction.atomic():
        document = _approved_for_issue(document, actor, "issue")
        _refuse_if_prepared(document)
        _refuse_unless_site_url_public()
        fields = _number_fix(
            document, number=number, symbol=symbol, issued_on=issued_on, signed_here=True
        )
        document.verification_code = verification_code_new()
        # Saved before rendering so a renderer that reads the database sees them too; a
        # failure below rolls this back.
        fields_save(document, actor=actor, fields=[*fields, "verification_code"])
        pdf, signed = _sign(document, _render(document))
        name = _store(document, pdf, "issued", written)
        fields = _issued_mark(
            document, actor=actor, name=name, pdf=pdf, signed=signed, method=IssueMethod.APP
        )
        transition_save(
            document, actor=actor, action="issue", to_status=Status.ISSUED, fields=fields
        )
        notices.document_issued(document, actor)
    return document


def document_prepare_external(*, document, actor, number: int | None, symbol: str, issued_on):
    """Fix number, date and header and store the final unsigned PDF for signing elsewhere; the
    document stays Approved until the signed file is registered."""
    with _FilesKeptOnSuccess() as written, transaction.atomic():
        document = _approved_for_issue(document, actor, "prepare_external")
        _refuse_if_prepared(document)
        _refuse_unless_site_url_public()
        fields = _number_fix(
            document, number=number, symbol=symbol, issued_on=issued_on, signed_here=True
        )
        document.verification_code = verification_code_new()
        document.issue_method = IssueMethod.EXTERNAL_SIGNING
        fields_save(document, actor=actor, fields=[*fields, "verification_code", "issue_method"])
        pdf = _render(document)
        document.prepared_file.name = _store(document, pdf, "prepared", written)
        document.prepared_sha256 = _sha256(pdf)
        transition_save(
            document,
            actor=actor,
            action="prepare_external",
            to_status=Status.APPROVED,
            fields=["prepared_file", "prepared_sha256"],
        )
    return document


def pdf_upload_read(uploaded_file) -> tuple[bytes, bool]:
    """The bytes of an uploaded PDF and whether it carries embedded signatures. Refuses files
    over 20 MB and anything that is not a PDF by its content (not by its name)."""
    try:
        check_size(uploaded_file, MAX_UPLOAD_BYTES)
        if hasattr(uploaded_file, "seek"):
            uploaded_file.seek(0)
        data = uploaded_file.read(MAX_UPLOAD_BYTES + 1)
        check_size(data, MAX_UPLOAD_BYTES)
    except ValidationError as refusal:
        raise WorkflowError(refusal.messages[0], code="too_big") from None
    not_pdf = WorkflowError(_("Tệp tải lên không phải là tệp PDF hợp lệ."), code="not_pdf")
    if not data.startswith(PDF_MAGIC):
        raise not_pdf
    if not readable_pdf(data):  # every page read through (pypdf), not only the catalogue
        raise WorkflowError(not_whole_message("pdf"), code="not_pdf")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signed = bool(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 - any parser error means "not a PDF we can keep"
        raise not_pdf
    return data, signed


def document_register_external(
    *, document, actor, number: int | None, symbol: str, issued_on, uploaded_file
):
    """Register a document issued outside the app (signed on paper and scanned): the uploaded
    PDF becomes the issued file with its SHA-256 (no QR code on it). A document prepared for
    external signing takes its signed file through
    documents.external_signing.document_accept_signed_upload instead."""
    data, signed = pdf_upload_read(uploaded_file)
    with _FilesKeptOnSuccess() as written, transaction.atomic():
        document = _approved_for_issue(document, actor, "register_external")
        _refuse_if_prepared(document)
        fields = _number_fix(
            document, number=number, symbol=symbol, issued_on=issued_on, signed_here=False
        )
        name = _store(document, data, "issued", written)
        fields += _issued_mark(
            document, actor=actor, name=name, pdf=data, signed=signed, method=IssueMethod.REGISTERED
        )
        transition_save(
            document,
            actor=actor,
            action="register_external",
            to_status=Status.ISSUED,
            fields=fields,
        )
        notices.document_issued(document, actor)
    return document
