"""The three forms from the same data: the Phụ lục 3 list, the table of reference 003 and the
decision with its annex (reference 004), read back from the real PDF."""

import pytest

from objectives.models import Orientation
from objectives.printing.render import render_set
from objectives.selectors import set_with_content
from tests.factories import ObjectiveSetFactory
from tests.objectives import document_data as data
from tests.objectives.pdf_support import A4, MM, Pdf, text_area

pytestmark = pytest.mark.django_db

HEADER_ROW = [
    "TT",
    "Nội dung mục tiêu",
    "Chỉ tiêu thực hiện",
    "Biện pháp và trách nhiệm",
    "Thời gian",
]


def render(objective_set, **kwargs) -> Pdf:
    return Pdf(render_set(set_with_content(objective_set.pk), **{"final": True, **kwargs}))


# --- list (Phụ lục 3) -------------------------------------------------------------------------


def test_it_prints_the_list_form_like_phu_luc_3(people, agency):
    pdf = render(data.list_set(agency))
    texts = pdf.texts()
    assert "MỤC TIÊU CHẤT LƯỢNG NĂM 2024" in texts
    preamble = pdf.starting("Thông qua việc áp dụng, duy trì, cải tiến thường xuyên")[0]
    assert preamble.size == 14 and preamble.plain
    assert "Văn phòng UBND tỉnh Đồng Nai đảm bảo thực hiện các mục tiêu sau:" in pdf.full_text()
    assert texts.index("1. 100% hồ sơ giải quyết TTHC tỷ lệ sai lỗi bằng không.") < texts.index(
        "2. Tỷ lệ hồ sơ giải quyết đúng hạn."
    )
    assert "- Chỉ tiêu: ≥ 96%." in texts
    assert "- Biện pháp: Lập kế hoạch đánh giá nội bộ trong quý III." in texts
    assert "- Trách nhiệm: Tổ ISO./." in texts  # the body's last paragraph ends with ./.


def test_it_does_not_repeat_a_target_already_in_the_sentence(people, agency):
    pdf = render(data.list_set(agency))
    assert pdf.full_text().count("bằng không") == 1
    assert not [t for t in pdf.texts() if t.startswith("- Chỉ tiêu: bằng không")]
    assert "lần/năm" not in pdf.full_text().replace("ít nhất 01 lần/năm", "")


def test_it_prints_the_list_date_above_the_signature_and_no_number_line(people, agency):
    objective_set = data.list_set(
        agency, **data.issued_fields(agency, number=None, symbol="", day=(2024, 2, 9))
    )
    pdf = render(objective_set)
    date = pdf.find("Đồng Nai, ngày 09 tháng 02 năm 2024")
    title = pdf.find("CHÁNH VĂN PHÒNG")  # the head's block: people has a head
    objective = pdf.find("- Trách nhiệm: Tổ ISO./.")
    assert date.italic and date.size == 14
    assert objective.top < date.top < title.top and date.page == title.page
    assert date.centre == pytest.approx(title.centre, abs=1)
    assert not [t for t in pdf.texts() if t.startswith("Số:")]


def test_it_prints_the_number_of_a_numbered_list(people, agency):
    fields = data.issued_fields(agency, number=1, symbol="MTCL-VP", day=(2024, 1, 5))
    pdf = render(data.list_set(agency, **fields))
    number = pdf.find("Số: 01/MTCL-VP")
    assert number.size == 13 and number.plain and number.page == 1


# --- table (reference 003) --------------------------------------------------------------------


def test_it_prints_the_table_of_reference_003(db):
    pdf = render(data.table_set(data.agency_ba_ria()))
    (table,) = pdf.tables(1)
    assert table[0] == HEADER_ROW
    assert table[1][0] == "I. Đối với cơ quan:" and table[1][1:] == [None] * 4
    assert table[2] == [
        "1",
        "Công chức liên quan được đào tạo về Hệ thống quản lý chất lượng TCVN ISO 9001:2015.",
        "100%",
        "Phối hợp với tổ chức bên ngoài hoặc tham gia các lớp tập huấn do Sở Khoa học và Công "
        "nghệ tổ chức.",
        "Báo cáo quý hoặc 6 tháng/lần",
    ]
    assert table[4][0] == "II. Đối với phòng nghiệp vụ:"
    assert table[5][0] == "3" and table[5][4] == "Báo cáo tháng hoặc quý hoặc 6 tháng"
    section = pdf.find("I. Đối với cơ quan:")
    assert section.bold and section.size == 13
    left, _right = text_area(pdf.pages[0])
    assert section.x0 < left + 10  # spans the table from its first column
    assert pdf.find("Bà Rịa - Vũng Tàu, ngày 02 tháng 01 năm 2023").italic
    assert [pdf.find(t).bold for t in ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Thúy Ái")] == [
        True
    ] * 3


def test_it_prints_responsibility_and_period_when_no_cell_is_overridden(db, department):
    objective_set = data.table_set(department.agency, objectives=3)
    objective = objective_set.objectives.get(order=1)
    objective.lead_unit = department
    objective.reporting_wording = ""
    objective.reporting_frequencies = ["quarterly", "half_yearly"]
    objective.timeframe = "Cả năm"
    objective.save()
    table = render(objective_set).tables(1)[0]
    assert table[2][3] == (
        "Phối hợp với tổ chức bên ngoài hoặc tham gia các lớp tập huấn do Sở Khoa học và Công "
        "nghệ tổ chức. Chủ trì: Phòng Hành chính - Tổ chức"
    )
    assert table[2][4] == "Cả năm Báo cáo hằng quý hoặc 6 tháng"


def test_it_repeats_the_header_row_and_never_splits_a_row(db):
    objective_set = data.table_set(data.agency_ba_ria(), landscape=True, objectives=30)
    pdf = render(objective_set)
    assert len(pdf.pages) >= 3
    numbers = []
    for page in range(1, len(pdf.pages) + 1):
        assert (pdf.pages[page - 1].width, pdf.pages[page - 1].height) == pytest.approx(
            A4[::-1], abs=0.5
        )
        tables = pdf.tables(page)
        if not tables:
            continue
        (table,) = tables
        assert table[0] == HEADER_ROW, page
        for row in table[1:]:
            if row[1] is None:
                continue  # a section row
            numbers.append(int(row[0]))
            assert row[2] == "100%" and row[3] and row[4], (page, row)
            assert row[1].startswith("C") and row[1].endswith("."), (page, row)
    assert numbers == list(range(1, 31))


def test_it_follows_the_set_orientation(db):
    objective_set = data.table_set(data.agency_ba_ria(), landscape=False)
    pdf = render(objective_set)
    assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx(A4, abs=0.5)
    assert objective_set.orientation == Orientation.PORTRAIT


# --- decision with annex (reference 004) --------------------------------------------------


def test_it_joins_a_landscape_table_annex_to_a_portrait_decision(db):
    objective_set = data.decision_set(
        data.agency_dong_nai(), annex_as_table=True, orientation=Orientation.LANDSCAPE
    )
    pdf = render(objective_set)
    annex_page = pdf.find("MỤC TIÊU CHẤT LƯỢNG NĂM 2023").page
    assert annex_page == 2
    assert (pdf.pages[0].width, pdf.pages[0].height) == pytest.approx(A4, abs=0.5)
    assert (pdf.pages[1].width, pdf.pages[1].height) == pytest.approx(A4[::-1], abs=0.5)
    (table,) = pdf.tables(annex_page)
    assert table[0] == HEADER_ROW
    assert table[1][:3] == [
        "1",
        "Thực hiện tốt công tác kiểm soát thủ tục hành chính, tỷ lệ hồ sơ giải quyết đúng hạn "
        "và trước hạn đạt ít nhất 96% đối với hồ sơ 1 cửa.",
        "đạt ít nhất 96%",
    ]
    assert not [r for r in pdf.runs if r.page == annex_page and r.bottom < 20 * MM]


def test_it_prints_the_list_annex_as_stored(db):
    pdf = render(data.decision_set(data.agency_dong_nai()))
    assert pdf.find(
        "1. Thực hiện tốt công tác kiểm soát thủ tục hành chính, tỷ lệ hồ sơ giải quyết"
    )
    assert (
        "(Ban hành kèm theo Quyết định số 124/QĐ-VP ngày 05/10/2023 của Văn phòng UBND tỉnh)"
        in (pdf.full_text())
    )
    assert "đạt ít nhất 96%" not in [t.removeprefix("- Chỉ tiêu: ") for t in pdf.texts()]


def test_it_leaves_the_number_blank_on_an_unnumbered_decision(db):
    agency = data.agency_dong_nai()
    objective_set = data.decision_set(agency, issued=False, annex_reference="")
    pdf = render(objective_set, final=False)
    number = pdf.find_all("Số: /QĐ-VP", page=1)
    assert len(number) == 1 and number[0].size == 13
    assert pdf.find("Đồng Nai, ngày … tháng … năm …", page=1).italic
    assert "(Kèm theo Quyết định số /QĐ-VP ngày … tháng … năm … của Văn phòng)" in pdf.full_text()


@pytest.mark.parametrize("form", ["list", "table", "decision"])
def test_it_renders_a_blank_new_set_in_every_form(agency, form):
    objective_set = ObjectiveSetFactory(agency=agency, year=2025, form=form)
    pdf = render(objective_set, final=False)
    assert "MỤC TIÊU CHẤT LƯỢNG NĂM 2025" in pdf.texts()
    assert "THỦ TRƯỞNG CƠ QUAN" in pdf.texts()  # nobody can sign yet: the generic block
