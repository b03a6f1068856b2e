"""Small real files the tests upload, store or put in place of a rendered document, and where
the tests store files."""

from functools import cache

from weasyprint import HTML


def file_storages(storages: dict, location) -> dict:
    """STORAGES with the private files in `location`."""
    return {
        **storages,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
    }


@cache
def small_pdf() -> bytes:
    """A one-line PDF (rendered once per process)."""
    return HTML(string="<p>Mục tiêu chất lượng năm 2024</p>").write_pdf()
