"""A document's pages as images, for the pages that ask someone to approve or issue it: the
very PDF the renderer produces (documents.render.render_document, unsigned, marked as a draft),
each page drawn as a PNG with PDFium. Rendered by the task documents.tasks.document_pages_render
(never inside a request) and kept once per body (documents.body): a RenderedPages row with the
PDF and the images under private names.
"""

import io
import logging
import threading

import pypdfium2
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from documents import render
from documents.body import body_sha256
from documents.models import RenderedPages
from qms_objectives.files import private_upload_to

logger = logging.getLogger(__name__)

SCALE = 2  # PDF points to pixels: 144 dpi, an A4 page 1191 × 1684 px
MAX_ERROR = 2000
# PDFium is not thread-safe: without a broker the task runs in the web process, whose threads
# may draw two documents at once.
_PDFIUM = threading.Lock()


def pages_find(document, sha256: str) -> RenderedPages | None:
    return RenderedPages.objects.filter(
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        body_sha256=sha256,
    ).first()


def pages_row(document, sha256: str) -> tuple[RenderedPages, bool]:
    """The row for this body, made (pending) when there is none; (row, made)."""
    return RenderedPages.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        body_sha256=sha256,
    )


def png_pages(pdf: bytes, *, scale: float = SCALE) -> list[bytes]:
    """Each page of `pdf` as PNG bytes, in order."""
    with _PDFIUM:
        return _png_pages(pdf, scale)


def _png_pages(pdf: bytes, scale: float) -> list[bytes]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            try:
                image = page.render(scale=scale).to_pil()
            finally:
                page.close()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            images.append(buffer.getvalue())
        return images
    finally:
        document.close()


def _store(folder: str, suffix: str, data: bytes) -> str:
    return default_storage.save(private_upload_to(folder)(None, "page" + suffix), ContentFile(data))


def _discard(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 - a left-over file must not fail the task
            logger.exception("Could not delete %s", name)


def pages_render(label: str, pk: int) -> str:
    """Render the document's pages for its body as it is now, once: nothing when they are ready
    already. Returns the body's hash ("" when the document is gone or changed meanwhile).
    Rendering runs outside any transaction (it takes seconds); the row is marked ready in a short
    one, and a second renderer that finished first wins (the later files are deleted)."""
    model = apps.get_model(label)
    document = model._default_manager.select_related("agency", "department").filter(pk=pk).first()
    if document is None:
        return ""
    sha256 = body_sha256(document)
    row, _made = pages_row(document, sha256)
    if row.state == RenderedPages.State.READY:
        return sha256
    try:
        pdf = render.render_document(document, final=False)
        images = png_pages(pdf)
    except Exception as error:  # noqa: BLE001 - recorded on the row, shown on the page
        logger.exception("Rendering the pages of %s %s failed", label, pk)
        RenderedPages.objects.filter(pk=row.pk).exclude(state=RenderedPages.State.READY).update(
            state=RenderedPages.State.FAILED,
            error=str(error)[:MAX_ERROR],
            updated_at=timezone.now(),
        )
        return sha256
    if body_sha256(document) != sha256:
        return ""  # changed while rendering: whoever changed it asks again
    written = [_store("pages", ".pdf", pdf)]
    written += [_store("pages", ".png", image) for image in images]
    with transaction.atomic():
        locked = RenderedPages.objects.select_for_update().get(pk=row.pk)
        if locked.state == RenderedPages.State.READY:
            transaction.on_commit(lambda: _discard(written))
            return sha256
        locked.pdf_file.name, locked.page_files = written[0], written[1:]
        locked.state, locked.error = RenderedPages.State.READY, ""
        locked.save()
    return sha256
