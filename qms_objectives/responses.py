"""How every view answers a refusal, for full pages and htmx requests alike."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def refused(request, error, url: str):
    """A service refused (the document changed state, a rule failed): say why and go back. An htmx
    request is sent to `url` as a whole page, so the user sees the page as it now is.

    A refusal for want of the right (code "forbidden": the user's role may not do this) is the
    403 page with the reason, as when the view's own check refuses (templates/403.html): going
    back to the page would suggest that trying again could work."""
    if getattr(error, "code", "") == "forbidden":
        raise PermissionDenied(error.message)
    messages.error(request, error.message)
    if is_htmx(request):
        response = HttpResponse(status=409)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
