"""The Word copy from the browser (issue 18, "Formats people ask for"): offered on the editor,
review and reading pages to whoever sees the set, the draft marked as such; nobody else gets it."""

import io

from django.urls import reverse
from docx import Document

from tests.factories import ObjectiveSetFactory
from tests.objectives.views_support import client_for


def _text(response) -> str:
    document = Document(io.BytesIO(response.content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def test_a_drafter_downloads_the_draft_as_word_from_the_editor(agency, people):
    draft = ObjectiveSetFactory(agency=agency, with_objectives=2)
    client = client_for(people["iso_officer"])
    url = reverse("objectives:set_export_docx", args=[draft.pk])
    editor = client.get(reverse("objectives:set_edit", args=[draft.pk])).content.decode()
    assert url in editor

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="du-thao-')
    assert response["Cache-Control"] == "private, no-store"
    text = _text(response)
    assert "MỤC TIÊU CHẤT LƯỢNG NĂM" in text.upper()
    first = draft.objectives.order_by("order").first()
    assert first.content[:40] in text


def test_a_reader_downloads_the_published_set_as_word_from_the_reading_page(agency, people):
    published = ObjectiveSetFactory(agency=agency, published=True, with_objectives=1)
    client = client_for(people["staff"])
    url = reverse("objectives:set_export_docx", args=[published.pk])
    page = client.get(reverse("objectives:reading_detail", args=[published.pk]))
    assert url in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert not response["Content-Disposition"].startswith('attachment; filename="du-thao-')
    assert published.objectives.get().content[:40] in _text(response)


def test_nobody_outside_the_set_gets_its_word_copy(agency, people):
    draft = ObjectiveSetFactory(agency=agency, with_objectives=1)
    url = reverse("objectives:set_export_docx", args=[draft.pk])
    assert client_for(people["outsider"]).get(url).status_code == 404
    assert client_for(people["staff"]).get(url).status_code == 404
    assert client_for(people["head"]).get(url).status_code == 200
