"""Private files: where uploads and issued documents are stored and how names are made."""

import uuid
from pathlib import PurePosixPath

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class private_upload_to:  # noqa: N801 - used like a function in FileField(upload_to=…)
    """Store under <folder>/<yyyy>/<random>.<ext>: names never reveal or collide with others."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()[:10]
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, private_upload_to) and other.folder == self.folder


# What a proven image's first bytes say it is (its validator has already decoded it whole).
_IMAGE_SUFFIXES = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"))


@deconstructible
class proven_image_upload_to(private_upload_to):  # noqa: N801 - used like a function
    """Like private_upload_to, for an image field whose validators prove the file whole
    (uploads.validate_seal_image, validate_signature_image): the stored name takes the extension
    of the proven format, never the user's (a PNG named "a.html" is stored as .png). A file saved
    by code with FieldFile.save, whose content is not reachable here, takes `default`."""

    def __init__(self, folder: str, field: str, default: str = ".png"):
        super().__init__(folder)
        self.field = field
        self.default = default

    def __call__(self, instance, filename: str) -> str:
        suffix = self.default
        try:
            content = getattr(instance, self.field).file
            position = content.tell()
            content.seek(0)
            head = content.read(8)
            content.seek(position)
        except (ValueError, OSError, AttributeError):
            head = b""
        suffix = next((s for magic, s in _IMAGE_SUFFIXES if head.startswith(magic)), suffix)
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, proven_image_upload_to) and (
            other.folder,
            other.field,
            other.default,
        ) == (self.folder, self.field, self.default)
