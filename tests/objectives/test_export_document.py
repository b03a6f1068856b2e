"""`manage.py export_document`: the set in force as issued (byte for byte), else the draft with
its watermark; PDF or DOCX; agency by short name or id, optionally one of its departments."""

import io

import pdfplumber
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from docx import Document

from documents.models import Status
from tests.factories import DepartmentFactory
from tests.objectives.document_data import agency_ba_ria, list_set, table_set

pytestmark = pytest.mark.django_db
ISSUED_BYTES = b"%PDF-1.7\n% the issued and signed file, kept as issued\n%%EOF\n"


def export(*args) -> str:
    out = io.StringIO()
    call_command("export_document", *args, stdout=out)
    return out.getvalue()


def published(agency, **overrides):
    objective_set = table_set(agency, status=Status.PUBLISHED, **overrides)
    objective_set.issued_file.save("issued.pdf", ContentFile(ISSUED_BYTES), save=False)
    objective_set.save(update_fields=["issued_file"])
    return objective_set


def watermarked(path) -> bool:
    with pdfplumber.open(path) as pdf:
        return all("DỰ THẢO" in "".join(c["text"] for c in page.chars) for page in pdf.pages)


def test_it_exports_the_set_in_force_as_issued(tmp_path):
    agency = agency_ba_ria()
    published(agency)
    output = tmp_path / "muc-tieu.pdf"
    message = export("--agency", agency.short_name, "--year", "2023", "-o", str(output))
    assert output.read_bytes() == ISSUED_BYTES
    assert "MỤC TIÊU CHẤT LƯỢNG ISO 9001:2015 NĂM 2023" in message.upper()
    assert "Đã công bố" in message and str(output) in message


def test_it_exports_the_open_draft_with_its_watermark(tmp_path):
    agency = agency_ba_ria()
    table_set(agency, year=2024, status=Status.SUBMITTED)
    output = tmp_path / "du-thao.pdf"
    message = export("--agency", str(agency.pk), "--year", "2024", "-o", str(output))
    assert output.read_bytes().startswith(b"%PDF")
    assert watermarked(output)
    with pdfplumber.open(output) as pdf:
        assert "Nội dung mục tiêu" in pdf.pages[0].extract_text()
    assert "Chờ duyệt" in message


def test_it_prefers_the_set_in_force_to_the_revision_being_drafted(tmp_path):
    agency = agency_ba_ria()
    published(agency)
    table_set(agency, status=Status.DRAFT, revision=1, verification_code=None)
    output = tmp_path / "in-force.pdf"
    export("--agency", agency.short_name, "--year", "2023", "-o", str(output))
    assert output.read_bytes() == ISSUED_BYTES


@pytest.mark.parametrize("arguments", [["--format", "docx"], []])
def test_it_writes_a_docx_when_asked_or_named_so(tmp_path, arguments):
    agency = agency_ba_ria()
    published(agency)
    output = tmp_path / "muc-tieu.docx"
    export("--agency", agency.short_name, "--year", "2023", *arguments, "-o", str(output))
    document = Document(output)
    assert "Nội dung mục tiêu" in document.tables[1].rows[0].cells[1].text
    assert not document.inline_shapes


def test_it_exports_a_departments_set(tmp_path, agency, department, other_department):
    list_set(agency, department=department, status=Status.PUBLISHED)
    list_set(agency, status=Status.PUBLISHED, title="Của cả cơ quan")
    output = tmp_path / "phong.pdf"
    message = export(
        "--agency", agency.short_name, "--year", "2024", "--department", str(department.pk),
        "-o", str(output),
    )  # fmt: skip
    assert department.name in message
    with pdfplumber.open(output) as pdf:
        text = pdf.pages[0].extract_text()
    assert department.name.upper() in text.replace("\n", " ")
    assert "CỦA CẢ CƠ QUAN" not in text
    with pytest.raises(CommandError, match="không có bộ mục tiêu năm 2024"):
        export(
            "--agency", agency.short_name, "--year", "2024", "--department",
            str(other_department.pk), "-o", str(tmp_path / "none.pdf"),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["--agency", "KHÔNG-CÓ", "--year", "2023"], "Không có cơ quan “KHÔNG-CÓ”"),
        (["--agency", "{agency}", "--year", "2031"], "không có bộ mục tiêu năm 2031"),
        (["--agency", "{agency}", "--year", "2023", "--department", "{outsider}"], "không có"),
    ],
)
def test_it_refuses_what_it_cannot_find_and_writes_nothing(
    tmp_path, arguments, error, outsider_agency
):
    agency = agency_ba_ria()
    published(agency)
    outsider = DepartmentFactory(agency=outsider_agency)
    values = {"agency": agency.short_name, "outsider": str(outsider.pk)}
    output = tmp_path / "refused.pdf"
    with pytest.raises(CommandError, match=error):
        export(*[argument.format(**values) for argument in arguments], "-o", str(output))
    assert not output.exists()
