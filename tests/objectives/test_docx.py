"""The DOCX of an objective set, read back with python-docx: the same text and structure as the
PDF (header table, title, body, objectives table, Nơi nhận, signing block) in Times New Roman
at the NĐ30 sizes, A4 with the NĐ30 margins, and never the signature or seal images."""

import io
import re
import shutil
import subprocess
import unicodedata

import pdfplumber
import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from agencies.models import Membership
from documents import metrics
from documents.models import Status
from objectives.printing.context import document_context
from objectives.printing.docx import render_set_docx
from objectives.printing.render import render_set
from tests.factories import UserFactory
from tests.objectives.document_data import (
    agency_ba_ria,
    agency_dong_nai,
    decision_set,
    list_set,
    table_set,
)

pytestmark = pytest.mark.django_db
TEXT_CENTRE = (30 + (210 - 15)) / 2 * metrics.MM  # page 2's number is centred on the text


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def read(objective_set) -> Document:
    return Document(io.BytesIO(render_set_docx(objective_set)))


def styled(paragraph) -> set[tuple]:
    """(bold, italic, size in pt) of the paragraph's runs that carry text."""
    return {
        (run.bold, run.italic, run.font.size.pt if run.font.size else None)
        for run in paragraph.runs
        if run.text.strip()
    }


def paragraph_with(container, text: str):
    matches = [p for p in container.paragraphs if clean(p.text) == text]
    assert matches, f"no paragraph {text!r} in {[clean(p.text) for p in container.paragraphs]}"
    return matches[0]


def rule_width_pt(paragraph, available_pt: float) -> float:
    """A rule is an empty paragraph with a bottom border between equal indents."""
    border = paragraph._p.pPr.find(qn("w:pBdr"))
    assert border is not None and border.find(qn("w:bottom")) is not None
    fmt = paragraph.paragraph_format
    return available_pt - fmt.left_indent.pt - fmt.right_indent.pt


def rules(cell) -> list:
    return [
        p
        for p in cell.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    ]


def test_it_lays_out_a4_with_nd30_margins_and_page_numbers_from_page_two():
    document = read(decision_set(agency_dong_nai()))
    assert len(document.sections) == 2  # the decision, then its annex
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert round(section.top_margin.mm) == round(section.bottom_margin.mm) == 20
        assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
        assert section.different_first_page_header_footer  # no number on a first page
    header = document.sections[0].header
    assert header.paragraphs[0].alignment == 1  # centred
    assert "PAGE" in "".join(header._element.itertext())
    assert not document.sections[0].first_page_header.paragraphs[0].text
    # The annex is numbered on its own, from 1.
    annex_numbering = document.sections[1]._sectPr.find(qn("w:pgNumType"))
    assert annex_numbering is not None and annex_numbering.get(qn("w:start")) == "1"
    assert document.sections[0]._sectPr.find(qn("w:pgNumType")) is None


def test_it_prints_the_header_in_two_columns():
    document = read(decision_set(agency_dong_nai()))
    left, right = document.tables[0].rows[0].cells
    governing = paragraph_with(left, "UBND TỈNH ĐỒNG NAI")
    assert styled(governing) == {(False, False, 13)}
    agency = left.paragraphs[1]
    assert clean(agency.text) == "VĂN PHÒNG" and styled(agency) == {(True, False, 13)}
    number = paragraph_with(left, "Số: 124/QĐ-VP")
    assert styled(number) == {(False, False, 13)}
    assert styled(paragraph_with(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) == {
        (True, False, 13)
    }
    assert styled(paragraph_with(right, "Độc lập - Tự do - Hạnh phúc")) == {(True, False, 14)}
    date = paragraph_with(right, "Đồng Nai, ngày 05 tháng 10 năm 2023")
    assert styled(date) == {(False, True, 14)}
    # Rules: under the agency 1/3–1/2 of its width; under the motto exactly its width.
    left_pt, right_pt = left.width.pt, right.width.pt
    (agency_rule,) = rules(left)
    ratio = rule_width_pt(agency_rule, left_pt) / metrics.text_width(
        "VĂN PHÒNG", size=13, bold=True
    )
    assert 1 / 3 <= ratio <= 1 / 2
    (motto_rule,) = rules(right)
    motto = metrics.text_width("Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    assert rule_width_pt(motto_rule, right_pt) == pytest.approx(motto, abs=0.5)


def test_it_follows_the_pdf_when_the_names_take_the_wider_column():
    objective_set = table_set(agency_ba_ria())
    header = document_context(objective_set, final=False, with_images=False)["header"]
    assert header.layout == "wide"  # NĐ30 lets the right column's sizes drop together
    left, right = read(objective_set).tables[0].rows[0].cells
    names = left.paragraphs[1]
    assert [run.text.strip() for run in names.runs] == header.agency_name
    assert styled(names) == {(True, False, header.names_size)}
    assert styled(paragraph_with(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) == {
        (True, False, 12)
    }
    assert styled(paragraph_with(right, "Độc lập - Tự do - Hạnh phúc")) == {(True, False, 13)}
    date = paragraph_with(right, "Bà Rịa - Vũng Tàu, ngày 02 tháng 01 năm 2023")
    assert styled(date) == {(False, True, 13)}
    widest = max(
        metrics.text_width(line, size=header.names_size, bold=True) for line in header.agency_name
    )
    assert left.width.pt >= widest  # Word never breaks the names again


def test_it_writes_the_decision_then_the_annex():
    document = read(decision_set(agency_dong_nai()))
    texts = [clean(p.text) for p in document.paragraphs if p.text.strip()]
    assert texts[:3] == [
        "QUYẾT ĐỊNH",
        "Công bố Mục tiêu chất lượng năm 2023",
        "của Văn phòng UBND tỉnh",
    ]
    assert styled(paragraph_with(document, "QUYẾT ĐỊNH")) == {(True, False, 14)}
    authority = paragraph_with(document, "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI")
    assert styled(authority) == {(True, False, 14)}
    basis = next(p for p in document.paragraphs if p.text.startswith("Căn cứ Quyết định số 25"))
    assert styled(basis) == {(False, True, 14)}
    assert basis.alignment == 3  # justified
    assert basis.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    assert basis.paragraph_format.space_after.pt >= 6
    assert styled(paragraph_with(document, "QUYẾT ĐỊNH:")) == {(True, False, 14)}
    article = next(p for p in document.paragraphs if p.text.startswith("Điều 1."))
    assert (article.runs[0].text, article.runs[0].bold) == ("Điều 1.", True)
    assert not article.runs[-1].bold
    last_article = next(p for p in document.paragraphs if p.text.startswith("Điều 4."))
    assert last_article.text.endswith("thi hành quyết định này./.")
    # The annex: its own header without number and date, title, reference line, objectives.
    annex_left, annex_right = document.tables[2].rows[0].cells
    assert not any(p.text.startswith("Số:") for p in annex_left.paragraphs)
    assert not any("ngày" in p.text for p in annex_right.paragraphs)
    annex_start = texts.index("MỤC TIÊU CHẤT LƯỢNG NĂM 2023")
    reference = paragraph_with(document, texts[annex_start + 1])
    assert reference.text.startswith("(Ban hành kèm theo Quyết định số 124/QĐ-VP")
    assert styled(reference) == {(False, True, 14)}
    assert texts[annex_start + 2].startswith("1. Thực hiện tốt công tác kiểm soát")
    assert texts[-1].endswith("trực tiếp thực hiện thủ tục hành chính./.")


def test_it_prints_the_recipients_and_the_signing_block():
    document = read(decision_set(agency_dong_nai()))
    recipients, signer = document.tables[1].rows[0].cells
    assert styled(recipients.paragraphs[0]) == {(True, True, 12)}
    assert clean(recipients.paragraphs[0].text) == "Nơi nhận:"
    lines = [clean(p.text) for p in recipients.paragraphs[1:]]
    assert lines == [
        "- Như điều 4;",
        "- Chánh, các Phó Chánh Văn phòng UBND tỉnh;",
        "- Lưu: VT, HCTC.",
    ]
    assert all(styled(p) == {(False, False, 11)} for p in recipients.paragraphs[1:])
    block = [p for p in signer.paragraphs if p.text.strip()]
    assert [clean(p.text) for p in block] == ["CHÁNH VĂN PHÒNG", "Nguyễn Kim Long"]
    assert all(styled(p) == {(True, False, 14)} for p in block)
    assert block[1].paragraph_format.space_before.pt >= 60  # room to sign and seal on paper


def test_it_writes_the_table_form_with_its_repeated_heading_and_section_rows():
    document = read(table_set(agency_ba_ria(), objectives=4))
    objectives = document.tables[1]
    heading = objectives.rows[0]
    assert [clean(c.text) for c in heading.cells] == [
        "TT",
        "Nội dung mục tiêu",
        "Chỉ tiêu thực hiện",
        "Biện pháp và trách nhiệm",
        "Thời gian",
    ]
    assert all(styled(c.paragraphs[0]) == {(True, False, 13)} for c in heading.cells)
    assert heading._tr.trPr.find(qn("w:tblHeader")) is not None
    section = objectives.rows[1]
    assert section._tr.tc_lst[0].grid_span == 5
    assert clean(section.cells[0].text) == "I. Đối với cơ quan:"
    assert styled(section.cells[0].paragraphs[0]) == {(True, False, 13)}
    first = [clean(c.text) for c in objectives.rows[2].cells]
    assert first == [
        "1",
        "Công chức liên quan được đào tạo về Hệ thống quản lý chất lượng TCVN ISO 9001:2015.",
        "100%",
        "Phối hợp với tổ chức bên ngoài hoặc tham gia các lớp tập huấn do Sở Khoa học và "
        "Công nghệ tổ chức.",
        "Báo cáo quý hoặc 6 tháng/lần",
    ]
    assert clean(objectives.rows[4].cells[0].text) == "II. Đối với phòng nghiệp vụ:"
    assert len(objectives.rows) == 1 + 2 + 4
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in objectives.rows)
    assert document.tables[0].rows[0].cells[1].paragraphs[-1].text == (
        "Bà Rịa - Vũng Tàu, ngày 02 tháng 01 năm 2023"
    )
    signer = document.tables[2].rows[-1].cells[1]
    assert [clean(p.text) for p in signer.paragraphs if p.text.strip()] == [
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Trần Thúy Ái",
    ]


def test_it_turns_the_page_when_the_set_is_landscape():
    document = read(table_set(agency_ba_ria(), landscape=True))
    (section,) = document.sections
    assert section.orientation == 1
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    table_width = sum(c.width.pt for c in document.tables[1].rows[0].cells)
    assert table_width == pytest.approx((297 - 45) * metrics.MM, abs=1)


def test_it_writes_the_list_form_without_repeating_a_target_in_its_sentence():
    document = read(list_set(agency_dong_nai(), recipients="Các phòng;\nLưu: VT, HCTC."))
    texts = [clean(p.text) for p in document.paragraphs if p.text.strip()]
    first = texts.index("1. 100% hồ sơ giải quyết TTHC tỷ lệ sai lỗi bằng không.")
    assert texts[first + 1] == "2. Tỷ lệ hồ sơ giải quyết đúng hạn."
    assert texts[first + 2] == "- Chỉ tiêu: ≥ 96%."
    assert texts[first + 3] == "3. Tổ chức đánh giá nội bộ ít nhất 01 lần/năm"
    assert not any(text.startswith("- Chỉ tiêu") for text in texts[first + 4 :])
    objective = paragraph_with(document, texts[first])
    assert styled(objective) == {(False, False, 14)} and objective.alignment == 3
    assert objective.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    # Place and date above the signing block, in italics.
    date_row, block_row = document.tables[1].rows
    assert "ngày" in date_row.cells[1].text
    assert styled(date_row.cells[1].paragraphs[0]) == {(False, True, 14)}
    assert clean(block_row.cells[0].paragraphs[-1].text) == "- Lưu: VT, HCTC."


def test_it_speaks_vietnamese_in_times_new_roman_whatever_the_language():
    with translation.override("en"):
        document = read(table_set(agency_ba_ria()))
    fonts = document.styles["Normal"].element.rPr.rFonts
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert fonts.get(qn(slot)) == "Times New Roman"
    named = {r.font.name for p in document.paragraphs for r in p.runs} - {None}
    assert named <= {"Times New Roman"}
    assert "Nội dung mục tiêu" in document.tables[1].rows[0].cells[1].text


def _png(color: tuple) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGBA", (200, 200), color).save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


def test_it_never_carries_the_signature_or_the_seal():
    agency = agency_dong_nai()
    signer = UserFactory()
    membership = Membership.objects.create(user=signer, agency=agency, is_head=True)
    membership.signature_image.save("signature.png", _png((0, 0, 255, 255)))
    agency.seal_image.save("seal.png", _png((255, 0, 0, 128)))
    objective_set = decision_set(
        agency, status=Status.PUBLISHED, is_digitally_signed=True, signer=signer
    )
    pdf = pdfplumber.open(io.BytesIO(render_set(objective_set, final=True)))
    assert sum(len(page.images) for page in pdf.pages) >= 2  # the PDF does show them…
    data = render_set_docx(objective_set)
    document = Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 0  # …the DOCX never
    assert not [part for part in document.part.package.parts if "media" in str(part.partname)]
    assert b"w:drawing" not in document.element.xml.encode()


def marks(section) -> list[str]:
    headers = (section.header, section.first_page_header)
    return [
        element.get("string")
        for header in headers
        for element in header._element.iter("{urn:schemas-microsoft-com:vml}textpath")
        if element.get("string")
    ]


def test_it_marks_a_draft_on_every_page_and_an_issued_set_not():
    agency = agency_ba_ria()
    draft = read(table_set(agency, status=Status.SUBMITTED))
    assert marks(draft.sections[0]) == ["DỰ THẢO", "DỰ THẢO"]  # first page and the others
    issued = read(table_set(agency, year=2024, status=Status.ISSUED))
    assert marks(issued.sections[0]) == []


def test_it_holds_the_same_text_as_the_pdf():
    objective_set = decision_set(agency_dong_nai())
    document = read(objective_set)
    pdf = pdfplumber.open(io.BytesIO(render_set(objective_set, final=True)))
    pdf_text = clean(" ".join(page.extract_text() for page in pdf.pages))
    for paragraph in document.paragraphs:
        if paragraph.text.strip():
            assert clean(paragraph.text) in pdf_text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_it_converts_with_libreoffice_and_still_reads_right(tmp_path):
    source = tmp_path / "table.docx"
    source.write_bytes(render_set_docx(table_set(agency_ba_ria(), objectives=14)))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = pdfplumber.open(tmp_path / "table.pdf")
    assert len(pdf.pages) >= 2
    first, second = pdf.pages[0], pdf.pages[1]
    assert (round(first.width), round(first.height)) == (595, 842)
    first_text = clean(first.extract_text())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first_text
    assert "Độc lập - Tự do - Hạnh phúc" in first_text
    assert "BAN THI ĐUA - KHEN THƯỞNG" in first_text
    assert "MỤC TIÊU CHẤT LƯỢNG ISO 9001:2015 NĂM 2023" in first_text
    # Page 2: its number in the top margin, the table's heading again; no number on page 1.
    number = [w for w in second.extract_words() if w["text"] == "2" and w["top"] < 15 * metrics.MM]
    assert number and abs((number[0]["x0"] + number[0]["x1"]) / 2 - TEXT_CENTRE) < 1
    assert not [w for w in first.extract_words() if w["top"] < 15 * metrics.MM]
    assert "Nội dung mục tiêu" in clean(second.extract_text())
    fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts <= {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"}
    assert all(min(c["x0"] for c in page.chars) >= 30 * metrics.MM - 1 for page in pdf.pages)
