"""One renderer for the NĐ30 documents: template + data → PDF bytes (WeasyPrint).

Always in Vietnamese, whatever the reader's language. Each document kind supplies its renderer
(documents.kinds); they build on document_of / render_template here.

The fonts and the stylesheet are parsed once per thread and reused: that is most of the time a
cold render takes.
"""

import threading

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from documents import kinds, metrics, signing
from documents.nd30 import TEXT_WIDTH_MM, Signature

# The bundled files are unmodified Liberation Serif 2.x, so the OFL lets them keep their name and
# a reader checking the PDF's fonts sees what they are. The @font-face rules below make WeasyPrint
# load these files, not a system Liberation Serif (a 1.x has no Vietnamese glyphs):
# tests/documents/test_fonts.py renders with only a 1.x installed.
FONT_FAMILY = "Liberation Serif"
STYLESHEET = settings.BASE_DIR / "templates" / "documents" / "nd30.css"
# Signing block geometry (mm): the signer column is 59 % of the text width; the signature image
# sits in a 40 × 20 mm box centred in a 30 mm high space; the seal covers its left third.
SIGNER_SHARE = 0.59
SIGNATURE_BOX = (40, 20)
SIGNATURE_SPACE_HEIGHT = 30

_local = threading.local()


def _font_faces() -> str:
    faces = []
    for (bold, italic), _name in metrics.FONT_FILES.items():
        uri = metrics.font_path(bold=bold, italic=italic).as_uri()
        faces.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{uri}"); '
            f"font-weight: {'bold' if bold else 'normal'}; "
            f"font-style: {'italic' if italic else 'normal'}; }}"
        )
    return "\n".join(faces) + "\n"


def _styles() -> tuple[FontConfiguration, CSS]:
    """The font configuration and the parsed stylesheet, built once per thread (WeasyPrint's
    objects are not meant to be shared between threads)."""
    styles = getattr(_local, "styles", None)
    if styles is None:
        font_config = FontConfiguration()
        css = CSS(string=_font_faces() + STYLESHEET.read_text(), font_config=font_config)
        styles = _local.styles = (font_config, css)
    return styles


def signing_css(signature: Signature, *, landscape: bool) -> str:
    """Where the signature and seal images go: the signature centred between title and name, the
    seal at real size over the left third of the signature (NĐ30, Phụ lục I, II.8.a)."""
    if not (signature.signature_image or signature.seal_image):
        return ""
    column = TEXT_WIDTH_MM[landscape] * SIGNER_SHARE
    width, height = SIGNATURE_BOX
    left, top = (column - width) / 2, (SIGNATURE_SPACE_HEIGHT - height) / 2
    seal = signature.seal_mm
    seal_left, seal_top = left + width / 3 - seal, SIGNATURE_SPACE_HEIGHT / 2 - seal / 2
    return (
        f".signature-space img.signature {{ left: {left:.1f}mm; top: {top:.1f}mm; "
        f"width: {width}mm; height: {height}mm; object-fit: contain; }}\n"
        f".signature-space img.seal {{ left: {seal_left:.1f}mm; top: {seal_top:.1f}mm; "
        f"width: {seal}mm; height: {seal}mm; }}\n"
    )


def document_of(template: str, context: dict, extra_css: str = ""):
    """The laid-out WeasyPrint document of a template (its pages can be joined with others'),
    with the signature and seal placed when the context's signature carries images."""
    font_config, css = _styles()
    stylesheets = [css]
    signature = context.get("signature")
    extra = extra_css
    if signature is not None:
        extra += signing_css(signature, landscape=context.get("landscape", False))
    if extra:
        stylesheets.append(CSS(string=extra, font_config=font_config))
    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=stylesheets, font_config=font_config
    )


def render_template(template: str, context: dict, extra_css: str = "") -> bytes:
    """PDF bytes of any template built on documents/nd30_base.html."""
    with translation.override("vi"):
        return document_of(template, context, extra_css).write_pdf()


def signature_images_default(document, final: bool) -> bool:
    """Images go on final documents the agency signs digitally (NĐ30 electronic documents)."""
    if not final:
        return False
    if document.is_digitally_signed:
        return True
    return signing.signing_configured(document.agency)


def render_document(document, *, final: bool) -> bytes:
    """The PDF of any issuable document (the workflow calls this), by its kind's renderer."""
    return kinds.kind_of(document).render(document, final=final)
