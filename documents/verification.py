"""The verification mark printed on every final document: a short code, the public address of
its verification page, and a QR code of that address."""

import ipaddress
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

QR_SCALE = 8  # pixels per module: a 15 mm code prints at about 450 dpi


def verification_url(code: str) -> str:
    """settings.SITE_URL + "/v/<code>/": the public page that says whether a copy is genuine."""
    return settings.SITE_URL + reverse("documents:verify", args=[code])


def site_url_is_loopback(url: str | None = None) -> bool:
    """Whether SITE_URL names this machine only (127.0.0.1, localhost, ::1, 0.0.0.0): an
    address nobody else can open."""
    host = (urlsplit(url or settings.SITE_URL).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def site_url_refusal() -> str:
    """Why no document may be issued now, or "": an issued document prints SITE_URL in its QR
    code and never changes, so outside development (settings.SITE_URL_LOOPBACK_ALLOWED) a
    loopback SITE_URL is refused."""
    if settings.SITE_URL_LOOPBACK_ALLOWED or not site_url_is_loopback():
        return ""
    return _(
        "Chưa ban hành được: địa chỉ của hệ thống (SITE_URL = %(url)s) chỉ mở được trên chính "
        "máy chủ, nên mã QR in trên văn bản sẽ không dùng được. Hãy báo người quản trị đặt "
        "SITE_URL là địa chỉ mọi người truy cập."
    ) % {"url": settings.SITE_URL}


def qr_code(url: str) -> segno.QRCode:
    # Medium error correction survives a printed, folded and scanned copy.
    return segno.make(url, error="m", micro=False)


def verification_mark(code: str) -> dict:
    url = verification_url(code)
    qr = qr_code(url).png_data_uri(scale=QR_SCALE, border=2)
    return {"code": code, "url": url, "qr": qr}
