"""The whole-page cache of the public pages.

A public page shows only what is published, the same to everyone, in the language its address
asks for (`?lang=en`; Vietnamese otherwise — never a cookie): so a rendered page is kept whole
in the shared cache with the versions of what it shows (publication.versions), and served
again while they are current.

The middleware sits before the session, locale, CSRF and authentication middleware
(qms_objectives/settings.py): a hit is one read of the shared cache — the page and its versions
together (`get_many`: each process remembers which versions a page address was stored with, so
that it can ask for them with the page; a page stored with other versions since costs a second
read) — and answers: nothing is rendered, no session or database is touched, no cookie is set.
A miss goes
through the whole stack to the view, which reads the versions before the data it renders
(`public_response`); the answer is stored with the headers the stack gave it, without
Set-Cookie, and without `Cookie` or `Accept-Language` in Vary (the page provably depends on
neither: the view renders without the request, so no CSRF token, user menu or message can be in
it, and its language is the address's; a shared proxy keeps one copy per address, not one per
browser language).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from publication import versions as page_versions

PATH_PREFIX = "/cong-khai/"
ENTRY_PREFIX = "pub:page:"
# A page is keyed by the day ("this year", the scope's dates); this only bounds how long an
# unused one stays.
TIMEOUT = 24 * 60 * 60
LANGUAGE_PARAMETER = "lang"
CACHE_CONTROL = "public, max-age=0, must-revalidate"
_NOT_REPLAYED = {"set-cookie", "vary", "content-length", "x-public-cache"}
# {page key: the version names its entry was stored with}, per process: only a guess of what to
# read with the page (the versions themselves are always read from the shared cache).
_NAMES_SEEN: dict[str, tuple[str, ...]] = {}
_NAMES_SEEN_MAX = 20_000


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def chosen_language(request) -> str:
    """The language a public address asks for: `?lang=en`, else Vietnamese."""
    asked = request.GET.get(LANGUAGE_PARAMETER, "")
    return asked if asked in _languages() else settings.LANGUAGE_CODE


def language_query(request) -> str:
    """What links on the page carry to keep an explicitly chosen language ("" or "?lang=en")."""
    asked = request.GET.get(LANGUAGE_PARAMETER, "")
    return f"?{LANGUAGE_PARAMETER}={asked}" if asked in _languages() else ""


def page_key(request) -> str | None:
    """The cache key of a public page, or None for what is never cached (another method, a
    query other than the language: every other address is rendered and not kept)."""
    if request.method not in ("GET", "HEAD") or not request.path.startswith(PATH_PREFIX):
        return None
    query = request.META.get("QUERY_STRING", "")
    if query and query not in {f"{LANGUAGE_PARAMETER}={code}" for code in _languages()}:
        return None
    # The host too: the sitemap prints absolute addresses.
    where = f"{request.get_host()}{request.path}"
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:40]
    return f"{ENTRY_PREFIX}{timezone.localdate().isoformat()}:{query}:{digest}"


def public_response(request, template: str, context: dict, versions: dict) -> HttpResponse:
    """A public page rendered without the request (no context processor runs: no CSRF token,
    user, menu or message), in the address's language, marked for the cache with the versions
    read before its data."""
    language = chosen_language(request)
    with translation.override(language):
        context = {
            **context,
            "LANGUAGE_CODE": language,
            "lang_query": language_query(request),
            "page_path": request.path,
        }
        content = render_to_string(template, context)
    response = HttpResponse(content)
    response["Content-Language"] = language
    response["Cache-Control"] = CACHE_CONTROL
    response["ETag"] = '"' + hashlib.sha256(content.encode("utf-8")).hexdigest()[:32] + '"'
    response.public_page_versions = versions
    return response


# What the locale and session middleware add to Vary, and a public page never depends on.
_NOT_VARIED_ON = {"cookie", "accept-language"}


def _vary_of_the_page(vary: str) -> str:
    return ", ".join(v.strip() for v in vary.split(",") if v.strip().lower() not in _NOT_VARIED_ON)


def _entry(response) -> dict | None:
    versions = getattr(response, "public_page_versions", None)
    # A cookie the stack set on the way out (the session middleware deleting a visitor's stale
    # session cookie) belongs to that answer, not to the page: it is never replayed.
    if not versions or response.status_code != 200 or response.streaming:
        return None
    headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_REPLAYED]
    return {
        "versions": versions,
        "headers": headers,
        "etag": response.get("ETag", ""),
        "vary": _vary_of_the_page(response.get("Vary", "")),
        "content": response.content,
    }


def _replay(request, entry: dict) -> HttpResponse:
    etag = entry.get("etag")
    if etag and request.META.get("HTTP_IF_NONE_MATCH") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    if entry["vary"]:
        response["Vary"] = entry["vary"]
    response["X-Public-Cache"] = "hit"
    return response


def _remember(key: str, versions: dict) -> None:
    if len(_NAMES_SEEN) >= _NAMES_SEEN_MAX:
        _NAMES_SEEN.clear()
    _NAMES_SEEN[key] = tuple(versions)


def _current_entry(key: str) -> dict | None:
    """The page stored under `key` while every version it was stored with is current, else
    None: one cache read when this process knows the page's version names, two otherwise."""
    names = _NAMES_SEEN.get(key, ())
    found = cache.get_many([key, *(page_versions.PREFIX + name for name in names)])
    entry = found.get(key)
    if entry is None:
        return None
    versions = entry["versions"]
    if tuple(versions) == names:
        current = all(found.get(page_versions.PREFIX + n) == v for n, v in versions.items())
    else:
        current = page_versions.still_current(versions)
        _remember(key, versions)
    return entry if current and versions else None


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        entry = _current_entry(key)
        if entry is not None:
            return _replay(request, entry)
        response = self.get_response(request)
        entry = _entry(response)
        if entry is not None:
            # Stored only if nothing it shows changed while it was rendered.
            if page_versions.still_current(entry["versions"]):
                cache.set(key, entry, timeout=TIMEOUT)
                _remember(key, entry["versions"])
            if entry["vary"]:
                response["Vary"] = entry["vary"]
            else:
                del response["Vary"]
            patch_vary_headers(response, ())
            response["X-Public-Cache"] = "miss"
        return response
