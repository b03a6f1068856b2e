"""Every view declares the HTTP methods it answers (require_GET, require_POST, require_safe,
require_http_methods, or a class-based view's http_method_names): a method it does not list is
refused with 405 before anything runs. Found by reading the decorators, and proved by sending
PUT to every URL of the project as a logged-in member."""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.views.decorators.http import require_POST

from tests.security.conftest import client_as
from tests.security.matrix_support import SKIPPED_PREFIXES
from tests.security.url_table import TABLE

# What a view may answer besides the methods it declares: OPTIONS (class-based views answer it
# with the list of their methods).
UNDECLARED = ("put", "patch", "delete", "trace")


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def _views() -> dict:
    """{route: view} of every reachable pattern (the first of a route wins, as in resolving),
    admin/ and static aside."""
    views = {}
    for route, view in _walk(get_resolver().url_patterns):
        if not route.startswith(SKIPPED_PREFIXES):
            views.setdefault(route, view)
    return views


def declares_methods(view) -> bool:
    """A function view wrapped by require_http_methods (and its shortcuts), at any depth of
    decorators; a class-based view without a handler for a method it should not take."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        allowed = set(view.view_initkwargs.get("http_method_names", view_class.http_method_names))
        return not any(m in allowed and hasattr(view_class, m) for m in UNDECLARED)
    while view is not None:
        if "request_method_list" in getattr(getattr(view, "__code__", None), "co_freevars", ()):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def test_it_tells_a_declared_view_from_an_undeclared_one():
    def page(request):
        return None

    assert declares_methods(require_POST(page))
    assert not declares_methods(page)


def test_every_view_declares_its_methods():
    undeclared = sorted(
        f"{route} ({view.__module__}.{view.__qualname__})"
        for route, view in _views().items()
        if not declares_methods(view)
    )
    assert not undeclared, "views without a method restriction: " + ", ".join(undeclared)


def _one_row_a_url():
    rows = {}
    for row in TABLE:
        rows.setdefault(row.name, row)
    return list(rows.values())


@pytest.mark.parametrize("row", _one_row_a_url(), ids=lambda row: row.name)
def test_it_refuses_put_on_every_url(db, world, row):
    url = reverse(row.name, kwargs=row.kwargs(world))
    response = client_as(world, "iso_officer").put(url)
    assert response.status_code == 405
