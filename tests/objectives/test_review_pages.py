"""The review and issue pages show the document's real pages (issue 18): the PDF the renderer
produces, drawn as PNG images by a background task when the set is submitted (and again when it
is approved, with its signing block), kept by the body's hash and served only to whoever may
view the set. The review request itself never renders."""

import io

import pdfplumber
import pytest
from django.core.files.storage import default_storage
from PIL import Image

from documents import body, render, workflow
from documents.models import RenderedPages, Status
from documents.pages import pages_find
from objectives.models import DocumentForm, Objective
from tests.objectives.views_support import client_for, set_with_objectives


def _submit(objective_set, people, capture):
    with capture(execute=True):
        return workflow.document_submit(document=objective_set, actor=people["iso_officer"])


def _pages(objective_set) -> RenderedPages:
    return pages_find(objective_set, body.body_sha256(objective_set))


def _png_sizes(pages: RenderedPages) -> list[tuple[int, int]]:
    sizes = []
    for name in pages.page_files:
        with default_storage.open(name, "rb") as handle:
            image = Image.open(io.BytesIO(handle.read()))
            image.load()
            assert image.format == "PNG"
            sizes.append(image.size)
    return sizes


def test_submission_renders_the_real_pages_once_in_the_background(
    agency, people, django_capture_on_commit_callbacks
):
    objective_set = set_with_objectives(agency, count=14, form=DocumentForm.TABLE)
    _submit(objective_set, people, django_capture_on_commit_callbacks)
    pages = _pages(objective_set)
    assert pages.state == RenderedPages.State.READY
    with default_storage.open(pages.pdf_file.name, "rb") as handle:
        pdf = handle.read()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pdf_pages = len(document.pages)
        text = document.pages[0].extract_text()
        width, height = document.pages[0].width, document.pages[0].height
    assert pdf_pages >= 2
    assert "Mục tiêu số 1" in text
    sizes = _png_sizes(pages)
    assert len(sizes) == pdf_pages == pages.page_count
    # Each image is its page at 144 dpi.
    assert sizes[0] == (round(width * 2), round(height * 2))
    # The same PDF as the renderer's (the draft, unsigned): same number of pages, same text.
    fresh = render.render_document(objective_set, final=False)
    with pdfplumber.open(io.BytesIO(fresh)) as document:
        assert len(document.pages) == pdf_pages
        assert document.pages[0].extract_text() == text

    # Asked again for the same body: nothing is rendered a second time.
    with django_capture_on_commit_callbacks(execute=True):
        from documents.tasks import pages_request

        pages_request(objective_set)
    assert RenderedPages.objects.get().page_files == pages.page_files


def test_approval_renders_the_pages_with_the_signing_block(
    agency, people, django_capture_on_commit_callbacks, fast_render
):
    objective_set = set_with_objectives(agency)
    _submit(objective_set, people, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        approved = workflow.document_approve(document=objective_set, actor=people["deputy"])
    approved.refresh_from_db()
    pages = pages_find(approved, approved.approved_body_sha256)
    assert pages is not None and pages.state == RenderedPages.State.READY
    assert RenderedPages.objects.count() == 2  # the submitted body and the approved one


def test_the_review_page_shows_the_pages_without_rendering(
    agency, people, django_capture_on_commit_callbacks, monkeypatch, django_assert_max_num_queries
):
    objective_set = set_with_objectives(agency)
    _submit(objective_set, people, django_capture_on_commit_callbacks)
    pages = _pages(objective_set)

    def no_render(*args, **kwargs):
        raise AssertionError("the review request rendered a PDF")

    monkeypatch.setattr(render, "render_document", no_render)
    with django_assert_max_num_queries(45):
        response = client_for(people["head"]).get(f"/sets/{objective_set.pk}/review/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="document-page"') == pages.page_count
    assert f"/documents/pages/{pages.pk}/1.png" in html
    assert f"/documents/pages/{pages.pk}/document.pdf" in html
    # The HTML imitation of the document is gone.
    assert 'data-testid="document"' not in html and "doc-paper" not in html
    # The head's own signing block goes into the pages drawn again at approval.
    assert 'data-testid="signing-note"' in html


def test_pages_not_ready_yet_show_a_waiting_state_that_polls(
    agency, people, django_capture_on_commit_callbacks, monkeypatch
):
    """A set submitted before this existed (or whose task has not run yet): the page asks for
    the pages after its commit and polls; it never renders them itself."""
    objective_set = set_with_objectives(agency, status=Status.SUBMITTED)
    calls = []
    real_render = render.render_document
    monkeypatch.setattr(
        render, "render_document", lambda *a, **k: calls.append(1) or real_render(*a, **k)
    )
    client = client_for(people["iso_officer"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get(f"/sets/{objective_set.pk}/review/")
    assert calls == []
    assert len(callbacks) == 1  # the task, enqueued after the request's commit
    html = response.content.decode()
    pages = RenderedPages.objects.get()
    assert pages.state == RenderedPages.State.PENDING
    assert 'data-state="pending"' in html
    assert f'hx-get="/documents/pages/{pages.pk}/"' in html and 'hx-trigger="every 3s"' in html

    callbacks[0]()  # the worker runs the task
    fragment = client.get(f"/documents/pages/{pages.pk}/").content.decode()
    assert 'data-state="ready"' in fragment and "hx-trigger" not in fragment
    assert fragment.count('data-testid="document-page"') == RenderedPages.objects.get().page_count


def test_a_failed_render_says_so(agency, people, django_capture_on_commit_callbacks, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("phông chữ bị thiếu")

    monkeypatch.setattr(render, "render_document", broken)
    objective_set = set_with_objectives(agency)
    _submit(objective_set, people, django_capture_on_commit_callbacks)
    assert _pages(objective_set).state == RenderedPages.State.FAILED
    html = client_for(people["head"]).get(f"/sets/{objective_set.pk}/review/").content.decode()
    assert 'data-state="failed"' in html and "phông chữ bị thiếu" in html


def test_the_issue_page_shows_the_approved_pages(
    agency, people, django_capture_on_commit_callbacks, fast_render
):
    objective_set = set_with_objectives(agency)
    _submit(objective_set, people, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        approved = workflow.document_approve(document=objective_set, actor=people["head"])
    approved.refresh_from_db()
    pages = pages_find(approved, approved.approved_body_sha256)
    html = client_for(people["records_officer"]).get(f"/sets/{approved.pk}/issue/")
    html = html.content.decode()
    assert f"/documents/pages/{pages.pk}/1.png" in html
    assert 'data-testid="body-changed"' not in html


# --- who may see the pages ------------------------------------------------------------------------

WHO_MAY = ["iso_officer", "head", "deputy", "records_officer"]
WHO_MAY_NOT = ["staff", "department_head", "administrator", "outsider"]


@pytest.fixture
def ready_pages(agency, people, django_capture_on_commit_callbacks, fast_render):
    objective_set = set_with_objectives(agency)
    _submit(objective_set, people, django_capture_on_commit_callbacks)
    return _pages(objective_set)


def _urls(pages) -> list[str]:
    base = f"/documents/pages/{pages.pk}/"
    return [base, base + "1.png", base + "document.pdf"]


@pytest.mark.parametrize("role", WHO_MAY)
def test_those_who_may_view_the_set_get_its_pages(people, ready_pages, role):
    client = client_for(people[role])
    fragment, image, pdf = (client.get(url) for url in _urls(ready_pages))
    assert fragment.status_code == image.status_code == pdf.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert image["Cache-Control"] == "private, no-store"
    with default_storage.open(ready_pages.page_files[0], "rb") as handle:
        assert b"".join(image.streaming_content) == handle.read()
    assert pdf["Content-Type"] == "application/pdf"
    assert client.get(f"/documents/pages/{ready_pages.pk}/2.png").status_code == 404


@pytest.mark.parametrize("role", WHO_MAY_NOT)
def test_anyone_else_gets_404_and_nothing_changes(people, ready_pages, role):
    before = list(RenderedPages.objects.values())
    client = client_for(people[role])
    for url in _urls(ready_pages):
        assert client.get(url).status_code == 404
    assert list(RenderedPages.objects.values()) == before
    assert all(default_storage.exists(name) for name in ready_pages.page_files)


def test_an_anonymous_visitor_is_sent_to_log_in(ready_pages):
    from django.test import Client

    for url in _urls(ready_pages):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_returned_set_keeps_no_pages_for_its_changed_body(
    agency, people, django_capture_on_commit_callbacks, fast_render
):
    """Pages belong to a body: once the drafter changes the content, the old pages are not
    shown for it."""
    objective_set = set_with_objectives(agency)
    _submit(objective_set, people, django_capture_on_commit_callbacks)
    workflow.document_return(document=objective_set, actor=people["head"], comment="Sửa.")
    Objective.objects.filter(objective_set=objective_set).update(content="Nội dung mới.")
    assert _pages(objective_set) is None
