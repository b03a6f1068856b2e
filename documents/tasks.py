"""Background work of the documents: their pages for review (documents.pages)."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from documents import pages
from documents.body import body_sha256, has_body
from documents.models import RenderedPages, Status
from qms_objectives.tasks import enqueue_on_commit

# A render not done by then is asked for again (a worker that died, a broker that was down).
STALLED_AFTER = timedelta(minutes=10)


@shared_task
def document_pages_render(label: str, pk: int) -> str:
    """Render the pages of one document's current body (idempotent: once per body)."""
    return pages.pages_render(label, pk)


def pages_request(document) -> None:
    """Ask for the document's pages once the transaction commits (submission, approval): the
    body is read then, so whatever the transaction still writes is in it. Kinds that declare
    no body (documents.kinds) have no pages kept for them."""
    if not has_body(document):
        return
    enqueue_on_commit(document_pages_render, document._meta.label, document.pk)


def pages_shown(document, sha256: str) -> RenderedPages:
    """The pages of this body for a page to show, asked for when there are none yet or when a
    try has stalled or failed a while ago; never rendered here."""
    row, made = pages.pages_row(document, sha256)
    stalled = (
        row.state != RenderedPages.State.READY and row.updated_at < timezone.now() - STALLED_AFTER
    )
    if stalled:
        RenderedPages.objects.filter(pk=row.pk).update(
            state=RenderedPages.State.PENDING, updated_at=timezone.now()
        )
        row.state = RenderedPages.State.PENDING
    if made or stalled:
        pages_request(document)
    return row


# The states in which a document's pages are shown to whoever decides on it: submitted (the
# approver), approved (the records officer issuing it).
PAGES_STATUSES = (Status.SUBMITTED, Status.APPROVED)


def review_pages(document) -> dict:
    """What the review and issue pages show of the document: "pages", its rendered pages (asked
    for when missing; None outside PAGES_STATUSES, where the body is still changing or the
    issued file is the document) and "body_changed", whether the body is no longer the approved
    one (issuing will refuse)."""
    if document.status not in PAGES_STATUSES or not has_body(document):
        return {"pages": None, "body_changed": False}
    sha256 = body_sha256(document)
    approved = document.approved_body_sha256
    return {
        "pages": pages_shown(document, sha256),
        "body_changed": bool(approved)
        and document.status == Status.APPROVED
        and approved != sha256,
    }
