"""The evaluation report's PDF read back with pdfplumber: NĐ30 header, "BÁO CÁO" and its
subject, a row per objective with targets, results, outcome and comment, the summary with the
objectives missed and why, the management review, the signing block, the draft watermark."""

import io
import re

import pdfplumber
import pytest

from documents import workflow
from evaluation.pdf import render_report
from evaluation.services import report_start, report_submit, report_update
from tests.factories import the_agency, the_department, the_outsider_agency, the_people
from tests.monitoring.conftest import add_objective, publish_set
from tests.monitoring.evaluation_support import YEAR_END, known_results

WATERMARK_PT = 50
# The header's left column: 30 mm margin + 41 % of the 165 mm text width, in points.
LEFT_COLUMN_END = (30 + 0.41 * 165) * 72 / 25.4


def _without_watermark(page):
    return page.filter(lambda obj: obj.get("object_type") != "char" or obj["size"] <= WATERMARK_PT)


def _read(pdf: bytes) -> dict:
    """Text and table rows without the watermark's letters (kept apart in "big")."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [_without_watermark(page) for page in document.pages]
        return {
            "text": "\n".join(page.extract_text() or "" for page in pages),
            "first": pages[0].extract_text(),
            "tables": [row for page in pages for table in page.extract_tables() for row in table],
            "big": {
                c["text"] for page in document.pages for c in page.chars if c["size"] > WATERMARK_PT
            },
            "pages": len(pages),
        }


def _flat(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _left_header(pdf: bytes) -> str:
    """The header's left column of page 1 (governing body, issuing body, number): the words
    that start in it, at the top of the page."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        words = page.extract_words()
        left = [w for w in words if w["x0"] < LEFT_COLUMN_END and w["top"] < page.height * 0.15]
    return " ".join(w["text"] for w in sorted(left, key=lambda w: (round(w["top"]), w["x0"])))


def comment_on(report, people):
    """The summary, the review and a comment on the objective not reached."""
    objectives = list(report.objective_set.objectives.order_by("order"))
    return report_update(
        report=report,
        actor=people["iso_officer"],
        version=report.version,
        fields={
            "summary": "Các phòng đã cập nhật số liệu đầy đủ, đúng hạn.",
            "review_conclusions": "Hệ thống quản lý chất lượng phù hợp, được duy trì hiệu lực.",
            "review_actions": "Khắc phục lỗi phần mềm một cửa – Tổ ISO – quý I/2025",
        },
        comments={objectives[1].pk: "Hai hồ sơ quá hạn do phần mềm một cửa gặp lỗi."},
    )


@pytest.fixture
def commented(report, people):
    return comment_on(report, people)


@pytest.fixture(scope="module")
def draft_pdf(built_once) -> bytes:
    """The draft of `commented`, built (as the fixtures `report` and `commented` build it) and
    rendered once for the module: the tests that only read it share it."""

    def build():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: YEAR_END)
            agency = the_agency()
            people = the_people(agency, the_department(agency), the_outsider_agency())
            objective_set = publish_set(agency)
            known_results(objective_set, people["iso_officer"])
            report = report_start(objective_set=objective_set, actor=people["iso_officer"])
            return render_report(comment_on(report, people), final=False)

    return built_once(build)


@pytest.fixture(scope="module")
def draft(draft_pdf) -> dict:
    return _read(draft_pdf)


def test_it_prints_the_nd30_header_title_and_subject(draft_pdf, draft):
    assert _left_header(draft_pdf).startswith("UBND TỈNH ĐỒNG NAI VĂN PHÒNG UBND TỈNH ĐỒNG NAI Số:")
    first = draft["first"]
    for line in (
        "UBND TỈNH ĐỒNG NAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Kết quả thực hiện Mục tiêu chất lượng năm 2024",
    ):
        assert line in first
    assert re.search(r"Số:\s*/BC-VP", first)
    assert "Thực hiện Mục tiêu chất lượng năm 2024" in _flat(first)


def test_it_prints_a_row_per_objective_with_results_outcome_and_comment(draft):
    rows = [[_flat(cell) for cell in row] for row in draft["tables"]]
    assert rows[0] == [
        "TT",
        "Mục tiêu",
        "Chỉ tiêu",
        "Kết quả năm",
        "Đánh giá",
        "Nhận xét của đơn vị",
    ]
    body = {row[0]: row for row in rows[1:]}
    assert body["1"][2:5] == ["≥ 96%", "97,5% (975/1.000)", "Đạt"]
    assert body["2"][3:] == [
        "2 hồ sơ",
        "Không đạt",
        "Hai hồ sơ quá hạn do phần mềm một cửa gặp lỗi.",
    ]
    assert body["3"][3:5] == ["–", "Chưa có số liệu"]
    assert body["4"][2:5] == ["02 lớp 01 lần", "3 lớp – Đạt 0 lần – Không đạt", "Không đạt"]


def test_it_prints_the_summary_the_missed_objectives_and_the_review(draft):
    text = _flat(draft["text"])
    assert "Số liệu tính đến ngày 15/01/2025" in text
    assert "II. ĐÁNH GIÁ CHUNG" in text
    assert (
        "Năm 2024, Văn phòng UBND tỉnh Đồng Nai có 04 mục tiêu chất lượng: 01 mục tiêu đạt, "
        "02 mục tiêu không đạt, 01 mục tiêu chưa có số liệu; tỷ lệ mục tiêu đạt 25%."
    ) in text
    assert (
        "- Mục tiêu 2: Tỷ lệ hồ sơ quá hạn bằng không. Nguyên nhân: Hai hồ sơ quá hạn do phần "
        "mềm một cửa gặp lỗi."
    ) in text
    assert "- Mục tiêu 4: Đào tạo nghiệp vụ" in text
    assert "Các phòng đã cập nhật số liệu đầy đủ, đúng hạn." in text
    assert "III. KẾT LUẬN CỦA XEM XÉT CỦA LÃNH ĐẠO" in text
    assert "IV. CÁC HÀNH ĐỘNG TIẾP THEO" in text
    assert text.count("./.") == 1
    assert "- Khắc phục lỗi phần mềm một cửa – Tổ ISO – quý I/2025./." in text
    assert "Nơi nhận:" in text and "- Lưu: VT, Tổ ISO." in text


def test_a_report_without_review_numbers_its_parts_from_what_it_has(report):
    text = _flat(_read(render_report(report, final=False))["text"])
    assert "I. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU" in text and "II. ĐÁNH GIÁ CHUNG" in text
    assert "III." not in text and "XEM XÉT CỦA LÃNH ĐẠO" not in text


def test_a_draft_is_watermarked_and_an_approved_final_is_not(commented, people):
    assert set("DỰTHẢO") <= _read(render_report(commented, final=False))["big"]
    report = report_submit(report=commented, actor=people["iso_officer"])
    report = workflow.document_approve(document=report, actor=people["deputy"])
    read = _read(render_report(report, final=True))
    assert not read["big"]
    text = read["text"]
    assert "KT. CHÁNH VĂN PHÒNG" in text and "PHÓ CHÁNH VĂN PHÒNG" in text
    assert people["deputy"].get_full_name() in text


def test_it_prints_the_frozen_figures_once_submitted(commented, people):
    from tests.monitoring.conftest import put

    report = report_submit(report=commented, actor=people["iso_officer"])
    third = report.objective_set.objectives.order_by("order")[2].targets.get()
    put(third, "2024-Q4", value=95, user=people["iso_officer"])
    rows = _read(render_report(report, final=False))["tables"]
    assert {_flat(row[0]): _flat(row[4]) for row in rows[1:]}["3"] == "Chưa có số liệu"


def test_a_department_report_names_the_department_under_the_agency(
    agency, department, people, year_end
):
    department_set = publish_set(agency, department=department)
    add_objective(department_set, content="Tỷ lệ văn bản đến được xử lý đúng hạn đạt 100%.")
    report = report_start(objective_set=department_set, actor=people["department_head"])
    pdf = render_report(report, final=False)
    assert _left_header(pdf).startswith("VĂN PHÒNG UBND TỈNH ĐỒNG NAI PHÒNG HÀNH CHÍNH - TỔ CHỨC")
    read = _read(pdf)
    assert "Phòng Hành chính - Tổ chức có 01 mục tiêu chất lượng" in _flat(read["text"])
