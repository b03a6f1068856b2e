from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from qms_objectives.private_files import file_owner_allows


@login_required
def home(request):
    from objectives.selectors import home_for_user

    return render(request, "home.html", home_for_user(request.user))


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
def private_file(request, name: str):
    """Serve a stored file only to users whose permission its owning object grants."""
    from django.core.files.storage import default_storage

    if not file_owner_allows(request.user, name) or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
