"""Hostile files for the upload tests: each starts like an accepted kind but is not one whole."""

import io
import re
import struct
import zipfile
import zlib
from functools import cache

from docx import Document
from PIL import Image

from tests.files_support import small_pdf

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def png(mode="RGBA", size=(120, 120)) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg(size=(120, 120)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 20, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def docx() -> bytes:
    document = Document()
    document.add_paragraph("Biên bản kiểm tra")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def polyglot_png_html() -> bytes:
    """A whole PNG with an HTML page after its IEND: an image viewer shows a picture, a browser
    sniffing it (or told it is text/html by its name) runs the script."""
    return png() + HTML


def truncated_png() -> bytes:
    data = png(mode="RGB", size=(300, 300))
    return data[: len(data) - 40]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def decompression_bomb_png(side: int = 10_000) -> bytes:
    """A PNG of side × side one-bit pixels, a few kilobytes that unpack to 100 megapixels (over
    MAX_DECODED_PIXELS, under Pillow's own hard limit: only a warning there)."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    row = b"\x00" * (1 + (side + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", body)
        + _chunk(b"IEND", b"")
    )


def pdf_with_a_broken_page() -> bytes:
    """A two-page PDF whose second page's content stream is garbled (same length, so the cross
    reference table still points right): the first bytes and the catalogue look fine."""
    from weasyprint import HTML as Page  # noqa: PLC0415 - the renderer is slow to import

    data = Page(string="<p>Một</p><p style='break-before: page'>Hai</p>").write_pdf()
    starts = [m.end() for m in re.finditer(rb"\nstream\n", data)]
    second = starts[1]
    end = data.index(b"\nendstream", second)
    garbled = bytes(b ^ 0x5A for b in data[second + 2 : end])
    return data[: second + 2] + garbled + data[end:]


def junk_zip(office_names: bool = True) -> bytes:
    """A ZIP renamed .docx: with office_names, its members are named like a Word file's but
    hold junk."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        if office_names:
            zipped.writestr("[Content_Types].xml", b"junk" * 50)
            zipped.writestr("word/document.xml", b"\x00\x01junk" * 100)
        else:
            zipped.writestr("notes.txt", b"junk" * 50)
    return buffer.getvalue()


HOSTILE = {
    "polyglot_png_html": ("anh.html", polyglot_png_html),
    "truncated_png": ("anh.png", truncated_png),
    "pdf_broken_page": ("bien-ban.pdf", pdf_with_a_broken_page),
    "docx_of_junk": ("bien-ban.docx", junk_zip),
    "decompression_bomb": ("anh.png", decompression_bomb_png),
}

__all__ = ["HOSTILE", "docx", "jpeg", "png", "small_pdf"]
