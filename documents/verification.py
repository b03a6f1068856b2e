"""The verification mark printed on every final document: a short code, the public address of
its verification page, and a QR code of that address."""

import segno
from django.conf import settings
from django.urls import reverse

QR_SCALE = 8  # pixels per module: a 15 mm code prints at about 450 dpi


def verification_url(code: str) -> str:
    """settings.SITE_URL + "/v/<code>/": the public page that says whether a copy is genuine."""
    return settings.SITE_URL + reverse("documents:verify", args=[code])


def qr_code(url: str) -> segno.QRCode:
    # Medium error correction survives a printed, folded and scanned copy.
    return segno.make(url, error="m", micro=False)


def verification_mark(code: str) -> dict:
    url = verification_url(code)
    qr = qr_code(url).png_data_uri(scale=QR_SCALE, border=2)
    return {"code": code, "url": url, "qr": qr}
