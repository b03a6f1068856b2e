"""Small real files the tests upload, store or put in place of a rendered document."""

from functools import cache

from weasyprint import HTML


@cache
def small_pdf() -> bytes:
    """A one-line PDF (rendered once per process)."""
    return HTML(string="<p>Mục tiêu chất lượng năm 2024</p>").write_pdf()
