"""What the Excel tests share: a set with every field filled, workbooks built from the blank
template, and a snapshot of a set's content for comparing two sets."""

from datetime import date
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from documents.models import Status
from objectives.excel.columns import (
    COLUMNS,
    FIRST_DATA_ROW,
    OBJECTIVE_KEYS,
    SET_FIELDS,
    SET_VALUE_COLUMN,
    TARGET_KEYS,
)
from objectives.excel.template import blank_template_xlsx
from objectives.models import Comparison, Frequency, ObjectiveSet
from tests.factories import ObjectiveFactory, ObjectiveSetFactory, SectionFactory, TargetFactory

SET_TEXT = {
    "title": "Mục tiêu chất lượng năm 2024 của Văn phòng",
    "preamble": "Thông qua việc áp dụng, duy trì, cải tiến thường xuyên Hệ thống quản lý chất "
    "lượng, Văn phòng đảm bảo thực hiện các mục tiêu sau:",
    "set_measures_intro": "Để đạt được các mục tiêu trên, Văn phòng thực hiện:",
    "set_measures": "Phổ biến mục tiêu đến toàn thể công chức.\nRà soát quy trình hằng quý.",
    "closing_text": "Các phòng xây dựng mục tiêu của phòng trước ngày 15/01.",
}


def rich_set(agency, department, other_department, *, year=2024, status=Status.PUBLISHED):
    """Two sections, an objective outside them, several targets, every field of the sheet."""
    objective_set = ObjectiveSetFactory(agency=agency, year=year, **SET_TEXT)
    first = SectionFactory(objective_set=objective_set, title="I. Đối với cơ quan:", order=1)
    second = SectionFactory(objective_set=objective_set, title="II. Đối với các phòng:", order=2)
    ObjectiveFactory(objective_set=objective_set, order=1, content="Không có hồ sơ trễ hạn.")
    main = ObjectiveFactory(
        objective_set=objective_set,
        section=first,
        order=2,
        content="Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt ít nhất 96%.",
        measures="Theo dõi hồ sơ hằng tuần.\nNhắc việc trước hạn 3 ngày.",
        resources="Phần mềm một cửa điện tử",
        lead_unit=department,
        responsible_person="Tổ ISO",
        timeframe="Cả năm",
        deadline=date(year, 12, 31),
        reporting_frequencies=[Frequency.QUARTERLY, Frequency.HALF_YEARLY],
        reporting_wording="Báo cáo quý hoặc 6 tháng/lần",
        evaluation_method="Số liệu của Hệ thống thông tin giải quyết TTHC",
        printed_targets="≥ 96%",
        printed_measures="Theo dõi hằng tuần – Phòng HCTC",
        printed_time="Hằng quý",
    )
    main.supporting_units.set([other_department])
    TargetFactory(objective=main, order=1, indicator="Tỷ lệ đúng hạn", value=Decimal("96.5"))
    TargetFactory(
        objective=main,
        order=2,
        indicator="Số hồ sơ quá hạn",
        comparison=Comparison.EXACTLY,
        value=Decimal(0),
        unit="hồ sơ",
        wording="bằng không",
        wording_in_content=True,
    )
    other = ObjectiveFactory(
        objective_set=objective_set, section=second, order=3, content="Đào tạo ISO nội bộ."
    )
    TargetFactory(
        objective=other,
        indicator="Số lớp",
        comparison=Comparison.INCREASE_BY,
        value=Decimal(2),
        unit="lớp",
        baseline=Decimal(1),
        is_cumulative=True,
        wording="ít nhất 02 lớp/năm",
    )
    TargetFactory(
        objective=other,
        order=2,
        comparison=Comparison.NOT_SCORED,
        value=None,
        unit="",
        wording="Đạt yêu cầu",
    )
    ObjectiveSet.objects.filter(pk=objective_set.pk).update(status=status)
    objective_set.refresh_from_db()
    return objective_set


def snapshot(objective_set) -> dict:
    """The set's content without ids, orders or links: what a round trip must keep."""
    objective_set = ObjectiveSet.objects.get(pk=objective_set.pk)
    sections = list(objective_set.sections.order_by("order", "id"))
    position = {s.pk: i for i, s in enumerate(sections)}
    objectives = sorted(
        objective_set.objectives.all(), key=lambda o: (position.get(o.section_id, -1), o.order)
    )
    return {
        "fields": {name: getattr(objective_set, name) for _label, name in SET_FIELDS[1:]},
        "sections": [s.title for s in sections],
        "objectives": [
            {
                "section": o.section.title if o.section_id else None,
                **{name: getattr(o, name) for name in OBJECTIVE_KEYS if name != "supporting_units"},
                "supporting_units": sorted(d.pk for d in o.supporting_units.all()),
                "targets": [
                    {name: getattr(t, name) for name in TARGET_KEYS}
                    for t in o.targets.order_by("order", "id")
                ],
            }
            for o in objectives
        ],
    }


def row(**values) -> list:
    """One sheet row from column keys: row(content="…", comparison="≥", value=96)."""
    return [values.get(column.key) for column in COLUMNS]


def template_with(agency, rows: list[list], *, set_fields: dict | None = None) -> bytes:
    """The blank template of `agency` with its example replaced by `rows`."""
    workbook = load_workbook(BytesIO(blank_template_xlsx(agency)))
    sheet = workbook["Mục tiêu"]
    sheet.delete_rows(FIRST_DATA_ROW, sheet.max_row)
    for offset, cells in enumerate(rows):
        for index, value in enumerate(cells, start=1):
            sheet.cell(row=FIRST_DATA_ROW + offset, column=index, value=value)
    for index, (_label, name) in enumerate(SET_FIELDS, start=1):
        if set_fields and name in set_fields:  # "year" too: the year of the set exported
            sheet.cell(row=index, column=SET_VALUE_COLUMN, value=set_fields[name])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_rows() -> list[list]:
    return [
        row(section="I. Đối với cơ quan:"),
        row(number=1, content="Giải quyết hồ sơ đúng hạn.", comparison="≥", value=96, unit="%"),
        row(comparison="=", value=0, unit="hồ sơ", wording="bằng không"),
    ]
