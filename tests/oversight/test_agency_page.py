"""The read-only page of one agency for its oversight body: published documents (reading page
and PDF through the rulebook's view right) and results, never a draft; an agency outside the
body's scope that year is 404, as is the page to another body's member or an agency's member."""

import pytest
from django.urls import reverse

from documents.models import Status
from tests.factories import ObjectiveSetFactory


@pytest.fixture
def sets(agency):
    published = ObjectiveSetFactory(
        agency=agency, year=2024, published=True, with_objectives=1, title="MTCL công bố 2024"
    )
    draft = ObjectiveSetFactory(
        agency=agency,
        year=2024,
        status=Status.DRAFT,
        revision=1,
        with_objectives=1,
        title="MTCL dự thảo sửa đổi",
    )
    return published, draft


def _page(client, body, agency, year=2024):
    return client.get(reverse("oversight:agency", args=[body.pk, year, agency.pk]))


def test_the_inspector_reads_published_documents_never_drafts(
    client, overseers, body, agency, sets
):
    published, draft = sets
    client.force_login(overseers["inspector"])
    response = _page(client, body, agency)
    page = response.content.decode()
    assert response.status_code == 200
    assert "MTCL công bố 2024" in page and "MTCL dự thảo sửa đổi" not in page
    assert client.get(reverse("objectives:reading_detail", args=[published.pk])).status_code == 200
    assert client.get(reverse("objectives:set_detail", args=[published.pk])).status_code == 200
    assert client.get(reverse("objectives:set_detail", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("role", ["other_overseer", "iso_officer", "outsider"])
def test_anyone_else_gets_404(client, people, overseers, body, agency, sets, role):
    client.force_login({**people, **overseers}[role])
    assert _page(client, body, agency).status_code == 404


def test_an_agency_outside_the_scope_is_404(client, overseers, body, outsider_agency):
    client.force_login(overseers["oversight_admin"])
    assert _page(client, body, outsider_agency).status_code == 404


def test_an_agency_never_sees_another_through_these_pages(client, people, body, agency):
    client.force_login(people["outsider"])
    assert client.get(reverse("oversight:table", args=[body.pk, 2024])).status_code == 404
