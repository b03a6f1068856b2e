"""Published sets for the reading tests, built the way the workflow leaves them."""

from django.core.files.base import ContentFile

from documents.models import Status
from tests.factories import ISSUED_NUMBER, ISSUED_SYMBOL, ObjectiveFactory, ObjectiveSetFactory

PDF_BYTES = b"%PDF-1.7\n% Muc tieu chat luong\n" + bytes(range(256)) + b"\n%%EOF\n"


def published_set(agency, *, department=None, year=2025, status=Status.PUBLISHED, **fields):
    """A set with a section, two objectives (the first with a target) and a stored issued file
    (number 124/QĐ-VP), in `status`."""
    objective_set = ObjectiveSetFactory(
        agency=agency,
        department=department,
        year=year,
        status=status,
        number=ISSUED_NUMBER,
        symbol=ISSUED_SYMBOL,
        issued_file=ContentFile(PDF_BYTES, name="issued.pdf"),
        title=fields.pop("title", ""),
        with_objectives=1,
        with_objectives__measures=(
            "Công khai thủ tục hành chính tại Trung tâm Phục vụ hành chính công ĐỒNG NAI."
        ),
        **fields,
    )
    ObjectiveFactory(
        objective_set=objective_set,
        section=objective_set.sections.get(),
        order=2,
        content="Tổ chức đánh giá nội bộ ít nhất 01 lần/năm.",
    )
    return objective_set
