"""The rendered pages of a document (documents.pages): the fragment the review and issue pages
show (and poll while the pages are being prepared), each page's image and the PDF they were
drawn from. Whoever may view the document, by the same rule as the document itself; anyone else
gets 404, as for the document."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from documents.models import RenderedPages
from documents.rules import may_view


def _pages_for(user, pk: int) -> RenderedPages:
    pages = get_object_or_404(RenderedPages.objects.select_related("content_type"), pk=pk)
    document = pages.document
    if document is None or not may_view(user, document):
        raise Http404
    return pages


def _file(name: str, content_type: str, filename: str) -> FileResponse:
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # Only for those who may see the document, and never kept by a browser or proxy (as every
    # page of a signed-in user: tests/security/test_private_pages.py).
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def pages_fragment(request, pk: int):
    pages = _pages_for(request.user, pk)
    return render(request, "documents/_pages.html", {"pages": pages})


@login_required
@require_safe
def page_image(request, pk: int, number: int):
    pages = _pages_for(request.user, pk)
    if pages.state != RenderedPages.State.READY or not 1 <= number <= pages.page_count:
        raise Http404
    return _file(pages.page_files[number - 1], "image/png", f"trang-{number}.png")


@login_required
@require_safe
def pages_pdf(request, pk: int):
    pages = _pages_for(request.user, pk)
    if pages.state != RenderedPages.State.READY or not pages.pdf_file.name:
        raise Http404
    return _file(pages.pdf_file.name, "application/pdf", "van-ban.pdf")
