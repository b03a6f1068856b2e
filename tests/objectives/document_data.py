"""Objective sets shaped like the reference documents, for the renderer's tests and bench.

Reference 004 (a decision of the Đồng Nai provincial office with the objectives as its annex)
and reference 003 (the Bà Rịa - Vũng Tàu emulation board's table in two sections), built with
the factories only: the demo loader is not a dependency of these tests.
"""

import datetime
import itertools

from objectives.models import Comparison, DocumentForm, Orientation
from tests.factories import (
    AgencyFactory,
    ObjectiveFactory,
    ObjectiveSetFactory,
    SectionFactory,
    TargetFactory,
)

LEGAL_BASES_004 = [
    "Căn cứ Quyết định số 25/2023/QĐ-UBND ngày 26 tháng 5 năm 2023 của UBND tỉnh về việc ban "
    "hành Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng UBND tỉnh "
    "Đồng Nai;",
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc áp "
    "dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào hoạt "
    "động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;",
    "Xét đề nghị của Trưởng phòng Hành chính - Tổ chức.",
]
ARTICLES_004 = [
    "Điều 1. Công bố Mục tiêu chất lượng năm 2023 của Văn phòng UBND tỉnh phù hợp với yêu "
    "cầu của tiêu chuẩn quốc gia TCVN ISO 9001:2015 (phụ lục kèm theo).",
    "Điều 2. Trách nhiệm triển khai Mục tiêu chất lượng.",
    "- Trưởng các phòng, đơn vị thuộc Văn phòng áp dụng hình thức thích hợp và hiệu quả để "
    "truyền đạt Mục tiêu chất lượng năm 2023 đến toàn thể công chức, viên chức.",
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
    "Điều 4. Trưởng phòng Hành chính - Tổ chức, Trưởng các phòng, đơn vị thuộc Văn phòng UBND "
    "tỉnh có trách nhiệm thi hành quyết định này.",
]
OBJECTIVES_004 = [
    (
        "Thực hiện tốt công tác kiểm soát thủ tục hành chính, tỷ lệ hồ sơ giải quyết đúng hạn "
        "và trước hạn đạt ít nhất 96% đối với hồ sơ 1 cửa.",
        "đạt ít nhất 96%",
    ),
    (
        "Phấn đấu đạt 100% văn bản trao đổi trong nội bộ Văn phòng được thực hiện dưới dạng "
        "điện tử.",
        "100%",
    ),
    (
        "90% công chức, viên chức đạt tiêu chuẩn chức danh theo quy định.",
        "90%",
    ),
    (
        "Thực hiện kiểm tra về công tác cải cách hành chính đạt ít nhất 50% các đơn vị trực "
        "tiếp thực hiện thủ tục hành chính.",
        "đạt ít nhất 50%",
    ),
]
SECTIONS_003 = [
    (
        "I. Đối với cơ quan:",
        [
            (
                "Công chức liên quan được đào tạo về Hệ thống quản lý chất lượng TCVN ISO "
                "9001:2015.",
                "Phối hợp với tổ chức bên ngoài hoặc tham gia các lớp tập huấn do Sở Khoa học "
                "và Công nghệ tổ chức.",
                "Báo cáo quý hoặc 6 tháng/lần",
            ),
            (
                "Các thủ tục hành chính trong Hệ thống quản lý chất lượng đều được niêm yết công "
                "khai.",
                "Tại trung tâm phục vụ hành chính công tỉnh, trên website Hội đồng Thi đua - "
                "Khen thưởng tỉnh.",
                "Cập nhật liên tục theo quy định của pháp luật",
            ),
        ],
    ),
    (
        "II. Đối với phòng nghiệp vụ:",
        [
            (
                "Các thủ tục hành chính áp dụng theo tiêu chuẩn TCVN ISO 9001:2015 được giải "
                "quyết đúng hạn.",
                "Thực hiện đúng theo quy định của các văn bản pháp luật liên quan và các quy "
                "trình, thủ tục hành chính.",
                "Báo cáo tháng hoặc quý hoặc 6 tháng",
            ),
        ],
    ),
]


_codes = itertools.count(1)


def agency_dong_nai(**overrides):
    values = {
        "name": "Văn phòng UBND tỉnh Đồng Nai",
        "short_name": "VP UBND Đồng Nai",
        "name_in_documents": "Văn phòng",
        "governing_body": "UBND TỈNH ĐỒNG NAI",
        "symbol": "VP",
        "place_name": "Đồng Nai",
        "head_title": "Chánh Văn phòng",
        "deputy_title": "Phó Chánh Văn phòng",
    }
    return AgencyFactory(**{**values, **overrides})


def agency_ba_ria(**overrides):
    values = {
        "name": "Ban Thi đua - Khen thưởng tỉnh",
        "short_name": "Ban TĐKT BR-VT",
        "governing_body": "UBND TỈNH BÀ RỊA - VŨNG TÀU",
        "symbol": "BTĐKT",
        "place_name": "Bà Rịa - Vũng Tàu",
        "head_title": "Trưởng ban",
        "deputy_title": "Phó Trưởng ban",
    }
    return AgencyFactory(**{**values, **overrides})


def decision_set(
    agency, *, issued: bool = True, annex_as_table: bool = False, objectives: int = 4, **overrides
):
    """Reference 004: Quyết định 124/QĐ-VP ngày 05/10/2023 with the objectives as its annex
    (its four objectives, repeated when more are asked for)."""
    values = {
        "agency": agency,
        "year": 2023,
        "form": DocumentForm.DECISION,
        "annex_as_table": annex_as_table,
        "decision_subject": "Công bố Mục tiêu chất lượng năm 2023\ncủa Văn phòng UBND tỉnh",
        "issuing_authority": "CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
        "legal_bases": "\n".join(LEGAL_BASES_004),
        "articles": "\n".join(ARTICLES_004),
        "recipients": "Như điều 4;\nChánh, các Phó Chánh Văn phòng UBND tỉnh;\nLưu: VT, HCTC.",
        "annex_reference": "(Ban hành kèm theo Quyết định số 124/QĐ-VP ngày 05/10/2023 của "
        "Văn phòng UBND tỉnh)",
        "signing_lines": ["CHÁNH VĂN PHÒNG"],
        "signer_name": "Nguyễn Kim Long",
    }
    if issued:
        values.update(issued_fields(agency, number=124, symbol="QĐ-VP", day=(2023, 10, 5)))
    objective_set = ObjectiveSetFactory(**{**values, **overrides})
    for order in range(objectives):
        content, wording = OBJECTIVES_004[order % len(OBJECTIVES_004)]
        objective = ObjectiveFactory(objective_set=objective_set, order=order, content=content)
        TargetFactory(objective=objective, wording=wording, wording_in_content=True)
    return objective_set


def issued_fields(agency, *, number, symbol, day) -> dict:
    return {
        "number": number,
        "symbol": symbol,
        "issued_on": datetime.date(*day),
        "header_governing_body": agency.governing_body,
        "header_agency_name": agency.printed_name,
        "place_name": agency.place_name,
        "verification_code": f"TESTCODE{next(_codes):03d}",
    }


def table_set(agency, *, landscape: bool = False, objectives: int = 3, **overrides):
    """Reference 003: a table in two sections, signed by a deputy ("KT. TRƯỞNG BAN"). With more
    than three objectives, the second section repeats the reference's rows."""
    values = {
        "agency": agency,
        "year": 2023,
        "form": DocumentForm.TABLE,
        "orientation": Orientation.LANDSCAPE if landscape else Orientation.PORTRAIT,
        "title": "Mục tiêu chất lượng ISO 9001:2015 năm 2023",
        "preamble": "Mục tiêu chất lượng được xây dựng phù hợp với Chính sách chất lượng và "
        "được cơ quan định kỳ xem xét, cập nhật và thường xuyên cải tiến. Cụ thể như sau:",
        "signing_lines": ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"],
        "signer_name": "Trần Thúy Ái",
        **issued_fields(agency, number=None, symbol="", day=(2023, 1, 2)),
    }
    objective_set = ObjectiveSetFactory(**{**values, **overrides})
    (first_title, first_rows), (second_title, second_rows) = SECTIONS_003
    first = SectionFactory(objective_set=objective_set, title=first_title, order=0)
    second = SectionFactory(objective_set=objective_set, title=second_title, order=1)
    rows = [(first, row) for row in first_rows]
    rows += [(second, second_rows[i % len(second_rows)]) for i in range(objectives - len(rows))]
    for order, (section, (content, measures, reporting)) in enumerate(rows, start=1):
        objective = ObjectiveFactory(
            objective_set=objective_set,
            section=section,
            order=order,
            content=content,
            measures=measures,
            reporting_wording=reporting,
        )
        TargetFactory(objective=objective, value=100, wording="100%")
    return objective_set


def list_set(agency, **overrides):
    """The Phụ lục 3 list: one target in its sentence, one printed beneath, one with measures."""
    values = {"agency": agency, "year": 2024, "form": DocumentForm.LIST}
    objective_set = ObjectiveSetFactory(**{**values, **overrides})
    first = ObjectiveFactory(
        objective_set=objective_set,
        order=1,
        content="100% hồ sơ giải quyết TTHC tỷ lệ sai lỗi bằng không.",
    )
    TargetFactory(objective=first, comparison=Comparison.AT_MOST, value=0, wording="bằng không")
    second = ObjectiveFactory(
        objective_set=objective_set, order=2, content="Tỷ lệ hồ sơ giải quyết đúng hạn."
    )
    TargetFactory(objective=second, value=96, wording="≥ 96%", wording_in_content=False)
    third = ObjectiveFactory(
        objective_set=objective_set,
        order=3,
        content="Tổ chức đánh giá nội bộ ít nhất 01 lần/năm",
        measures="Lập kế hoạch đánh giá nội bộ trong quý III",
        responsible_person="Tổ ISO",
    )
    TargetFactory(objective=third, value=1, unit="lần/năm", wording="", wording_in_content=True)
    return objective_set
