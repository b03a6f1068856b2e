"""The workflow of every issuable document: Draft → Submitted → Approved → Issued → Published →
Superseded, with Returned and Withdrawn on the side.

Each transition is one function: inside transaction.atomic it locks the row, checks the actor's
right (agencies.permissions) and the state, changes and saves only the fields it owns, records a
DocumentEvent and queues the notifications (sent after commit). A refusal raises WorkflowError
and changes nothing. Views and the admin call these; nothing else changes a status.

Issuing (number, PDF, signature, file) lives in issuing.py and is re-exported here.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.signing import signing_block_for
from documents import notices
from documents.body import body_sha256, has_body
from documents.issuing import (  # noqa: F401 - part of this module's interface
    document_issue,
    document_prepare_external,
    document_register_external,
    next_free_number,
    preparation_release,
)
from documents.models import EDITABLE_STATUSES, FROZEN_STATUSES, IssuableDocument, Status
from documents.rules import may_approve, may_draft, may_publish
from documents.steps import lock, require_right, require_status, transition_save
from documents.tasks import pages_request
from qms_objectives.errors import WorkflowError
from qms_objectives.text import to_nfc

APPROVAL_FIELDS = [
    "signing_lines",
    "signer",
    "signer_name",
    "approved_at",
    "approved_by",
    "approved_body_sha256",
]


def _owning_document(obj):
    """The document a section, objective or target belongs to (or the document itself)."""
    if isinstance(obj, IssuableDocument):
        return obj
    if hasattr(obj, "objective_set"):
        return obj.objective_set
    return obj.objective.objective_set


def ensure_editable(document) -> None:
    """Raise WorkflowError unless the document is a Draft or Returned. Accepts a set, section,
    objective or target. The status is read from the database (and the row locked when inside
    a transaction), so a stale instance cannot slip through: editing services and forms call
    this before saving content."""
    owner = _owning_document(document)
    if owner.pk is None:
        return
    rows = type(owner)._default_manager.filter(pk=owner.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update().order_by()  # no outer joins under FOR UPDATE
    current = rows.only("pk", "status").first()
    if current is None or current.status in EDITABLE_STATUSES:
        return
    if current.status in FROZEN_STATUSES:
        raise WorkflowError(
            _("Văn bản đã ban hành nên không sửa được; hãy lập bản sửa đổi."), code="frozen"
        )
    raise WorkflowError(
        _("Văn bản đang ở trạng thái “%(status)s”; chỉ sửa được khi là Dự thảo hoặc Trả lại.")
        % {"status": Status(current.status).label},
        code="state",
    )


def document_submit(*, document, actor):
    """Drafters send a Draft or Returned document for approval; the return comment is cleared."""
    with transaction.atomic():
        document = lock(document)
        require_right(may_draft(actor, document))
        require_status(document, EDITABLE_STATUSES, "submit")
        document.return_comment = ""
        transition_save(
            document,
            actor=actor,
            action="submit",
            to_status=Status.SUBMITTED,
            fields=["return_comment"],
        )
        notices.document_submitted(document, actor)
        pages_request(document)  # the pages the approver will look at, rendered after commit
    return document


def document_return(*, document, actor, comment: str):
    """Approvers send a Submitted or Approved document back to the drafters with a comment.
    Returning an approved document undoes the approval (and any preparation for external
    signing: its number is freed and its prepared file deleted)."""
    comment = to_nfc((comment or "").strip())
    with transaction.atomic():
        document = lock(document)
        require_right(may_approve(actor, document))
        require_status(document, (Status.SUBMITTED, Status.APPROVED), "return")
        if not comment:
            raise WorkflowError(_("Khi trả lại phải ghi ý kiến."), code="comment_required")
        fields = ["return_comment", *APPROVAL_FIELDS, *preparation_release(document)]
        document.return_comment = comment
        document.signing_lines, document.signer, document.signer_name = [], None, ""
        document.approved_at = document.approved_by = None
        document.approved_body_sha256 = ""
        transition_save(
            document,
            actor=actor,
            action="return",
            to_status=Status.RETURNED,
            fields=fields,
            comment=comment,
        )
        notices.document_returned(document, actor, comment)
    return document


def document_approve(*, document, actor, approved_at=None):
    """The head, or a deputy signing "KT.", approves; the signing block and signer are fixed.
    `approved_at` is now, except when loading history (the demo's documents of past years are
    approved when their originals were, so that they may be issued on their real dates)."""
    with transaction.atomic():
        document = lock(document)
        require_right(may_approve(actor, document))
        require_status(document, (Status.SUBMITTED,), "approve")
        document.signing_lines, document.signer_name = signing_block_for(
            agency=document.agency, actor=actor
        )
        document.signer = document.approved_by = actor
        document.approved_at = approved_at or timezone.now()
        # What is approved: the body with this signing block (documents.body); issuing checks it.
        document.approved_body_sha256 = body_sha256(document) if has_body(document) else ""
        transition_save(
            document,
            actor=actor,
            action="approve",
            to_status=Status.APPROVED,
            fields=APPROVAL_FIELDS,
        )
        notices.document_approved(document, actor)
        pages_request(document)  # with the signing block now fixed: what the issue page shows
    return document


def _supersede_others(document, actor) -> list:
    """The set this one revises, and any other published document of the same agency,
    department and year, become Superseded (first: the database allows one published);
    returns them."""
    others = Q(
        agency_id=document.agency_id,
        department_id=document.department_id,
        year=document.year,
        status=Status.PUBLISHED,
    )
    revised_id = getattr(document, "revises_id", None)
    if revised_id:
        others |= Q(pk=revised_id, status__in=(Status.ISSUED, Status.PUBLISHED))
    model = type(document)
    locked = model._default_manager.select_for_update().order_by("pk")
    superseded = list(locked.filter(others).exclude(pk=document.pk))
    for other in superseded:
        transition_save(other, actor=actor, action="supersede", to_status=Status.SUPERSEDED)
    return superseded


def document_publish(*, document, actor):
    """The ISO officer or the head (for a department's document also its department head) makes
    an issued document visible to all staff it concerns."""
    with transaction.atomic():
        document = lock(document)
        require_right(may_publish(actor, document))
        require_status(document, (Status.ISSUED,), "publish")
        superseded = _supersede_others(document, actor)
        document.published_at = timezone.now()
        transition_save(
            document,
            actor=actor,
            action="publish",
            to_status=Status.PUBLISHED,
            fields=["published_at"],
        )
        notices.document_published(document, actor, superseded)
    return document


def document_withdraw(*, document, actor):
    """Drafters abandon a Draft or Returned document; it is kept, not deleted."""
    with transaction.atomic():
        document = lock(document)
        require_right(may_draft(actor, document))
        require_status(document, EDITABLE_STATUSES, "withdraw")
        transition_save(document, actor=actor, action="withdraw", to_status=Status.WITHDRAWN)
    return document
