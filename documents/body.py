"""The body of a document: what its approver approves and what issuing must print unchanged.

The body is a canonical serialisation (JSON, sorted keys, no spaces, UTF-8) of the document's
content as its kind declares it (DocumentKind.body in documents.kinds: the content fields, their
sections and rows), with what every kind shares: who the document is of (agency, department,
year and the names printed as its author) and the signing block as it prints. Its SHA-256 is
recorded at approval (IssuableDocument.approved_body_sha256); issuing adds only the number, the
date, the signature and the verification mark, and refuses when the body's hash is no longer the
approved one. The rendered pages shown for review are cached under the same hash
(documents.pages).
"""

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from documents import kinds
from documents.nd30 import owner_names, signature_of
from qms_objectives.errors import WorkflowError


def _plain(value):
    """JSON for the values content fields hold (dates, decimals); anything else is a bug."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 96.00 and 96 are one value
    raise TypeError(f"{type(value).__name__} has no canonical form in a document body")


def body_of(document) -> bytes:
    """The canonical body of `document` (bytes); None fields and empty texts keep their place."""
    kind = kinds.kind_of(document)
    if kind.body is None:
        raise TypeError(f"{type(document).__name__} declares no body")
    signature = signature_of(document, with_images=False)
    governing, author = owner_names(document)
    data = {
        "kind": document._meta.label,
        "of": {
            "agency": document.agency_id,
            "department": document.department_id,
            "year": document.year,
            "governing_body": governing,
            "author": author,
        },
        "signing": {"lines": signature.lines, "name": signature.name, "note": signature.note},
        "content": kind.body(document),
    }
    text = json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
    )
    return text.encode("utf-8")


def body_sha256(document) -> str:
    return hashlib.sha256(body_of(document)).hexdigest()


def has_body(document) -> bool:
    return kinds.kind_of(document).body is not None


def refuse_if_body_changed(document) -> None:
    """Before issuing: the body must be the one approved. Documents approved before the hash was
    recorded (an empty approved_body_sha256) and kinds without a body are not checked."""
    approved = document.approved_body_sha256
    if not approved or not has_body(document):
        return
    if body_sha256(document) != approved:
        raise WorkflowError(
            _(
                "Nội dung văn bản đã thay đổi sau khi được duyệt nên không ban hành được. "
                "Hãy trả lại để lãnh đạo xem và duyệt lại đúng nội dung sẽ ban hành."
            ),
            code="body_changed",
        )
