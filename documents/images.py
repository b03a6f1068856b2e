"""The signer's signature and the agency's seal as data URIs for the PDF (never for the DOCX).

NĐ30 prints them only on electronic documents signed digitally: the signature in blue between
the signing title and the name, the seal in red, real size, over the left third of the signature.
"""

import base64

from django.core.files.storage import default_storage

from agencies.models import Membership


def _data_uri(file_field) -> str:
    if not file_field:
        return ""
    try:
        with default_storage.open(file_field.name, "rb") as handle:
            data = handle.read()
    except OSError:
        return ""  # a missing file prints no image rather than failing the issue
    mimetype = "image/jpeg" if data[:3] == b"\xff\xd8\xff" else "image/png"
    return f"data:{mimetype};base64,{base64.b64encode(data).decode()}"


def signature_uri(agency, signer_id: int | None) -> str:
    if signer_id is None:
        return ""
    membership = Membership.objects.filter(agency=agency, user_id=signer_id).first()
    return _data_uri(membership.signature_image) if membership else ""


def seal_uri(agency) -> str:
    return _data_uri(agency.seal_image)
