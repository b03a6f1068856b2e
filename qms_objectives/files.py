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
