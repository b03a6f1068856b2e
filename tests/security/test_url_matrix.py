"""Every URL pattern × every role against the hand-written table in url_table.py.

GET for every row and every role; for POST-only actions also a POST from another agency's
member and from an anonymous visitor, which must be refused and change nothing (database rows
and stored files compared before and after)."""

import pytest
from django.urls import reverse

from tests.security.conftest import client_as
from tests.security.matrix_support import (
    database_state,
    outcome,
    project_urls,
    stored_files,
)
from tests.security.url_table import NO_AGENCY, ROLES, TABLE

POST_ROWS = [row for row in TABLE if row.post is not None]


def test_it_has_a_row_for_every_url_pattern():
    urls = project_urls()
    covered = {row.name for row in TABLE}
    missing = sorted(f"{name} ({route})" for name, route in urls.items() if name not in covered)
    assert not missing, "URL patterns without a row in tests/security/url_table.py: " + ", ".join(
        missing
    )
    stale = sorted(covered - set(urls))
    assert not stale, f"Rows for URLs that no longer exist: {stale}"


def test_it_walks_includes_and_skips_only_admin_and_static():
    urls = project_urls()
    assert {"home", "healthz", "set_language", "private_file", "password_reset"} <= set(urls)
    assert "evaluation:issue" in urls and "agencies:member_import" in urls
    assert not any(route.startswith("admin/") for route in urls.values())


@pytest.mark.parametrize("row", TABLE, ids=[row.id for row in TABLE])
def test_it_answers_every_role_as_the_table_says(db, world, fast_documents, row):
    url = reverse(row.name, kwargs=row.kwargs(world))
    got = {role: outcome(client_as(world, role).get(url, row.query)) for role in ROLES}
    wrong = {
        role: f"expected {row.expected[role]}, got {got[role]}"
        for role in ROLES
        if got[role] != row.expected[role]
    }
    assert not wrong, f"GET {url}: {wrong}"


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
@pytest.mark.parametrize("row", POST_ROWS, ids=[row.id for row in POST_ROWS])
def test_it_refuses_a_post_from_outside_and_changes_nothing(db, world, row, role):
    client = client_as(world, role)
    url = reverse(row.name, kwargs=row.kwargs(world))
    rows_before, files_before = database_state(), stored_files()

    response = client.post(url, row.post.data(world))

    assert outcome(response) == getattr(row.post, role), f"POST {url} as {role}"
    assert database_state() == rows_before
    assert stored_files() == files_before


def test_it_counts_the_cells_it_checks():
    """The figure docs/SECURITY.md quotes: GET cells plus the refused POSTs."""
    cells = len(TABLE) * len(ROLES) + 2 * len(POST_ROWS)
    assert len(project_urls()) >= 90
    assert cells >= 900


def test_a_former_member_gets_no_more_than_an_outsider(db, world, fast_documents):
    client = client_as(world, "former_member")
    wrong = {}
    for row in TABLE:
        url = reverse(row.name, kwargs=row.kwargs(world))
        expected = NO_AGENCY.get(row.name, row.expected["outsider"])
        got = outcome(client.get(url, row.query))
        if got != expected:
            wrong[row.id] = f"expected {expected}, got {got}"
    assert not wrong


@pytest.mark.parametrize("row", POST_ROWS, ids=[row.id for row in POST_ROWS])
def test_every_post_only_action_needs_the_csrf_token(db, world, row):
    client = client_as(world, "iso_officer", enforce_csrf_checks=True)
    url = reverse(row.name, kwargs=row.kwargs(world))
    rows_before = database_state()

    response = client.post(url, row.post.data(world))

    assert response.status_code == 403
    assert database_state() == rows_before
