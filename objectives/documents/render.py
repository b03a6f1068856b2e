"""One renderer for the NĐ30 documents: template + data → PDF bytes (WeasyPrint).

Always in Vietnamese, whatever the reader's language. The decision form is two documents —
the decision and its annex — rendered separately and joined, because an annex is numbered on
its own (CSS `counter-reset: page` does not restart WeasyPrint's page counter).
"""

import functools
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from objectives.documents.context import Signature, date_line, document_context, header_of
from objectives.documents.verification import verification_mark
from objectives.models import DocumentForm, ObjectiveSet

FONT_FAMILY = "QMS Serif"  # private name: a system Liberation 1.x (no Vietnamese) never matches
_FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}
_ARTICLE = re.compile(r"^(Điều\s+\d+\.)\s*(.*)$", re.DOTALL)
# The signing column is 55 % of the text width; the signature image 40 mm wide, centred.
_SIGNATURE_MM = 40
_TEXT_WIDTH_MM = {False: 210 - 30 - 15, True: 297 - 30 - 15}


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _stylesheet() -> CSS:
    fonts_dir = settings.BASE_DIR / "static" / "fonts"
    faces = "".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{(fonts_dir / name).as_uri()}"); }}\n'
        for (weight, style), name in _FONT_FILES.items()
    )
    css = (settings.BASE_DIR / "templates" / "documents" / "nd30.css").read_text()
    return CSS(string=faces + css, font_config=_font_config())


def _articles(lines: list[str]) -> list[dict]:
    articles = []
    for line in lines:
        match = _ARTICLE.match(line)
        articles.append(
            {"number": match.group(1), "text": match.group(2)} if match else {"text": line}
        )
    return articles


def _place_seal(signature: Signature, landscape: bool) -> None:
    """Centre the seal over the left third of the signature (NĐ30 for electronic copies)."""
    column = _TEXT_WIDTH_MM[landscape] * 0.55
    signature_left = (column - _SIGNATURE_MM) / 2
    centre = signature_left + _SIGNATURE_MM / 6
    signature.seal_left_mm = round(centre - signature.seal_mm / 2, 1)


def _render(template: str, context: dict):
    html = render_to_string(f"documents/{template}", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[_stylesheet()], font_config=_font_config()
    )


def _signing_images_default(objective_set: ObjectiveSet, final: bool) -> bool:
    if not final:
        return False
    if objective_set.is_digitally_signed:
        return True
    from objectives.documents.signing import signing_configured

    return signing_configured(objective_set.agency)


def set_context(
    objective_set: ObjectiveSet, *, final: bool, with_signature_images: bool | None = None
) -> dict:
    if with_signature_images is None:
        with_signature_images = _signing_images_default(objective_set, final)
    context = document_context(objective_set, final=final, with_images=with_signature_images)
    _place_seal(context["signature"], context["landscape"])
    form = objective_set.form
    context["header"] = header_of(
        objective_set,
        with_number=form == DocumentForm.DECISION or objective_set.number is not None,
        with_date=form != DocumentForm.LIST,
    )
    if form == DocumentForm.LIST:
        place = objective_set.place_name or objective_set.agency.place_name
        context["signing_date"] = date_line(place, objective_set.issued_on)
    context["articles"] = _articles(context["articles"])
    if final and objective_set.verification_code:
        context["verification"] = verification_mark(objective_set.verification_code)
    return context


def render_set(
    objective_set: ObjectiveSet, *, final: bool, with_signature_images: bool | None = None
) -> bytes:
    """The PDF of an objective set in its form (list, table, or decision with annex)."""
    with translation.override("vi"):
        context = set_context(
            objective_set, final=final, with_signature_images=with_signature_images
        )
        if objective_set.form == DocumentForm.LIST:
            return _render("set_list.html", context).write_pdf()
        if objective_set.form == DocumentForm.TABLE:
            return _render("set_table.html", context).write_pdf()
        decision = _render("set_decision.html", {**context, "landscape": False})
        annex_header = header_of(objective_set, with_number=False, with_date=False)
        annex = _render("set_annex.html", {**context, "header": annex_header, "verification": None})
        return decision.copy(decision.pages + annex.pages).write_pdf()


# Documents of other apps: model label → dotted path of their renderer, imported when used (the
# apps built on objectives are not imported by it).
RENDERERS = {"monitoring.EvaluationReport": "monitoring.documents.render_report"}


def render_document(document, *, final: bool) -> bytes:
    """The PDF of any issuable document (the workflow calls this); dispatches on its type."""
    if isinstance(document, ObjectiveSet):
        return render_set(document, final=final)
    if document._meta.label in RENDERERS:
        return import_string(RENDERERS[document._meta.label])(document, final=final)
    raise TypeError(f"No renderer for {type(document).__name__}")
