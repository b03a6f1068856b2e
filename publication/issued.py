"""The words of an issued objective set as its public page shows them.

They are computed by the function that printed its PDF (objectives.printing.context
`document_context`, in Vietnamese as `render_set` does), from the same stored set: an issued set
is frozen and carries the header data it was issued with (documents.issuing copies them), so
the page and the PDF say the same. Only the pictures are left out — the signature and seal
images, and the QR code that the page gives as a link.
"""

from django.utils import translation

from objectives.models import ObjectiveSet
from objectives.printing.context import document_context


def issued_text(objective_set: ObjectiveSet) -> dict:
    """The document's context: header (names, number, date), for a decision its subject,
    authority, legal bases and articles then the annex, the objectives as printed (list lines or
    table cells), the set's measures and closing, the signing block and recipients."""
    with translation.override("vi"):
        return document_context(objective_set, final=True, with_images=False)
