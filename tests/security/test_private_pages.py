"""What a signed-in user is shown is not kept by a proxy or the browser's cache: every page the
URL matrix opens for a logged-in role answers `Cache-Control: private, no-store`
(qms_objectives.middleware.PrivatePagesMiddleware); anonymous pages (login, the public
verification page) say nothing, and a view's own Cache-Control is kept."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from qms_objectives.middleware import PrivatePagesMiddleware
from tests.security.conftest import client_as
from tests.security.url_table import ROLES, TABLE

# Pages that are the same to everyone, signed in or not, and say so (`Cache-Control: public`):
# the public pages, rendered without the request and kept whole (publication/page_cache.py).
SAME_FOR_EVERYONE = ("publication:", "api:")  # api: the public API says `public, no-cache`


def _logged_in_pages():
    """(row, a logged-in role the table says gets 200) for every row someone signed in opens."""
    pairs = []
    for row in TABLE:
        if row.name.startswith(SAME_FOR_EVERYONE):
            continue
        role = next((r for r in ROLES if r != "anonymous" and row.expected[r] == 200), None)
        if role is not None:
            pairs.append(pytest.param(row, role, id=row.id))
    return pairs


def _anonymous_pages():
    return [pytest.param(row, id=row.id) for row in TABLE if row.expected["anonymous"] == 200]


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
def test_anonymous_pages_get_no_cache_control_of_ours(db, world, fast_documents, row):
    """Public pages say what their views say: nothing (/v/), or never_cache's headers sent to
    everyone (Django's login and reset-confirm views, the invitation page)."""
    url = reverse(row.name, kwargs=row.kwargs(world))
    response = client_as(world, "anonymous").get(url, row.query)

    assert response.status_code == 200
    assert response.get("Cache-Control") != "private, no-store"


def test_an_anonymous_visitor_gets_no_cache_control_from_the_middleware():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = PrivatePagesMiddleware(lambda request: HttpResponse("ok"))(request)

    assert not response.has_header("Cache-Control")


def test_a_view_that_says_its_own_cache_control_keeps_it(world):
    def view(request):
        response = HttpResponse("ok")
        response["Cache-Control"] = "public, max-age=60"
        return response

    request = RequestFactory().get("/")
    request.user = world.people["staff"]

    response = PrivatePagesMiddleware(view)(request)

    assert response["Cache-Control"] == "public, max-age=60"
