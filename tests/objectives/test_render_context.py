"""The rules of the decree that depend on data, decided in plain Python before any layout."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from documents import metrics, nd30
from objectives.models import Comparison, Target
from objectives.printing import context
from objectives.printing.render import render_set
from objectives.printing.rows import target_wording
from objectives.selectors import set_with_content
from tests.objectives import document_data as data
from tests.objectives.pdf_support import Pdf


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ((2023, 10, 5), "Đồng Nai, ngày 05 tháng 10 năm 2023"),
        ((2023, 1, 2), "Đồng Nai, ngày 02 tháng 01 năm 2023"),
        ((2023, 2, 28), "Đồng Nai, ngày 28 tháng 02 năm 2023"),
        ((2023, 6, 29), "Đồng Nai, ngày 29 tháng 6 năm 2023"),
        ((2023, 12, 31), "Đồng Nai, ngày 31 tháng 12 năm 2023"),
    ],
)
def test_it_writes_dates_with_the_leading_zero_rule(day, expected):
    assert nd30.date_line("Đồng Nai", datetime.date(*day)) == expected


def test_it_leaves_the_date_blank_before_issue():
    assert nd30.date_line("Đồng Nai", None) == "Đồng Nai, ngày … tháng … năm …"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "symbol", "required", "expected"),
    [
        (124, "QĐ-VP", True, "Số: 124/QĐ-VP"),
        (5, "QĐ-VP", False, "Số: 05/QĐ-VP"),
        (None, "", True, "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/QĐ-VP"),
        (None, "", False, ""),
    ],
)
def test_it_writes_the_number_line(agency, number, symbol, required, expected):
    objective_set = data.list_set(agency, number=number, symbol=symbol)
    assert nd30.number_line(objective_set, required=required) == expected


@pytest.mark.django_db
def test_it_uses_the_live_agency_before_issue_and_the_copy_after(agency):
    draft = data.list_set(agency)
    issued = data.decision_set(agency, year=2023)
    agency.name_in_documents = "Văn phòng Ủy ban nhân dân tỉnh"
    agency.governing_body = "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
    agency.save()
    for objective_set in (draft, issued):
        objective_set.refresh_from_db()
    before = nd30.header_of(draft, number="", with_date=True, landscape=False)
    assert " ".join(before.agency_name) == "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH"
    assert " ".join(before.governing_body) == "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
    after = nd30.header_of(issued, number="", with_date=True, landscape=False)
    assert after.governing_body == ["UBND TỈNH ĐỒNG NAI"]
    assert " ".join(after.agency_name) == "VĂN PHÒNG UBND TỈNH ĐỒNG NAI"
    assert after.date_line == "Đồng Nai, ngày 05 tháng 10 năm 2023"


@pytest.mark.django_db
def test_an_issued_decision_keeps_the_name_in_its_issuing_authority(agency):
    """A decision typed without its own "issuing authority" line prints the head's title and
    the agency's name: the name as issued once it is, not the agency's name today."""
    draft = data.decision_set(agency, year=2024, issued=False, issuing_authority="")
    issued = data.decision_set(agency, year=2023, issuing_authority="")
    agency.name_in_documents = "Văn phòng Ủy ban nhân dân tỉnh"
    agency.save()
    for objective_set in (draft, issued):
        objective_set.refresh_from_db()
    as_issued = context.document_context(issued, final=True, with_images=False)
    as_drafted = context.document_context(draft, final=False, with_images=False)
    assert as_issued["issuing_authority"] == "CHÁNH VĂN PHÒNG VĂN PHÒNG UBND TỈNH ĐỒNG NAI"
    assert as_drafted["issuing_authority"] == "CHÁNH VĂN PHÒNG VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH"


@pytest.mark.django_db
def test_it_heads_a_department_set_with_the_agency_above_the_department(department):
    objective_set = data.list_set(department.agency, department=department)
    header = nd30.header_of(objective_set, number="", with_date=False, landscape=False)
    assert " ".join(header.governing_body) == "VĂN PHÒNG UBND TỈNH ĐỒNG NAI"
    assert " ".join(header.agency_name) == "PHÒNG HÀNH CHÍNH - TỔ CHỨC"
    assert context.body_of(objective_set, annex=False).preamble.endswith(
        "Phòng Hành chính - Tổ chức đảm bảo thực hiện các mục tiêu sau:"
    )


@pytest.mark.django_db
def test_it_signs_a_draft_with_the_head_block_until_approval(people, agency):
    objective_set = data.list_set(agency)
    signature = nd30.signature_of(objective_set, with_images=False)
    assert signature.lines == ["CHÁNH VĂN PHÒNG"] and signature.name == "Head"
    objective_set.signing_lines = ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    objective_set.signer_name = "Trần Văn B"
    signature = nd30.signature_of(objective_set, with_images=False)
    assert (signature.lines[0], signature.name) == ("KT. CHÁNH VĂN PHÒNG", "Trần Văn B")


@pytest.mark.django_db
def test_it_prints_the_generic_block_when_nobody_can_sign_yet(agency):
    signature = nd30.signature_of(data.list_set(agency), with_images=False)
    assert (signature.lines, signature.note) == (["THỦ TRƯỞNG CƠ QUAN"], "(Ký tên, đóng dấu)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thi hành quyết định này.", "thi hành quyết định này./."),
        ("- Lưu hồ sơ;", "- Lưu hồ sơ./."),
        ("đã có dấu kết thúc./.", "đã có dấu kết thúc./."),
        ("không dấu", "không dấu./."),
    ],
)
def test_it_ends_the_body_with_the_end_mark(text, expected):
    assert nd30.with_end_mark(text) == expected


@pytest.mark.parametrize(
    ("comparison", "value", "unit", "expected"),
    [
        (Comparison.AT_LEAST, Decimal("95.5000"), "%", "≥ 95,5%"),
        (Comparison.AT_MOST, Decimal("0.0000"), "%", "≤ 0%"),
        (Comparison.EXACTLY, Decimal("100.0000"), "%", "100%"),
        (Comparison.AT_LEAST, Decimal("1.0000"), "lần/năm", "≥ 1 lần/năm"),
        (Comparison.DECREASE_BY, Decimal("10.0000"), "%", "Giảm 10%"),
    ],
)
def test_it_words_targets_typed_without_wording(comparison, value, unit, expected):
    target = Target(comparison=comparison, value=value, unit=unit, wording="")
    with translation.override("vi"):
        assert target_wording(target) == expected


@pytest.mark.django_db
def test_it_breaks_long_names_where_a_clerk_would(settings):
    width = 185
    assert metrics.balanced_lines("UBND TỈNH BÀ RỊA - VŨNG TÀU", width=width, size=13) == [
        "UBND TỈNH",
        "BÀ RỊA - VŨNG TÀU",
    ]
    assert metrics.balanced_lines(
        "SỞ VĂN HOÁ, THỂ THAO VÀ DU LỊCH TỈNH QUẢNG NAM", width=width, size=13, bold=True
    ) == ["SỞ VĂN HOÁ, THỂ THAO VÀ", "DU LỊCH TỈNH QUẢNG NAM"]
    assert metrics.balanced_lines("VĂN PHÒNG", width=width, size=13, bold=True) == ["VĂN PHÒNG"]


@pytest.mark.django_db
def test_it_widens_the_names_column_when_that_saves_lines(db):
    objective_set = data.table_set(data.agency_ba_ria())
    header = nd30.header_of(objective_set, number="", with_date=True, landscape=False)
    assert (header.layout, header.names_size) == ("wide", 13)
    assert header.governing_body == ["UBND TỈNH BÀ RỊA - VŨNG TÀU"]
    assert header.agency_name == ["BAN THI ĐUA - KHEN THƯỞNG", "TỈNH"]
    pdf = Pdf(render_set(set_with_content(objective_set.pk), final=True))
    governing = pdf.find("UBND TỈNH BÀ RỊA - VŨNG TÀU")
    assert governing.size == 13 and governing.plain
    # The national name, motto and date move down together (12, 13, 13 pt).
    assert pdf.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").size == 12
    assert pdf.find("Độc lập - Tự do - Hạnh phúc").size == 13
    assert pdf.find("Bà Rịa - Vũng Tàu, ngày 02 tháng 01 năm 2023").size == 13
    assert pdf.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").x0 - governing.x1 >= 8


@pytest.mark.django_db
def test_it_keeps_the_usual_layout_for_short_names(db):
    objective_set = data.decision_set(data.agency_dong_nai())
    header = nd30.header_of(objective_set, number="", with_date=True, landscape=False)
    assert (header.layout, header.names_size) == ("normal", 13)
