"""The register as XLSX (read back with openpyxl) and as the NĐ30-style PDF (text read back with
pdfplumber), with the same filters as the page, for readers only."""

from datetime import date
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from risks.exports import register_context, register_pdf, register_xlsx
from tests.factories import ObjectiveFactory, ObjectiveSetFactory
from tests.risks.risk_support import make_risk


@pytest.fixture
def register(agency, department, people):
    objective = ObjectiveFactory(
        objective_set=ObjectiveSetFactory(agency=agency, year=2025),
        content="Tỷ lệ hồ sơ đúng hạn đạt ít nhất 96%.",
    )
    make_risk(
        agency,
        department=department,
        description="Hồ sơ trễ hạn vì thiếu người tiếp nhận.",
        likelihood=4,
        impact=5,
        owner_department=department,
        owner_person=people["department_head"],
        objectives=[objective],
    )
    make_risk(
        agency,
        kind="opportunity",
        description="Chuyển đổi số quy trình một cửa.",
        likelihood=2,
        impact=3,
        status="in_treatment",
    )
    return agency


def test_the_xlsx_lists_the_register_with_levels_and_bands(register, department):
    context = register_context(agency=register, year=2025, filters={"sort": "-level"})

    sheet = load_workbook(BytesIO(register_xlsx(context))).active

    assert sheet["A1"].value == "BẢNG NHẬN DIỆN, ĐÁNH GIÁ, GIẢI QUYẾT RỦI RO VÀ CƠ HỘI"
    assert sheet["A2"].value == "Văn phòng UBND tỉnh Đồng Nai – Tất cả phòng, đơn vị – Năm 2025"
    assert "thấp 1–4" in sheet["A3"].value and "rất cao 20–25" in sheet["A3"].value
    assert sheet["A4"].value == "Tất cả các mục (không lọc)."
    assert sheet.freeze_panes == "A7"
    assert [c.value for c in sheet[6]][:9] == [
        "TT",
        "Loại",
        "Mô tả rủi ro, cơ hội",
        "Nguyên nhân",
        "Phòng, đơn vị",
        "Khả năng (1–5)",
        "Ảnh hưởng (1–5)",
        "Mức độ (K × A)",
        "Xếp mức",
    ]
    first = [c.value for c in sheet[7]]
    assert first[:9] == [
        1,
        "Rủi ro",
        "Hồ sơ trễ hạn vì thiếu người tiếp nhận.",
        "Nhân sự nghỉ phép dài ngày.",
        department.name,
        4,
        5,
        20,
        "Rất cao",
    ]
    assert first[10:12] == [department.name, "Department Head"]
    assert first[15] == "Tỷ lệ hồ sơ đúng hạn đạt ít nhất 96%."
    assert [c.value for c in sheet[8]][:2] == [2, "Cơ hội"]
    assert [c.value for c in sheet[8]][7:9] == [6, "Trung bình"]


def test_the_download_uses_the_page_filters(client, people, register):
    client.force_login(people["staff"])
    response = client.get(
        reverse("risks:register_xlsx", args=[register.pk, 2025]), {"kind": "opportunity"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert sheet["C7"].value == "Chuyển đổi số quy trình một cửa." and sheet["C8"].value is None
    assert sheet["A4"].value == "Chỉ gồm các mục lọc theo: loại Cơ hội."


@pytest.mark.parametrize("name", ["risks:register_xlsx", "risks:register_pdf"])
@pytest.mark.parametrize(("role", "status"), [("outsider", 404), ("anonymous", 302)])
def test_exports_are_refused_outside_the_agency(client, people, register, name, role, status):
    if role != "anonymous":
        client.force_login(people[role])
    assert client.get(reverse(name, args=[register.pk, 2025])).status_code == status


def _pdf_text(content: bytes) -> str:
    with pdfplumber.open(BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_pdf_is_the_nd30_register(client, people, register, department):
    client.force_login(people["staff"])

    response = client.get(reverse("risks:register_pdf", args=[register.pk, 2025]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "VĂN PHÒNG UBND TỈNH ĐỒNG NAI" in text
    assert "BẢNG NHẬN DIỆN, ĐÁNH GIÁ, GIẢI QUYẾT RỦI RO VÀ CƠ HỘI" in text
    assert "Tất cả phòng, đơn vị – Năm 2025" in text
    assert "thấp 1–4; trung bình 5–9; cao 10–16; rất cao 20–25" in text
    assert "Hồ sơ trễ hạn" in text and "Chuyển đổi số" in text  # cells wrap: look at a start
    assert "Rất cao" in text
    assert "CHÁNH VĂN PHÒNG" in text
    assert text.index("Hồ sơ trễ hạn") < text.index("Chuyển đổi số")  # highest level first


def test_the_pdf_of_one_department(client, people, register, department):
    client.force_login(people["department_head"])

    response = client.get(
        reverse("risks:register_pdf", args=[register.pk, 2025]), {"department": department.pk}
    )

    text = _pdf_text(response.content)
    assert f"{department.name} – Năm 2025" in text
    assert "Hồ sơ trễ hạn" in text and "Chuyển đổi số" not in text
    assert "TRƯỞNG PHÒNG" in text


def test_the_pdf_embeds_its_fonts(register):
    content = register_pdf(register_context(agency=register, year=2025, filters={}))
    with pdfplumber.open(BytesIO(content)) as pdf:
        fonts = {char["fontname"].split("+")[-1] for char in pdf.pages[0].chars}
    # the shared NĐ30 fonts
    assert fonts == {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"}


def test_the_header_carries_place_and_date_by_nd30_rules(register):
    context = register_context(agency=register, year=2025, filters={})
    context["today"] = date(2025, 1, 5)

    text = _pdf_text(register_pdf(context))

    assert "Đồng Nai, ngày 05 tháng 01 năm 2025" in text


def test_the_pdf_states_its_filter_and_keeps_dates_on_one_line(client, people, register):
    """A filtered PDF passed for the whole register, and "31/03/2024" printed "31/03/2 024"."""
    client.force_login(people["staff"])
    response = client.get(
        reverse("risks:register_pdf", args=[register.pk, 2025]),
        {"status": "in_treatment", "kind": "opportunity"},
    )
    text = _pdf_text(response.content)
    flat = " ".join(text.split())
    assert "Chỉ gồm các mục lọc theo: loại Cơ hội; trạng thái Đang xử lý." in flat
    assert "Hồ sơ trễ hạn" not in text
    everything = _pdf_text(
        client.get(reverse("risks:register_pdf", args=[register.pk, 2025])).content
    )
    assert "30/06/2025" in everything.split()


def test_an_opportunitys_impact_is_a_benefit_in_the_legend(register):
    text = " ".join(
        _pdf_text(register_pdf(register_context(agency=register, year=2025, filters={}))).split()
    )
    assert "(cơ hội): 1 lợi ích không đáng kể" in text and "5 lợi ích rất lớn" in text


def test_the_register_heading_follows_the_language(client, people, register):
    client.force_login(people["staff"])
    client.cookies.load({"django_language": "en"})
    response = client.get(reverse("risks:register", args=[register.pk, 2025]))
    assert "Risk and opportunity register" in response.content.decode()
