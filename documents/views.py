"""Public verification, no login: /v/ (type a code or upload a PDF) and /v/<code>/, the page the
QR code on every issued PDF opens. Details show only once a document is published.

Uploads are size-limited and throttled per address (cache-based, like the login lockout)."""

import re

from django import forms
from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from documents.rules import may_view_public
from documents.verify import (
    find_by_code,
    find_by_number,
    how_made,
    replacement_for,
    stored_signatures,
    verify_upload,
)
from qms_objectives.throttle import client_address, over_limit
from qms_objectives.uploads import check_size

MAX_UPLOAD_BYTES = getattr(settings, "VERIFY_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# At most this many uploads from one address in this many seconds.
UPLOAD_RATE = getattr(settings, "VERIFY_UPLOAD_RATE", (10, 600))


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload, MAX_UPLOAD_BYTES)
        return upload


def normalized_code(code: str) -> str:
    """Codes are printed in upper case; people type them any way, with spaces or dashes."""
    return re.sub(r"[\s-]+", "", code).upper()[:32]


# What a code may look like once normalised (issuing.CODE_ALPHABET and digits, any length).
CODE_SHAPE = re.compile(r"^[A-Z0-9]+$")


def _look_up(request, typed: str):
    """A code goes to its page; a document number ("124/QĐ-VP") lists the public documents
    that carry it, agency by agency; anything else is not found."""
    code = normalized_code(typed)
    if CODE_SHAPE.match(code):
        return redirect("documents:verify", code=code)
    documents = find_by_number(typed)
    if not documents:
        context = {"code": typed.strip()[:40]}
        return render(request, "objectives/verify_not_found.html", context, status=404)
    context = {"typed": typed.strip(), "documents": documents}
    return render(request, "objectives/verify_number.html", context)


def _upload_throttled(request) -> bool:
    limit, window = UPLOAD_RATE
    return over_limit("verify-upload", client_address(request), limit=limit, window=window)


def _limits() -> dict:
    return {"max_upload_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}


@require_http_methods(["GET", "HEAD", "POST"])
def verify_home(request):
    typed = request.GET.get("code", "")
    if typed.strip():
        return _look_up(request, typed)
    form, verdict, status = VerifyUploadForm(), None, 200
    if request.method == "POST":
        if _upload_throttled(request):
            status = 429
        else:
            form = VerifyUploadForm(request.POST, request.FILES)
            if form.is_valid():
                verdict = verify_upload(form.cleaned_data["file"].read())
            # A file refused by the form or not a PDF at all is a bad request; any readable PDF
            # gets its verdict (genuine or not, and why).
            if verdict is None or not verdict.is_pdf:
                status = 400
    context = {"form": form, "verdict": verdict, "throttled": status == 429, **_limits()}
    return render(request, "objectives/verify.html", context, status=status)


@require_safe
def verify_code(request, code: str):
    wanted = normalized_code(code)
    if wanted != code:
        return redirect("documents:verify", code=wanted)
    document = find_by_code(wanted)
    if document is None:
        return render(request, "objectives/verify_not_found.html", {"code": code}, status=404)
    public = may_view_public(request.user, document)
    context = {
        "code": code,
        "document": document,
        "public": public,
        "signatures": stored_signatures(document) if public else [],
        "how_made": how_made(document) if public else "",
        "replacement": replacement_for(document) if public else None,
        "form": VerifyUploadForm(),
        **_limits(),
    }
    return render(request, "objectives/verify_document.html", context)


@require_safe
def verify_download(request, code: str):
    """The issued file of a published document, for anyone holding its code."""
    document = find_by_code(normalized_code(code))
    if document is None or not may_view_public(request.user, document) or not document.issued_file:
        raise Http404
    response = FileResponse(
        document.issued_file.open("rb"),
        as_attachment=True,
        filename=f"{document.verification_code}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
