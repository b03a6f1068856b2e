"""What a signed-in user is shown is not kept by a proxy or the browser's cache: every page the
URL matrix opens for a logged-in role answers `Cache-Control: private, no-store`
(qms_objectives.middleware.PrivatePagesMiddleware); anonymous pages (login, the public
verification page) say nothing, and a view's own Cache-Control is kept."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from qms_objectives.middleware import PrivatePagesMiddleware
from tests.security.conftest import client_as
from tests.security.url_table import ROLES, TABLE


def _logged_in_pages():
    """(row, a logged-in role the table says gets 200) for every row someone signed in opens."""
    pairs = []
    for row in TABLE:
        role = next((r for r in ROLES if r != "anonymous" and row.expected[r] == 200), None)
        if role is not None:
            pairs.append(pytest.param(row, role, id=row.id))
    return pairs


def _anonymous_pages():
    """The public pages whose views say nothing about caching (Django's login and reset-confirm
    views send never_cache's headers to everyone)."""
    return [
        pytest.param(row, id=row.id)
        for row in TABLE
        if row.expected["anonymous"] == 200 and row.name not in ("login", "password_reset_confirm")
    ]


@pytest.mark.parametrize(("row", "role"), _logged_in_pages())
def test_every_page_of_a_signed_in_user_is_private_and_not_stored(
    db, world, fast_documents, row, role
):
    url = reverse(row.name, kwargs=row.kwargs(world))
    response = client_as(world, role).get(url, row.query)

    assert response.status_code == 200
    # Django's login and reset-confirm views say their own (never_cache: …, no-store, private).
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.parametrize("row", _anonymous_pages())
def test_anonymous_pages_keep_no_cache_control_of_ours(db, world, fast_documents, row):
    url = reverse(row.name, kwargs=row.kwargs(world))
    response = client_as(world, "anonymous").get(url, row.query)

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_view_that_says_its_own_cache_control_keeps_it(world):
    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "public, max-age=60"
        return response

    request = RequestFactory().get("/")
    request.user = world.people["staff"]

    response = PrivatePagesMiddleware(view)(request)

    assert response["Cache-Control"] == "public, max-age=60"
