"""What the URL matrix and the baseline checks share: walking the URL patterns, naming an
answer (200, 403, LOGIN…), a fingerprint of the whole database and the stored files, and
renderers swapped for a fixed small PDF (the matrix checks who may open a document, the
renderer has its own tests)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.signals import request_finished
from django.db import close_old_connections
from django.shortcuts import resolve_url
from django.urls import URLResolver, get_resolver

from tests.security.url_table import LOGIN, REDIRECT

SKIPPED_PREFIXES = ("admin/", "static/")


def walk(patterns, prefix: str = "", namespace: str = ""):
    """(route, name) of every pattern, includes followed, namespaces joined."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = namespace + pattern.name if pattern.name else None
            yield prefix + str(pattern.pattern), name


def project_urls() -> dict[str, str]:
    """{name (or route when unnamed): route} of every URL the matrix must cover."""
    urls = {}
    for route, name in walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES):
            continue
        urls.setdefault(name or route, route)
    return urls


def outcome(response):
    """The status, with a redirect told apart: LOGIN for login_required's redirect (it carries
    ?next=), REDIRECT for any other."""
    if hasattr(response, "streaming_content"):
        # Closing fires request_finished; as Django's test client does, keep it from closing
        # the test's database connection (PostgreSQL would lose the module's transaction).
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    login = resolve_url(settings.LOGIN_URL)
    return LOGIN if location.startswith(login) and "next=" in location else REDIRECT


def database_state() -> dict:
    """Every row of every table but the sessions (logging in writes one)."""
    state = {}
    for model in apps.get_models():
        if model is Session or not model._meta.managed:
            continue
        state[model._meta.label] = list(model._default_manager.order_by("pk").values_list())
    return state


def stored_files() -> list[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
