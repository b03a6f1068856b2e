"""Placeholder renderer (replaced by the document issue): render_set(objective_set, final=…) -> PDF bytes."""

from django.utils import translation
from weasyprint import HTML


def render_set(objective_set, *, final: bool) -> bytes:
    with translation.override("vi"):
        html = f"<h1>{objective_set.display_title}</h1>"
        return HTML(string=html).write_pdf()
