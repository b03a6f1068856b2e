"""Validators for the images printed on issued documents: the agency seal and signatures.

NĐ30 (Phụ lục I, II.7.d and II.8.a) prints the signer's signature in blue and the agency seal in
red, real size, as transparent PNG images. The file is judged by its content (Pillow), never by
its name or the browser's content type, and its size is limited before it is decoded.
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_SEAL_BYTES = 2 * 1024 * 1024
MAX_SIGNATURE_BYTES = 1 * 1024 * 1024
MAX_SIDE_PIXELS = 4000
MIN_SIDE_PIXELS = 50


def _read(upload, max_bytes: int) -> Image.Image:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("Tệp ảnh quá lớn (%(size)s); tối đa %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        image = Image.open(upload)
        image.verify()  # reads the whole file: a truncated or forged image fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("Tệp không phải là ảnh đọc được (đuôi tệp không quyết định định dạng)."),
            code="not_an_image",
        )
    finally:
        if position is not None:
            upload.seek(position)
    return image


def _check_dimensions(image: Image.Image) -> None:
    width, height = image.size
    if max(width, height) > MAX_SIDE_PIXELS or min(width, height) < MIN_SIDE_PIXELS:
        raise ValidationError(
            _("Ảnh %(width)s × %(height)s điểm ảnh; mỗi cạnh phải từ %(min)s đến %(max)s."),
            code="bad_dimensions",
            params={
                "width": width,
                "height": height,
                "min": MIN_SIDE_PIXELS,
                "max": MAX_SIDE_PIXELS,
            },
        )


def _is_transparent(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def validate_seal_image(upload) -> None:
    """The agency seal: a PNG with a transparent background, at most MAX_SEAL_BYTES."""
    image = _read(upload, MAX_SEAL_BYTES)
    if image.format != "PNG":
        raise ValidationError(
            _("Hình con dấu phải là tệp PNG (tệp này là %(format)s)."),
            code="not_png",
            params={"format": image.format or "?"},
        )
    if not _is_transparent(image):
        raise ValidationError(
            _("Hình con dấu phải có nền trong suốt để in đè lên chữ ký."),
            code="not_transparent",
        )
    _check_dimensions(image)


def validate_signature_image(upload) -> None:
    """A signer's signature: PNG (transparent background preferred) or JPEG."""
    image = _read(upload, MAX_SIGNATURE_BYTES)
    if image.format not in ("PNG", "JPEG"):
        raise ValidationError(
            _("Hình chữ ký phải là tệp PNG hoặc JPEG (tệp này là %(format)s)."),
            code="not_png_or_jpeg",
            params={"format": image.format or "?"},
        )
    _check_dimensions(image)
