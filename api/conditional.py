"""ETag and If-None-Match on every answer of the API: the tag is the SHA-256 of the JSON (or
file) sent, so a client polling a published set gets 304 Not Modified, with no body, until it
changes. Public answers may be kept by shared caches if revalidated; token answers only by the
client (they vary with the token)."""

import hashlib
from functools import wraps

from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import quote_etag


def conditional(run):
    @wraps(run)
    def wrapper(request, *args, **kwargs):
        response = run(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if getattr(response, "streaming", False):
            return response
        scoped = getattr(request, "auth", None) is not None
        response["Cache-Control"] = "private, no-cache" if scoped else "public, no-cache"
        patch_vary_headers(response, ["Authorization"])
        if not response.has_header("ETag"):
            response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapper
