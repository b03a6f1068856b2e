"""Is this PDF what the app issued? Hashes, signatures and pyHanko's difference analysis.

Two questions are answered here:
- for a file signed outside the app: does it begin with exactly the bytes we prepared, with
  nothing after them but signatures (check_signed_extension);
- for anyone's upload on the public page: is it byte-identical to an issued document, and if
  not, what do its signatures and revisions say (verify_upload).
"""

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext as _
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from documents.models import IssuableDocument, IssueMethod, Status
from documents.rulebook import documents_q
from documents.rules import may_view_public
from documents.signing import configured_certificates
from qms_objectives.text import to_nfc

logger = logging.getLogger(__name__)

SIGNATURE_CACHE_SECONDS = 3600
# Only signatures (and their validation data) may follow the bytes they sign.
SIGNATURES_ONLY = ModificationLevel.FORM_FILLING
MAX_CUTS = 150  # three candidate ends for each of the first 50 %%EOF markers


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_pdf(data: bytes) -> PdfFileReader | None:
    """A pyHanko reader, or None when the bytes are not a readable PDF."""
    if b"%PDF-" not in data[:1024]:
        return None
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        reader.root  # noqa: B018 - parsing the catalog is the check
    except Exception:  # malformed input raises anything from parser internals
        return None
    return reader


@dataclass(frozen=True)
class SignatureCheck:
    field_name: str
    signer: str = ""
    issuer: str = ""
    signed_at: datetime | None = None
    timestamped_at: datetime | None = None  # from a time-stamping authority, when there is one
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    changes_after_ok: bool = False

    @property
    def sound(self) -> bool:
        """Untouched since signing, mathematically valid, nothing but signatures after it."""
        return self.intact and self.valid and self.changes_after_ok

    @property
    def confirmed(self) -> bool:
        """Sound, by a certificate from a trusted root: the only signature shown with a green
        check."""
        return self.sound and self.trusted


def _display_name(name) -> str:
    """ "Văn phòng UBND tỉnh Đồng Nai (Organisation)" from an X.509 name; the full name when it
    has no common name."""
    fields = name.native if isinstance(name.native, dict) else {}
    common, organisation = fields.get("common_name"), fields.get("organization_name")
    if not common:
        return name.human_friendly
    if isinstance(common, list):
        common = ", ".join(common)
    return f"{common} ({organisation})" if organisation and organisation != common else common


def _check_one(embedded, certificates) -> SignatureCheck:
    name = embedded.field_name or ""
    roots, others = certificates
    context = ValidationContext(trust_roots=roots, other_certs=others, allow_fetching=False)
    try:
        status = validate_pdf_signature(embedded, context)
    except Exception:  # a mangled signature cannot even be parsed: it is broken
        logger.info("Signature %s could not be validated", name, exc_info=True)
        return SignatureCheck(field_name=name)
    level = status.modification_level
    stamp = status.timestamp_validity
    return SignatureCheck(
        field_name=name,
        signer=_display_name(status.signing_cert.subject),
        issuer=_display_name(status.signing_cert.issuer),
        signed_at=status.signer_reported_dt,
        timestamped_at=stamp.timestamp if stamp and stamp.intact and stamp.valid else None,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        covers_whole_file=status.coverage is not None and status.coverage.name == "ENTIRE_FILE",
        changes_after_ok=bool(status.docmdp_ok) and level is not None and level <= SIGNATURES_ONLY,
    )


CERTIFICATE_SUFFIXES = (".pem", ".crt", ".cer", ".der")
_roots_cache: dict = {}


def _certificates_in(path: Path) -> list:
    """The certificates of a PEM (one or several) or DER file, or of such files in a folder."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in CERTIFICATE_SUFFIXES)
    else:
        files = [path]
    found = []
    for file in files:
        try:
            data = file.read_bytes()
            blobs = (
                [der for _t, _h, der in pem.unarmor(data, multiple=True)]
                if pem.detect(data)
                else [data]
            )
            found += [asn1_x509.Certificate.load(der) for der in blobs]
        except (OSError, ValueError, TypeError):
            logger.warning("Trust root %s could not be read", file, exc_info=True)
    return found


def trust_roots() -> list:
    """The certificates of settings.SIGNATURE_TRUST_ROOTS (the national roots, see
    docs/DEPLOYMENT.md), read again when a listed path changes."""
    paths = [Path(entry) for entry in settings.SIGNATURE_TRUST_ROOTS]
    stamp = []
    for path in paths:
        try:
            stamp.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            stamp.append((str(path), None))
    stamp = tuple(stamp)
    if stamp not in _roots_cache:
        _roots_cache.clear()
        _roots_cache[stamp] = [
            cert for path in paths if path.exists() for cert in _certificates_in(path)
        ]
    return _roots_cache[stamp]


def signature_checks(reader: PdfFileReader) -> list[SignatureCheck]:
    try:
        embedded = reader.embedded_regular_signatures
    except Exception:
        logger.info("Signature fields could not be read", exc_info=True)
        return [SignatureCheck(field_name="?")]
    roots, others = configured_certificates()
    certificates = ([*roots, *trust_roots()], others)
    return [_check_one(signature, certificates) for signature in embedded]


def only_signatures_after(reader: PdfFileReader, base_revision: int) -> bool:
    """Whether every revision after `base_revision` only adds signatures (pyHanko's diff policy).

    pyHanko compares form dictionaries, and our rendered PDFs carry none; the first signature
    adds one. So the base revision is shown an empty form, with the signature flags the signed
    revision sets, and everything else is compared as it stands.
    """
    if reader.xrefs.total_revisions <= base_revision + 1:
        return True
    base = reader.get_historical_resolver(base_revision)
    if "/AcroForm" not in base.root:
        form = generic.DictionaryObject({generic.pdf_name("/Fields"): generic.ArrayObject()})
        first = reader.get_historical_resolver(base_revision + 1).root.get("/AcroForm")
        first = first.get_object() if first is not None else None
        if isinstance(first, generic.DictionaryObject) and "/SigFlags" in first:
            form[generic.pdf_name("/SigFlags")] = first["/SigFlags"]
        base.root[generic.pdf_name("/AcroForm")] = form
    try:
        result = DEFAULT_DIFF_POLICY.review_file(reader, base)
    except Exception:  # unreadable structures count as changes
        logger.info("Difference analysis failed", exc_info=True)
        return False
    if not hasattr(result, "modification_level") or result.modification_level > SIGNATURES_ONLY:
        return False
    signature_fields = {name for name, _value, _ref in enumerate_sig_fields(reader)}
    return result.changed_form_fields <= signature_fields


class SignedUploadRefused(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def _refuse(code: str):
    messages = {
        "not_pdf": _("Tệp tải lên không phải là tệp PDF đọc được."),
        "different_content": _(
            "Nội dung tệp khác với bản PDF hệ thống đã chuẩn bị để ký: tệp phải được ký từ "
            "đúng bản đã tải xuống, không sửa, không lưu lại bằng phần mềm khác."
        ),
        "not_signed": _("Tệp chưa có chữ ký số nào."),
        "broken_signature": _(
            "Chữ ký số trong tệp không toàn vẹn hoặc không hợp lệ: nội dung đã bị thay đổi "
            "sau khi ký, hoặc chữ ký bị hỏng."
        ),
        "modified_after_signing": _(
            "Tệp đã bị sửa đổi ngoài việc thêm chữ ký số (nội dung, trang hoặc chú thích "
            "được thêm hay thay đổi sau bản đã chuẩn bị)."
        ),
    }
    return SignedUploadRefused(messages[code], code)


def check_signed_extension(prepared: bytes, upload: bytes) -> list[SignatureCheck]:
    """Accept `upload` only as `prepared` plus signatures; raise SignedUploadRefused otherwise."""
    reader = open_pdf(upload)
    if reader is None:
        raise _refuse("not_pdf")
    if not upload.startswith(prepared):
        raise _refuse("different_content")
    base_revision = open_pdf(prepared).xrefs.total_revisions - 1
    checks = signature_checks(reader)
    if len(upload) == len(prepared) or not checks:
        raise _refuse("not_signed")
    if not all(check.intact and check.valid for check in checks):
        raise _refuse("broken_signature")
    if not all(check.changes_after_ok for check in checks):
        raise _refuse("modified_after_signing")
    if not only_signatures_after(reader, base_revision):
        raise _refuse("modified_after_signing")
    return checks


# --- the public page ------------------------------------------------------------------------


def replacement_for(document):
    """The document in force that superseded this one (same agency, department and year)."""
    if document.status != Status.SUPERSEDED:
        return None
    return (
        type(document)
        ._default_manager.filter(
            agency_id=document.agency_id,
            department_id=document.department_id,
            year=document.year,
            status=Status.PUBLISHED,
        )
        .first()
    )


def stored_signatures(document) -> list[SignatureCheck]:
    """The signatures of the issued file, validated once per file and then cached."""
    if not document.is_digitally_signed or not document.issued_file:
        return []

    def check():
        with document.issued_file.open("rb") as stored:
            reader = open_pdf(stored.read())
        return signature_checks(reader) if reader is not None else []

    key = f"verify-signatures:{document.issued_sha256}"
    return cache.get_or_set(key, check, timeout=SIGNATURE_CACHE_SECONDS)


def how_made(document) -> str:
    """How the issued document was made and signed, in words for the public page."""
    method = document.issue_method
    if method == IssueMethod.EXTERNAL_SIGNING:
        return _(
            "Văn bản được hệ thống lập bản chính thức, ký số ngoài hệ thống (thiết bị ký số của "
            "người ký) rồi tải lên."
        )
    if method == IssueMethod.REGISTERED:
        if document.is_digitally_signed:
            return _("Văn bản được ký số ngoài hệ thống, sau đó được đăng ký vào hệ thống.")
        return _("Văn bản ký tay trên giấy, được đăng ký vào hệ thống (bản chụp hoặc bản quét).")
    if document.is_digitally_signed:
        return _("Văn bản được ban hành và ký số trên hệ thống.")
    return _("Văn bản được ban hành trên hệ thống; tệp không có chữ ký số.")


def issuable_models() -> list:
    return [m for m in apps.get_models() if issubclass(m, IssuableDocument)]


def find_by_code(code: str):
    for model in issuable_models():
        document = model.objects.select_related("agency").filter(verification_code=code).first()
        if document is not None:
            return document
    return None


# "124/QĐ-VP", "Số: 07/QĐ-VP": a document number typed into the look-up instead of a code.
DOCUMENT_NUMBER = re.compile(r"^(?:số\s*:?\s*)?0*(\d{1,9})\s*/\s*(\S.{0,39})$", re.IGNORECASE)


def find_by_number(text: str) -> list:
    """The public documents (published, or superseded after publication) that carry this
    number and symbol, of every agency (several may use the same), or [] when `text` is no
    document number."""
    match = DOCUMENT_NUMBER.match(to_nfc(text.strip()))
    if match is None:
        return []
    number, symbol = int(match.group(1)), match.group(2).strip().casefold()
    found = []
    for model in issuable_models():
        carrying = model.objects.select_related("agency").filter(
            documents_q("view_public", None), number=number
        )
        # Compared here: SQLite folds the case of ASCII letters only ("qđ" is not "QĐ").
        found += [d for d in carrying if to_nfc(d.symbol).casefold() == symbol]
    return sorted(found, key=lambda d: (d.header_agency_name or d.agency.name, d.pk))


def _find_by_hashes(hashes: list[str], *, prepared: bool = True):
    """(document, which file matched, hash) for the first hash in `hashes` that matches the
    issued file, or (when `prepared`) the unsigned file prepared for external signing."""
    condition = Q(issued_sha256__in=hashes)
    if prepared:
        condition |= Q(prepared_sha256__in=hashes)
    for model in issuable_models():
        for document in model.objects.select_related("agency").filter(condition):
            for digest in hashes:
                if document.issued_sha256 == digest:
                    return document, "issued", digest
                if prepared and document.prepared_sha256 == digest:
                    return document, "prepared", digest
    return None, "", ""


def _revision_cuts(data: bytes) -> dict[str, int]:
    """{SHA-256 of the file cut there: offset} after each %%EOF marker (and its line end), the
    whole file excluded; hashed in one pass, without copying the file."""
    ends = {m.end() + extra for m in re.finditer(rb"%%EOF", data) for extra in (0, 1, 2)}
    cuts = sorted(end for end in ends if end < len(data))[:MAX_CUTS]
    digest, done, view, result = hashlib.sha256(), 0, memoryview(data), {}
    for cut in cuts:
        digest.update(view[done:cut])
        done = cut
        result[digest.copy().hexdigest()] = cut
    return result


@dataclass
class UploadVerdict:
    sha256: str
    genuine: bool = False
    document: object = None
    matched: str = ""  # "issued" or "prepared" for a genuine file
    reasons: list[str] = field(default_factory=list)
    signatures: list[SignatureCheck] = field(default_factory=list)
    is_pdf: bool = True

    @property
    def public(self) -> bool:
        return bool(may_view_public(None, self.document))


def verify_upload(data: bytes) -> UploadVerdict:
    verdict = UploadVerdict(sha256=sha256_hex(data))
    document, matched, _digest = _find_by_hashes([verdict.sha256])
    if document is not None:
        verdict.genuine, verdict.document, verdict.matched = True, document, matched
        if verdict.public and matched == "issued":
            verdict.signatures = stored_signatures(document)
        return verdict
    reader = open_pdf(data)
    if reader is None:
        verdict.is_pdf = False
        verdict.reasons.append(_("Tệp không phải là tệp PDF đọc được."))
        return verdict
    verdict.signatures = signature_checks(reader)
    verdict.reasons = _reasons_not_genuine(data, reader, verdict.signatures)
    return verdict


def _reasons_not_genuine(data: bytes, reader, signatures: list[SignatureCheck]) -> list[str]:
    reasons = []
    cuts = _revision_cuts(data)
    longest_first = sorted(cuts, key=cuts.get, reverse=True)
    prefix_document, _matched, digest = _find_by_hashes(longest_first, prepared=False)
    if prefix_document is not None:
        reasons.append(
            _(
                "Tệp bắt đầu bằng đúng một văn bản do hệ thống ban hành nhưng đã bị ghi thêm "
                "một lần sửa đổi phía sau, nên không còn là bản gốc."
            )
        )
        base_revision = open_pdf(data[: cuts[digest]]).xrefs.total_revisions - 1
        if not only_signatures_after(reader, base_revision):
            reasons.append(_("Phần ghi thêm làm thay đổi nội dung văn bản."))
    else:
        reasons.append(
            _("Tệp không trùng khớp từng byte với bất kỳ văn bản nào do hệ thống ban hành.")
        )
    if any(not (s.intact and s.valid) for s in signatures):
        reasons.append(_("Chữ ký số trong tệp không còn toàn vẹn: nội dung đã bị sửa sau khi ký."))
    elif any(not s.changes_after_ok for s in signatures):
        reasons.append(_("Tệp đã bị sửa đổi sau khi ký số."))
    if not signatures:
        reasons.append(_("Tệp không có chữ ký số."))
    return reasons
