"""The minutes read back with pdfplumber: the NĐ30 header of the body's agency, "BIÊN BẢN" and
its subject, who took part, the checklist table with the finding on each item, the corrective
requirement, "./.", and both sides' signing blocks side by side; the draft watermark until it is
final; both blocks' names in the body the approval hashes."""

import io
import re

import pdfplumber
import pytest

from documents.body import body_of
from inspections.minutes import render_minutes

pytestmark = pytest.mark.django_db
WATERMARK_PT = 50


def _read(pdf: bytes) -> dict:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [
            p.filter(lambda o: o.get("object_type") != "char" or o["size"] <= WATERMARK_PT)
            for p in document.pages
        ]
        words = [w for page in pages[-1:] for w in page.extract_words()]
        return {
            "text": re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in pages)),
            "first": pages[0].extract_text(),
            "rows": [row for p in pages for t in p.extract_tables() for row in t],
            "big": {c["text"] for p in document.pages for c in p.chars if c["size"] > WATERMARK_PT},
            "width": document.pages[0].width,
            "last_words": words,
        }


def test_the_approved_minutes_print_as_nd30_with_both_signing_blocks(approved):
    pdf = _read(render_minutes(approved, final=True))
    first = pdf["first"]
    for line in (
        "UBND TỈNH ĐỒNG NAI",
        "SỞ KHOA HỌC VÀ CÔNG",  # the body's name, broken over two balanced lines
        "NGHỆ TỈNH ĐỒNG NAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BIÊN BẢN",
    ):
        assert line in first
    assert re.search(r"Số:\s*/BB-SKHCN", first)
    text = pdf["text"]
    assert "Kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng" in text
    assert "Văn phòng UBND tỉnh Đồng Nai" in text
    assert "Inspector – Chuyên viên, Trưởng đoàn" in text
    assert "Head – Chánh Văn phòng" in text
    assert "Kiểm tra trực tiếp tại cơ quan" in text
    assert "trong thời hạn 02 tháng kể từ ngày ký biên bản" in text
    assert "mỗi bên" not in text and "giữ 01 bản./." in text
    rows = [[re.sub(r"\s+", " ", c or "").strip() for c in row] for row in pdf["rows"]]
    assert rows[0] == ["TT", "Nội dung kiểm tra", "Kết quả", "Ghi nhận của đoàn kiểm tra"]
    assert [r[0] for r in rows if r[0].isdigit()] == [str(n) for n in range(1, 13)]
    audit = next(r for r in rows if r[1] == "Thực hiện đánh giá nội bộ")
    assert audit == [
        "6",
        "Thực hiện đánh giá nội bộ",
        "Không phù hợp",
        "Chưa đánh giá nội bộ năm 2024.",
    ]
    # Side by side, line by line: "ĐẠI DIỆN CƠ QUAN | ĐẠI DIỆN", "ĐƯỢC KIỂM TRA | ĐOÀN KIỂM TRA".
    assert "ĐẠI DIỆN CƠ QUAN ĐẠI DIỆN ĐƯỢC KIỂM TRA ĐOÀN KIỂM TRA" in text
    assert "CHÁNH VĂN PHÒNG TRƯỞNG ĐOÀN KIỂM TRA" in text
    assert text.endswith("Head Inspector")
    # Side by side: the agency's block on the left half, the team's on the right.
    words = pdf["last_words"]
    agency_x = next(w["x0"] for w in words if w["text"] == "CHÁNH")
    team_x = next(w["x0"] for w in words if w["text"] == "TRƯỞNG")
    assert agency_x < pdf["width"] / 2 < team_x
    assert not pdf["big"], "no watermark once final"


def test_a_draft_carries_the_watermark_and_the_generic_agency_block(assessed):
    pdf = _read(render_minutes(assessed.minutes, final=False))
    assert pdf["big"]
    assert "THỦ TRƯỞNG CƠ QUAN" in pdf["text"]


def test_the_approved_body_names_both_signers_and_every_finding(approved):
    body = body_of(approved).decode()
    assert "TRƯỞNG ĐOÀN KIỂM TRA" in body and "CHÁNH VĂN PHÒNG" in body
    assert "Chưa đánh giá nội bộ năm 2024." in body
