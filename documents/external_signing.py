"""Documents signed outside the app: the records officer downloads the prepared, unsigned final
PDF, signs it with the leader's USB token in their own software and uploads the result.

It is accepted only as the prepared bytes followed by signatures and nothing else, every
signature intact (documents.verify.check_signed_extension); then it becomes the
issued file, and the prepared file and its hash are kept beside it.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from documents import notices
from documents.issuing import _FilesKeptOnSuccess, _issued_mark, _store, pdf_upload_read
from documents.models import IssueMethod, Status
from documents.rules import may_issue
from documents.steps import lock, require_right, transition_save
from documents.verify import SignatureCheck, SignedUploadRefused, check_signed_extension
from qms_objectives.errors import WorkflowError


def _require_prepared(document) -> None:
    prepared = (
        document.status == Status.APPROVED
        and document.issue_method == IssueMethod.EXTERNAL_SIGNING
        and document.prepared_file
    )
    if not prepared:
        raise WorkflowError(
            _(
                "Chỉ nhận tệp đã ký số cho văn bản đã duyệt và đã được chuẩn bị để ký số "
                "ngoài hệ thống."
            ),
            code="state",
        )


def signed_upload_check(*, document, data: bytes) -> list[SignatureCheck]:
    """The signatures of `data` if it is the document's prepared PDF plus signatures and nothing
    else; WorkflowError with the reason otherwise (code: not_pdf, different_content, not_signed,
    broken_signature, modified_after_signing)."""
    with document.prepared_file.open("rb") as prepared:
        original = prepared.read()
    try:
        return check_signed_extension(original, data)
    except SignedUploadRefused as refusal:
        raise WorkflowError(refusal.message, code=refusal.code) from refusal


def _signers_note(checks: list[SignatureCheck]) -> str:
    return "\n".join(
        _("Ký số: %(signer)s (cấp bởi %(issuer)s)") % {"signer": c.signer, "issuer": c.issuer}
        for c in checks
    )


def document_accept_signed_upload(*, document, actor, uploaded_file):
    """Issue a document prepared for external signing with the signed PDF the records officer
    uploads. Returns the refreshed document; raises WorkflowError and changes nothing when
    refused."""
    with _FilesKeptOnSuccess() as written, transaction.atomic():
        document = lock(document)
        require_right(may_issue(actor, document))
        _require_prepared(document)
        data, _signed = pdf_upload_read(uploaded_file)
        checks = signed_upload_check(document=document, data=data)
        name = _store(document, data, "issued", written)
        fields = _issued_mark(
            document,
            actor=actor,
            name=name,
            pdf=data,
            signed=True,
            method=IssueMethod.EXTERNAL_SIGNING,
        )
        transition_save(
            document,
            actor=actor,
            action="accept_signed_upload",
            to_status=Status.ISSUED,
            fields=fields,
            comment=_signers_note(checks),
        )
        notices.document_issued(document, actor)
    return document
