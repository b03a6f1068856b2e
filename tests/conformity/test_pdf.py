"""The conformity decision's PDF read back with pdfplumber: the NĐ30 header of the agency, the
title "QUYẾT ĐỊNH" with its subject (QĐ 19 Phụ lục I), the head's authority, the legal bases,
Điều 1 (the fields of activity), Điều 2 (in force, where it is posted), Điều 3 ending "./.",
Nơi nhận with the inspecting unit, and the procedures as an annex numbered on its own."""

import io
import os
import re

import pdfplumber
import pytest

from conformity import services
from conformity.pdf import render_announcement
from documents import workflow
from tests.factories_oversight import the_oversight

WATERMARK_PT = 50
PROCEDURES = [
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Đăng ký biến động quyền sử dụng đất",
    "Chứng thực bản sao từ bản chính",
]


def _read(pdf: bytes) -> dict:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [
            page.filter(lambda o: o.get("object_type") != "char" or o["size"] <= WATERMARK_PT)
            for page in document.pages
        ]
        return {
            "pages": [page.extract_text() or "" for page in pages],
            "tables": [row for page in pages for t in page.extract_tables() for row in t],
            "big": {c["text"] for p in document.pages for c in p.chars if c["size"] > WATERMARK_PT},
            "sizes": {
                (round(c["size"]), "Bold" in c["fontname"])
                for p in pages
                for c in p.chars
                if c["text"].strip()
            },
        }


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


@pytest.fixture
def announcement(agency, outsider_agency, people):
    the_oversight(agency, outsider_agency)
    services.scope_save(
        agency=agency,
        actor=people["iso_officer"],
        activities="Xây dựng\nĐất đai\nTư pháp",
        procedures="\n".join(PROCEDURES),
    )
    started = services.announcement_start(agency=agency, actor=people["iso_officer"], year=2026)
    return services.announcement_update(
        announcement=started,
        actor=people["iso_officer"],
        version=started.version,
        fields={
            "proposer": "Tổ trưởng Tổ ISO",
            "posted_at_office": "Bộ phận Tiếp nhận và Trả kết quả",
            "website_url": "https://vpubnd.dongnai.gov.vn/iso",
        },
    )


def _keep(pdf: bytes, name: str) -> None:
    """Written where the developer looks at the pages (pdftoppm), when asked to."""
    folder = os.environ.get("QMS_KEEP_PDFS")
    if folder:
        with open(os.path.join(folder, name), "wb") as out:
            out.write(pdf)


def test_the_draft_reads_as_a_qd19_decision_with_its_annex(announcement):
    pdf = render_announcement(announcement, final=False)
    _keep(pdf, "conformity-draft.pdf")
    read = _read(pdf)
    decision, annex = read["pages"][0], read["pages"][-1]
    for line in (
        "UBND TỈNH ĐỒNG NAI",
        "VĂN PHÒNG UBND TỈNH ĐỒNG NAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH",
    ):
        assert line in decision
    assert re.search(r"Số:\s*/QĐ-VP", decision)
    text = _flat(" ".join(read["pages"][:-1]))
    assert (
        "Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015"
        in text
    )
    assert "CHÁNH VĂN PHÒNG VĂN PHÒNG UBND TỈNH ĐỒNG NAI" in text
    assert "Căn cứ Quyết định số 19/2014/QĐ-TTg" in text
    assert "Xét đề nghị của Tổ trưởng Tổ ISO," in text
    assert (
        "Điều 1. Công bố Hệ thống quản lý chất lượng của Văn phòng UBND tỉnh Đồng Nai phù hợp "
        "Tiêu chuẩn quốc gia TCVN ISO 9001:2015 đối với các lĩnh vực hoạt động sau:"
    ) in text
    assert "- Xây dựng; - Đất đai; - Tư pháp." in text
    assert "gồm 03 thủ tục hành chính tại Danh mục kèm theo" in text
    assert (
        "Bộ phận Tiếp nhận và Trả kết quả" in text and "https://vpubnd.dongnai.gov.vn/iso" in text
    )
    assert "Điều 3." in text and text.count("./.") == 1
    assert "chịu trách nhiệm thi hành Quyết định này./." in text
    assert "Nơi nhận:" in text
    assert "- Chi cục Tiêu chuẩn Đo lường Chất lượng (để theo dõi);" in text
    assert "- Lưu: VT, Tổ ISO." in text
    assert set("DỰTHẢO") <= read["big"]
    # The annex: the header again without number or date, its title, the reference line, the list.
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH" in annex and "Số:" not in annex
    assert "(Kèm theo Quyết định số" in _flat(annex)
    rows = [[_flat(c) for c in row] for row in read["tables"]]
    assert rows[0] == ["TT", "Tên thủ tục hành chính"]
    assert rows[1:] == [[str(n), p] for n, p in enumerate(PROCEDURES, 1)]
    # Body 14 pt, title bold 14 pt, recipients 11 pt (NĐ30).
    assert (
        (14, False) in read["sizes"]
        and (14, True) in read["sizes"]
        and (11, False) in read["sizes"]
    )


def test_the_approved_final_carries_the_heads_signing_block_and_no_watermark(announcement, people):
    announcement = workflow.document_submit(document=announcement, actor=people["iso_officer"])
    announcement = workflow.document_approve(document=announcement, actor=people["head"])
    read = _read(render_announcement(announcement, final=True))
    assert not read["big"]
    text = _flat(" ".join(read["pages"]))
    assert "CHÁNH VĂN PHÒNG" in text and people["head"].get_full_name() in text


def test_without_procedures_there_is_no_annex(announcement, people):
    announcement = services.announcement_update(
        announcement=announcement,
        actor=people["iso_officer"],
        version=announcement.version,
        fields={"procedures": ""},
    )
    read = _read(render_announcement(announcement, final=False))
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH" not in " ".join(read["pages"])
    assert "Danh mục kèm theo" not in _flat(" ".join(read["pages"]))
