"""Published sets for the reading tests, built the way the workflow leaves them."""

from django.core.files.base import ContentFile

from documents.models import Status
from tests.factories import ObjectiveFactory, ObjectiveSetFactory, SectionFactory, TargetFactory

PDF_BYTES = b"%PDF-1.7\n% Muc tieu chat luong\n" + bytes(range(256)) + b"\n%%EOF\n"


def published_set(agency, *, department=None, year=2025, status=Status.PUBLISHED, **fields):
    """A set with a section, two objectives and a stored issued file, in `status`."""
    objective_set = ObjectiveSetFactory(
        agency=agency,
        department=department,
        year=year,
        status=Status.DRAFT,
        title=fields.pop("title", ""),
        **fields,
    )
    section = SectionFactory(objective_set=objective_set, title="I. Đối với cơ quan:")
    first = ObjectiveFactory(
        objective_set=objective_set,
        section=section,
        content="Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%.",
        measures="Công khai thủ tục hành chính tại Trung tâm Phục vụ hành chính công ĐỒNG NAI.",
    )
    TargetFactory(objective=first)
    ObjectiveFactory(
        objective_set=objective_set,
        section=section,
        content="Tổ chức đánh giá nội bộ ít nhất 01 lần/năm.",
    )
    objective_set.issued_file.save("issued.pdf", ContentFile(PDF_BYTES), save=False)
    objective_set.number = 124
    objective_set.symbol = "QĐ-VP"
    objective_set.status = status
    objective_set.save(update_fields=["issued_file", "number", "symbol", "status"])
    return objective_set
