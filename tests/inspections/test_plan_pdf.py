"""The annual inspection plan's PDF read back with pdfplumber: the oversight body's agency in the
NĐ30 header, "KẾ HOẠCH" with its subject, the four parts, the table of agencies (mode, month),
the totals, the end mark, the signing block of the body's head and Nơi nhận."""

import io
import os
import re

import pdfplumber
import pytest

from documents import workflow
from inspections import plans
from inspections.plan_pdf import render_plan
from tests.inspections.plan_support import YEAR, plan_world

WATERMARK_PT = 50


def _read(pdf: bytes) -> dict:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [
            page.filter(lambda o: o.get("object_type") != "char" or o["size"] <= WATERMARK_PT)
            for page in document.pages
        ]
        return {
            "text": "\n".join(page.extract_text() or "" for page in pages),
            "first": pages[0].extract_text(),
            "tables": [row for page in pages for t in page.extract_tables() for row in t],
            "big": {c["text"] for p in document.pages for c in p.chars if c["size"] > WATERMARK_PT},
        }


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


@pytest.fixture
def world(agency, outsider_agency, people):
    return plan_world(agency, outsider_agency, people)


@pytest.fixture
def plan(world):
    return plans.plan_start(body=world["body"], year=YEAR, actor=world["users"]["inspector"])


def test_the_draft_plan_prints_header_title_parts_and_the_table(plan, agency):
    pdf = render_plan(plan, final=False)
    folder = os.environ.get("QMS_KEEP_PDFS")
    if folder:
        with open(os.path.join(folder, "plan-draft.pdf"), "wb") as out:
            out.write(pdf)
    read = _read(pdf)
    first = read["first"]
    for line in (
        "SỞ KHOA HỌC VÀ CÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
    ):
        assert line in first
    assert re.search(r"Số:\s*/KH-SKHCN", first)
    text = _flat(read["text"])
    assert (
        "Kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo Tiêu chuẩn "
        f"quốc gia TCVN ISO 9001:2015 năm {YEAR}"
    ) in text
    for heading in (
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG KIỂM TRA",
        "III. ĐỐI TƯỢNG, HÌNH THỨC VÀ THỜI GIAN KIỂM TRA",
        "IV. TỔ CHỨC THỰC HIỆN",
    ):
        assert heading in text
    assert "- Việc tuân thủ chính sách chất lượng, mục tiêu chất lượng đã công bố;" in text
    rows = [[_flat(c) for c in row] for row in read["tables"]]
    assert rows[0] == ["TT", "Cơ quan được kiểm tra", "Hình thức kiểm tra", "Thời gian", "Ghi chú"]
    body = rows[1:]
    assert len(body) == 6 and [r[0] for r in body] == [str(n) for n in range(1, 7)]
    assert sum(r[2] == "Trực tiếp tại cơ quan" for r in body) == 2
    assert {r[1] for r in body} >= {agency.name, "Sở Ngành số 01"}
    assert all(re.fullmatch(r"Tháng \d\d", r[3]) for r in body)
    assert (
        "Tổng số 06 cơ quan được kiểm tra qua hồ sơ, báo cáo; trong đó 02 cơ quan được kiểm tra "
        "trực tiếp tại cơ quan."
    ) in text
    assert text.count("./.") == 1 and f"trong tháng 11 năm {YEAR}./." in text
    assert "Nơi nhận:" in text and "- Các cơ quan được kiểm tra;" in text
    assert set("DỰTHẢO") <= read["big"]


def test_the_approved_plan_is_signed_by_the_head_of_the_bodys_agency(plan, world):
    users = world["users"]
    plan = plans.plan_submit(document=plan, actor=users["inspector"])
    plan = workflow.document_approve(document=plan, actor=users["body_head"])
    read = _read(render_plan(plan, final=True))
    assert not read["big"]
    text = _flat(read["text"])
    assert "GIÁM ĐỐC" in text and "CHÁNH VĂN PHÒNG" not in text
    assert users["body_head"].get_full_name() in text
