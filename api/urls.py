"""/api/v1/: the operations of api.main (their url names are the operation ids), the schema, the
docs page, and a JSON 404 for any other address under it. Every view answers GET and HEAD (and
the CORS middleware answers preflight OPTIONS before it): any other method gets a JSON 405. The
one exception is the dossiers push (api/dossiers.py), POST only, with an agency's token.

HEAD is answered as Django answers it for its own views: the GET runs (same rate limit, same
status, ETag, If-None-Match → 304, Content-Length) and the server sends no body. The operations
are declared GET only, so the schema lists each once (one operationId a path) and HEAD is the
HTTP rule, not a second operation."""

from functools import wraps

from django.http import JsonResponse
from django.urls import URLPattern, re_path, reverse

from api.errors import error_response, not_found_view
from api.main import api

app_name = "api"


def json_methods(request_method_list):
    """Like django.views.decorators.http.require_http_methods, answering the API's JSON 405."""

    def decorator(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.method == "HEAD" and "HEAD" in request_method_list:
                return _as_get(view, request, *args, **kwargs)
            if request.method not in request_method_list:
                response = error_response("method_not_allowed", 405)
                response["Allow"] = ", ".join(request_method_list)
                return response
            return view(request, *args, **kwargs)

        return inner

    return decorator


def _as_get(view, request, *args, **kwargs):
    """The GET answer to a HEAD request, with the Content-Length of its body (which the server
    leaves out, like runserver, gunicorn and the test client do for HEAD)."""
    request.method = "GET"
    try:
        response = view(request, *args, **kwargs)
    finally:
        request.method = "HEAD"
    if not response.streaming and not response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response


def index(request):
    """/api/v1/ itself: where the schema and the docs are (the schema's paths start here)."""
    return JsonResponse(
        {
            "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
            "docs": request.build_absolute_uri(reverse("api:openapi-view")),
        }
    )


get_only = json_methods(["GET", "HEAD"])
# The one write of the API: an agency's system pushes its dossiers (api/dossiers.py).
POST_ONLY = {"dossiers_push": json_methods(["POST"])}
patterns, _app_name, _namespace = api.urls
urlpatterns = [
    URLPattern(
        p.pattern,
        POST_ONLY.get(p.name, get_only)(index if p.name == "api-root" else p.callback),
        p.default_args,
        p.name,
    )
    for p in patterns
]
urlpatterns.append(re_path(r"^(?P<rest>.+)$", get_only(not_found_view), name="not_found"))
