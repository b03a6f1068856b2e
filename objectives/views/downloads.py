"""The set as a Word file, for whoever may see it: a draft carries the "DỰ THẢO" mark; an issued
set is written from its data without signature or seal (the issued PDF stays the document)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from documents.rules import may_view
from objectives.printing.docx import render_set_docx
from objectives.selectors import sets_with_content
from objectives.views.common import get_set_for

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_safe
def set_export_docx(request, pk: int):
    objective_set = get_set_for(request.user, pk, may_view, queryset=sets_with_content())
    owner = objective_set.department or objective_set.agency
    label = getattr(owner, "abbreviation", "") or getattr(owner, "symbol", "") or owner.name
    state = "" if objective_set.is_frozen else "du-thao-"
    filename = f"{state}muc-tieu-chat-luong-{objective_set.year}-{slugify(label) or 'bo'}.docx"
    response = HttpResponse(render_set_docx(objective_set), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
