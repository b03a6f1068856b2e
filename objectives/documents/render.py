"""Placeholder renderer (replaced by the document issue): render_set(objective_set, final=…) -> PDF bytes."""

from django.utils import translation
from weasyprint import HTML


def render_set(objective_set, *, final: bool) -> bytes:
    with translation.override("vi"):
        html = f"<h1>{objective_set.display_title}</h1>"
        return HTML(string=html).write_pdf()


def render_document(document, *, final: bool) -> bytes:
    """The PDF of any issuable document (the workflow calls this); dispatches on its type."""
    from objectives.models import ObjectiveSet

    if isinstance(document, ObjectiveSet):
        return render_set(document, final=final)
    raise TypeError(f"No renderer for {type(document).__name__}")
