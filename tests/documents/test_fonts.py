"""The documents embed the bundled Liberation Serif 2.x under its real name (issue 18): a records
officer checking the fonts in a PDF reader recognises it, and a system Liberation Serif 1.x (no
Vietnamese glyphs) is never picked in its place."""

from io import BytesIO
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from documents import metrics, render
from objectives.printing.render import render_set
from objectives.selectors import set_with_content
from tests.factories import ObjectiveSetFactory

pytestmark = pytest.mark.django_db

# Printed on every document ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
# and missing from Liberation 1.x.
VIETNAMESE = "ỘỆỦĨộậựạ"


def _embedded(pdf: bytes) -> dict[str, TTFont]:
    """BaseFont without its subset prefix → the embedded font program."""
    fonts = {}
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            program = font["/FontDescriptor"]["/FontFile2"].get_data()
            fonts[str(font["/BaseFont"]).split("+")[-1]] = TTFont(BytesIO(program))
    return fonts


def _version(font: TTFont) -> str:
    return font["name"].getDebugName(5)


def _liberation_1x() -> Path | None:
    """A system Liberation Serif older than 2.0, if this machine has one."""
    for path in sorted(Path("/usr/share/fonts").rglob("LiberationSerif-*.ttf")):
        if TTFont(path, lazy=True)["head"].fontRevision < 2:
            return path.parent
    return None


@pytest.fixture
def fresh_fonts():
    """The renderer's fonts are built once per thread: build them again for this test, and again
    after it."""
    vars(render._local).pop("styles", None)
    yield
    vars(render._local).pop("styles", None)


def _rendered() -> bytes:
    objective_set = ObjectiveSetFactory(
        published=True, with_objectives=2, agency__name="Văn phòng UBND tỉnh Đồng Nai"
    )
    return render_set(set_with_content(objective_set.pk), final=True)


def test_the_pdf_names_the_font_liberation_serif(fresh_fonts):
    fonts = _embedded(_rendered())

    assert {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"} <= set(fonts)
    assert all(name.startswith("Liberation-Serif") for name in fonts), fonts
    bundled = TTFont(metrics.font_path())
    assert {_version(font) for font in fonts.values()} == {_version(bundled)}
    assert _version(bundled).startswith("Version 2.")


def test_the_bundled_2x_is_embedded_even_with_only_a_1x_installed(
    fresh_fonts, tmp_path, monkeypatch
):
    old = _liberation_1x()
    if old is None:
        pytest.skip("no Liberation Serif 1.x on this machine to install against")
    # A fontconfig whose only system fonts are the 1.x ones.
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>{old}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))

    fonts = _embedded(_rendered())

    assert fonts and all(_version(font).startswith("Version 2.") for font in fonts.values())
    glyphs = {code for font in fonts.values() for code in font.getBestCmap()}
    assert {ord(char) for char in VIETNAMESE} <= glyphs
