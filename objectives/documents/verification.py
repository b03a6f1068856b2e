"""The verification mark printed on every final PDF: a short code and a QR code to the page."""

import segno
from django.conf import settings


def verification_url(code: str) -> str:
    return f"{settings.SITE_URL}/v/{code}/"


def verification_mark(code: str) -> dict:
    url = verification_url(code)
    qr = segno.make(url, error="m")
    return {"code": code, "url": url, "qr": qr.svg_data_uri(border=0, dark="#000")}
