"""The one description of the objectives sheet that export, template and import share: which
column holds which field, under which Vietnamese header, and how a cell is written and read.

Sheet layout (export and template alike):
    rows 1–18  set fields: label in column A, value in column C (SET_FIELDS), read back —
               with the form, orientation, decision parts, recipients and signing block,
               so that export → import gives the same document;
    row 20     column headers (COLUMNS), frozen (older files with them on row 8 still read);
    row 21 …   one row per section ("Mục" filled, nothing else), per objective (TT and
               "Nội dung mục tiêu" filled, with its first target), and per further target of
               the objective above (TT and content left empty).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_

from objectives.models import Comparison, Frequency

SHEET_TITLE = N_("Mục tiêu")
LIST_SEPARATOR = "; "
YES = "x"

# The set's own fields, above the table: (label in column A, model field; value in column C).
SET_VALUE_COLUMN = 3
# "Năm" is the year of the exported set: importing into another year turns "năm 2024" in the
# title into the new year, as copying a set does.
# The signing block (signing_lines, one line each, and signer_name) is what a draft prints until
# approval fixes the approver's own.
SET_FIELDS = (
    (N_("Năm"), "year"),
    (N_("Tiêu đề"), "title"),
    (N_("Hình thức văn bản"), "form"),
    (N_("Hướng trang"), "orientation"),
    (N_("Phụ lục dạng bảng"), "annex_as_table"),
    (N_("Tiêu chuẩn áp dụng"), "iso_standard"),
    (N_("Lời mở đầu"), "preamble"),
    (N_("Dẫn nhập biện pháp chung"), "set_measures_intro"),
    (N_("Biện pháp chung"), "set_measures"),
    (N_("Đoạn kết"), "closing_text"),
    (N_("Trích yếu quyết định"), "decision_subject"),
    (N_("Thẩm quyền ban hành"), "issuing_authority"),
    (N_("Căn cứ ban hành"), "legal_bases"),
    (N_("Các điều"), "articles"),
    (N_("Dòng dẫn phụ lục"), "annex_reference"),
    (N_("Nơi nhận"), "recipients"),
    (N_("Thẩm quyền ký"), "signing_lines"),
    (N_("Người ký"), "signer_name"),
)
# Set fields written as a choice's label (import also takes the code) or as a flag ("x").
SET_CHOICE_FIELDS = ("form", "orientation")
SET_FLAG_FIELDS = ("annex_as_table",)
HEADER_ROW = len(SET_FIELDS) + 2  # the set fields, a blank row, the column headers
FIRST_DATA_ROW = HEADER_ROW + 1

# How comparisons are written in a cell; import also accepts the code and the long label.
COMPARISON_WORDS = {
    Comparison.AT_LEAST: "≥",
    Comparison.AT_MOST: "≤",
    Comparison.EXACTLY: "=",
    Comparison.GREATER_THAN: "Trên",
    Comparison.LESS_THAN: "Dưới",
    Comparison.INCREASE_BY: "Tăng",
    Comparison.DECREASE_BY: "Giảm",
    Comparison.NOT_SCORED: "Định tính",
}
EXTRA_COMPARISON_WORDS = {
    ">=": Comparison.AT_LEAST,
    "<=": Comparison.AT_MOST,
    ">": Comparison.GREATER_THAN,
    "<": Comparison.LESS_THAN,
}

# Suggested units (the list is a hint: other units are accepted).
UNIT_SUGGESTIONS = ("%", "hồ sơ", "lần", "lần/năm", "ngày", "văn bản", "người", "điểm")


def frequency_words() -> dict[str, str]:
    """Frequency code -> the Vietnamese word written in a cell ("Hằng quý")."""
    return {f.value: str(f.label) for f in Frequency}


@dataclass(frozen=True)
class Column:
    key: str  # model field (or a pseudo field for section rows)
    header: str  # Vietnamese source, marked with gettext_noop; files are always Vietnamese
    width: int
    level: str  # "row" (TT, Mục), "objective" or "target"
    kind: str = "text"  # text, number, date, flag, comparison, frequencies, unit, units


COLUMNS = (
    Column("number", N_("TT"), 6, "row", "number"),
    Column("section", N_("Mục"), 18, "row"),
    Column("content", N_("Nội dung mục tiêu"), 48, "objective"),
    Column("indicator", N_("Chỉ số"), 28, "target"),
    Column("comparison", N_("So sánh"), 11, "target", "comparison"),
    Column("value", N_("Giá trị"), 10, "target", "number"),
    Column("unit", N_("Đơn vị"), 10, "target"),
    Column("baseline", N_("Mốc so sánh"), 10, "target", "number"),
    Column("is_cumulative", N_("Cộng dồn"), 9, "target", "flag"),
    Column("wording", N_("Cách ghi"), 20, "target"),
    Column("wording_in_content", N_("Cách ghi có trong nội dung"), 11, "target", "flag"),
    Column("measures", N_("Biện pháp"), 40, "objective"),
    Column("resources", N_("Nguồn lực"), 24, "objective"),
    Column("lead_unit", N_("Đơn vị chủ trì"), 22, "objective", "unit"),
    Column("supporting_units", N_("Đơn vị phối hợp"), 22, "objective", "units"),
    Column("responsible_person", N_("Người chịu trách nhiệm"), 20, "objective"),
    Column("timeframe", N_("Thời gian"), 18, "objective"),
    Column("deadline", N_("Hạn hoàn thành"), 13, "objective", "date"),
    Column("reporting_frequencies", N_("Kỳ báo cáo"), 16, "objective", "frequencies"),
    Column("reporting_wording", N_("Kỳ báo cáo (in)"), 20, "objective"),
    Column("evaluation_method", N_("Cách đánh giá"), 30, "objective"),
    Column("printed_targets", N_("Ô chỉ tiêu (in thay)"), 20, "objective"),
    Column("printed_measures", N_("Ô biện pháp và trách nhiệm (in thay)"), 24, "objective"),
    Column("printed_time", N_("Ô thời gian (in thay)"), 18, "objective"),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
OBJECTIVE_KEYS = tuple(c.key for c in COLUMNS if c.level == "objective")
TARGET_KEYS = tuple(c.key for c in COLUMNS if c.level == "target")

# What each column means, for the instructions sheet of the template.
COLUMN_HELP = {
    "number": _("Số thứ tự mục tiêu (1, 2, 3…). Để trống ở dòng mục và dòng chỉ tiêu thêm."),
    "section": _("Chỉ ghi ở dòng mục, ví dụ “I. Đối với cơ quan:”; các ô khác của dòng để trống."),
    "content": _("Bắt buộc ở mỗi dòng mục tiêu."),
    "indicator": _("Đại lượng được đo, ví dụ “Tỷ lệ hồ sơ giải quyết đúng hạn”."),
    "comparison": _("Chọn trong danh sách: ≥, ≤, =, Trên, Dưới, Tăng, Giảm, Định tính."),
    "value": _("Một số (không ghi chữ); với đơn vị % thì từ 0 đến 100."),
    "unit": _("Ví dụ %, hồ sơ, lần/năm; chọn trong danh sách hoặc gõ đơn vị khác."),
    "baseline": _("Chỉ dùng khi so sánh Tăng hoặc Giảm."),
    "is_cumulative": _("Ghi x nếu cộng các kỳ trong năm để so với chỉ tiêu."),
    "wording": _("Chỉ tiêu in trên văn bản, ví dụ “100%”, “bằng không”."),
    "wording_in_content": _("Ghi x nếu nội dung mục tiêu đã có cách ghi chỉ tiêu."),
    "lead_unit": _("Tên hoặc chữ viết tắt của một phòng, đơn vị của cơ quan."),
    "supporting_units": _("Các phòng, đơn vị, cách nhau bằng dấu chấm phẩy."),
    "deadline": _("Ngày dạng ngày/tháng/năm."),
    "reporting_frequencies": _(
        "Hằng tháng, Hằng quý, 6 tháng, Hằng năm; nhiều kỳ cách nhau bằng dấu chấm phẩy."
    ),
    "reporting_wording": _("Kỳ báo cáo in trên văn bản, ví dụ “Báo cáo quý hoặc 6 tháng/lần”."),
}
