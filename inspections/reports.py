"""The inspecting unit's November summary of its inspections (to the Sở and the People's
Committee) and the province's December report to the Ministry, assembled from the data: the
agencies in scope that year, their conformity announcement on file, who was inspected on paper
or on site, the findings per art. 36 item, the corrective actions closed and open, the
objectives published on time (against the body's own deadline, when it set one) and the share
of targets met (the oversight table's yearly summaries, oversight.selectors).

The official form (QĐ 19/2014/QĐ-TTg Phụ lục II) is not in our references: every figure carries
its own name (FIELDS), in the PDF and the XLSX alike, so the layout can be aligned with the form
later without touching the data.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone, translation
from openpyxl import Workbook

from agencies.signing import head_signing_block
from corrective.models import CorrectiveAction
from corrective.models import Status as CorrectiveStatus
from documents.excel_styles import BODY_FONT, TITLE_FONT, workbook_bytes, write_header, write_row
from documents.nd30 import BLANK, COUNTRY, MOTTO, Header, Signature, date_line, with_end_mark
from documents.render import render_template
from inspections.checklist import ITEMS, RESULT_PRINTED, Result
from inspections.models import Finding, Inspection, InspectionMode
from oversight.models import Deadline, DeadlineKind
from oversight.selectors import Filters, table

NOVEMBER, DECEMBER = "november", "december"
KINDS = (NOVEMBER, DECEMBER)
TEMPLATE = "inspections/report_pdf.html"
STYLESHEET = settings.BASE_DIR / "templates" / "inspections" / "report_pdf.css"
SIGNED_STATUSES = ("published", "superseded")

# The named figures of section I, in order: (key, printed name).
FIELDS = (
    ("in_scope", "Số cơ quan thuộc phạm vi quản lý trong năm"),
    ("announced", "Số cơ quan đã công bố Hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015"),
    ("inspected", "Số cơ quan đã được kiểm tra"),
    ("on_paper", "Trong đó: kiểm tra qua hồ sơ, báo cáo"),
    ("on_site", "Trong đó: kiểm tra trực tiếp tại cơ quan"),
    ("on_site_share", "Tỷ lệ cơ quan được kiểm tra trực tiếp trên số cơ quan thuộc phạm vi (%)"),
    ("minutes_signed", "Số biên bản kiểm tra đã được hai bên ký"),
    ("nonconformities", "Số điểm không phù hợp"),
    ("observations", "Số khuyến nghị"),
    ("actions_closed", "Số hành động khắc phục đã hoàn thành"),
    ("actions_open", "Số hành động khắc phục chưa hoàn thành"),
    ("published_on_time", "Số cơ quan công bố mục tiêu chất lượng đúng hạn"),
    ("targets_met", "Tỷ lệ chỉ tiêu chất lượng đạt, bình quân các cơ quan (%)"),
)
COLUMNS = (
    "TT",
    "Cơ quan",
    "Công bố phù hợp (ngày)",
    "Hình thức kiểm tra",
    "Ngày kiểm tra",
    "Số điểm không phù hợp",
    "Số khuyến nghị",
    "Khắc phục đã xong / chưa xong",
    "Công bố mục tiêu (ngày)",
    "Đúng hạn",
    "Tỷ lệ chỉ tiêu đạt (%)",
)
MODE_SHORT = {InspectionMode.PAPER: "Qua hồ sơ", InspectionMode.ON_SITE: "Trực tiếp"}


@dataclass
class AgencyRow:
    name: str
    announced_on: datetime.date | None
    mode: str = ""
    inspected_on: datetime.date | None = None
    nonconformities: int = 0
    observations: int = 0
    actions_closed: int = 0
    actions_open: int = 0
    published_on: datetime.date | None = None
    on_time: bool | None = None  # None: the body set no deadline
    targets_met: float | None = None

    def cells(self, number: int) -> list:
        return [
            number,
            self.name,
            _day(self.announced_on) or "Chưa công bố",
            MODE_SHORT.get(self.mode, "Chưa kiểm tra"),
            _day(self.inspected_on),
            self.nonconformities if self.mode else "",
            self.observations if self.mode else "",
            f"{self.actions_closed}/{self.actions_open}" if self.mode else "",
            _day(self.published_on) or "Chưa công bố",
            {True: "Đúng hạn", False: "Chậm", None: "Không đặt hạn"}[self.on_time],
            _percent(self.targets_met),
        ]


@dataclass
class InspectionReport:
    kind: str
    body: object
    year: int
    as_of: datetime.date
    rows: list[AgencyRow] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    by_item: list[dict] = field(default_factory=list)
    deadline: datetime.date | None = None
    # Frozen with a report's snapshot (inspections.report_documents): printed as they were.
    frozen_subject: str = ""
    frozen_addressees: list[str] = field(default_factory=list)
    frozen_unit: str = ""
    frozen_body_name: str = ""

    @property
    def body_name(self) -> str:
        return self.frozen_body_name or self.body.name

    @property
    def subject(self) -> str:
        if self.frozen_subject:
            return self.frozen_subject
        if self.kind == NOVEMBER:
            return (
                "Kết quả kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng "
                f"theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 năm {self.year}"
            )
        return (
            "Tình hình áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo Tiêu chuẩn "
            "quốc gia TCVN ISO 9001:2015 tại các cơ quan hành chính nhà nước trên địa bàn "
            f"{self.body.region_name} năm {self.year}"
        )

    @property
    def addressees(self) -> list[str]:
        if self.frozen_addressees:
            return list(self.frozen_addressees)
        if self.kind == NOVEMBER:
            return [self.body.name, f"Ủy ban nhân dân {self.body.region_name}"]
        return ["Bộ Khoa học và Công nghệ"]


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _percent(value) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def _findings(inspection_ids) -> tuple[dict, list[dict]]:
    """Counts per agency ({agency_id: {result: n}}) and per item (the table of section II)."""
    rows = (
        Finding.objects.filter(inspection_id__in=inspection_ids)
        .exclude(result="")
        .values("inspection__agency_id", "item", "result")
        .annotate(n=Count("id"))
    )
    per_agency: dict[int, dict] = {}
    per_item: dict[str, dict] = {item.code: {} for item in ITEMS}
    for row in rows:
        agency = per_agency.setdefault(row["inspection__agency_id"], {})
        agency[row["result"]] = agency.get(row["result"], 0) + row["n"]
        per_item[row["item"]][row["result"]] = row["n"]
    by_item = [
        {
            "number": number,
            "item": item.printed,
            **{result: per_item[item.code].get(result, 0) for result in Result.values},
        }
        for number, item in enumerate(ITEMS, start=1)
    ]
    return per_agency, by_item


def _actions(inspection_ids) -> dict[int, dict]:
    """Corrective actions opened by the inspections' findings: closed and open per agency."""
    finding_ids = Finding.objects.filter(inspection_id__in=inspection_ids).values("pk")
    rows = (
        CorrectiveAction.objects.filter(
            source_type=ContentType.objects.get_for_model(Finding), source_id__in=finding_ids
        )
        .values("agency_id", "status")
        .annotate(n=Count("id"))
    )
    found: dict[int, dict] = {}
    for row in rows:
        counts = found.setdefault(row["agency_id"], {"closed": 0, "open": 0})
        counts["closed" if row["status"] == CorrectiveStatus.CLOSED else "open"] += row["n"]
    return found


def report_of(*, body, year: int, kind: str, today=None) -> InspectionReport:
    today = today or timezone.localdate()
    overview = table(body=body, year=year, filters=Filters(), today=today)
    inspections = {
        i.agency_id: i
        for i in Inspection.objects.filter(body=body, year=year).select_related("minutes")
    }
    ids = [i.pk for i in inspections.values()]
    per_agency, by_item = _findings(ids)
    actions = _actions(ids)
    deadline = (
        Deadline.objects.filter(body=body, year=year, kind=DeadlineKind.OBJECTIVES_PUBLISHED)
        .exclude(due_on=None)
        .values_list("due_on", flat=True)
        .first()
    )
    report = InspectionReport(kind=kind, body=body, year=year, as_of=today, by_item=by_item)
    report.deadline = deadline
    for table_row in overview["rows"]:
        summary, agency = table_row.summary, table_row.agency
        inspection = inspections.get(agency.pk)
        counts, done = per_agency.get(agency.pk, {}), actions.get(agency.pk, {})
        on_time = None
        if deadline is not None:
            on_time = summary.published_on is not None and summary.published_on <= deadline
        share = summary.targets_met_share
        report.rows.append(
            AgencyRow(
                name=agency.name,
                announced_on=summary.conformity_announced_on,
                mode=inspection.mode if inspection else "",
                inspected_on=inspection.inspected_on if inspection else None,
                nonconformities=counts.get(Result.NONCONFORMITY, 0),
                observations=counts.get(Result.OBSERVATION, 0),
                actions_closed=done.get("closed", 0),
                actions_open=done.get("open", 0),
                published_on=summary.published_on,
                on_time=on_time,
                targets_met=float(share) if share is not None else None,
            )
        )
    report.figures = _figures(report, inspections)
    return report


def _figures(report: InspectionReport, inspections: dict) -> dict:
    rows = report.rows
    in_scope = len(rows)
    on_site = sum(1 for r in rows if r.mode == InspectionMode.ON_SITE)
    shares = [r.targets_met for r in rows if r.targets_met is not None]
    signed = sum(
        1
        for i in inspections.values()
        if getattr(i, "minutes", None) is not None and i.minutes.status in SIGNED_STATUSES
    )
    return {
        "in_scope": in_scope,
        "announced": sum(1 for r in rows if r.announced_on),
        "inspected": sum(1 for r in rows if r.mode),
        "on_paper": sum(1 for r in rows if r.mode == InspectionMode.PAPER),
        "on_site": on_site,
        "on_site_share": _percent(on_site * 100 / in_scope) if in_scope else "",
        "minutes_signed": signed,
        "nonconformities": sum(r.nonconformities for r in rows),
        "observations": sum(r.observations for r in rows),
        "actions_closed": sum(r.actions_closed for r in rows),
        "actions_open": sum(r.actions_open for r in rows),
        "published_on_time": (
            sum(1 for r in rows if r.on_time)
            if report.deadline
            else "Đơn vị quản lý chưa đặt hạn công bố mục tiêu"
        ),
        "targets_met": _percent(sum(shares) / len(shares)) if shares else "",
    }


def named_figures(report: InspectionReport) -> list[tuple[str, object]]:
    return [(name, report.figures.get(key, "")) for key, name in FIELDS]


@dataclass
class Issued:
    """What a report document prints once it goes through the workflow (its header names, its
    number and date, its signing block, whether it is still a draft, the verification mark)."""

    governing: str
    name: str
    number_line: str
    place: str
    day: datetime.date | None
    signature: Signature
    draft: bool
    verification: object = None
    recipients: list[str] = field(default_factory=list)


def unit_of(body) -> str:
    return body.inspecting_unit or body.agency.printed_name


def _header(report: InspectionReport, issued: Issued | None = None) -> Header:
    agency = report.body.agency
    governing, name = agency.governing_body, agency.printed_name
    if issued is not None:
        governing, name = issued.governing, issued.name
    if report.kind == NOVEMBER:
        governing, name = name, report.frozen_unit or unit_of(report.body)
    symbol = f"BC-{agency.symbol}" if agency.symbol else "BC"
    return Header(
        governing_body=[governing.upper()] if governing else [],
        agency_name=[name.upper()],
        number_line=issued.number_line if issued else f"Số:{BLANK}/{symbol}",
        date_line=(
            date_line(issued.place, issued.day)
            if issued
            else date_line(agency.place_name, report.as_of)
        ),
        names_size=12,
    )


def _head_signature(agency) -> Signature:
    lines, name = head_signing_block(agency)
    return (
        Signature(lines=[line.upper() for line in lines], name=name)
        if lines
        else Signature(lines=["THỦ TRƯỞNG CƠ QUAN"], name="", note="(Ký tên, đóng dấu)")
    )


def report_pdf(report: InspectionReport, issued: Issued | None = None) -> bytes:
    """The report as a PDF: a draft of the figures as they are now (watermarked), or with
    `issued` the report document's own header, number, signing block and mark."""
    signature = issued.signature if issued else _head_signature(report.body.agency)
    context = {
        "doc_title": report.subject,
        "author": report.body_name,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": issued.draft if issued else True,
        "draft_mark": "DỰ THẢO",
        "landscape": True,
        "header": _header(report, issued),
        "document_type": "BÁO CÁO",
        "subject": report.subject,
        "addressees": report.addressees,
        "figures": named_figures(report),
        "by_item": report.by_item,
        "columns": COLUMNS,
        "rows": [row.cells(number) for number, row in enumerate(report.rows, start=1)],
        "closing": with_end_mark(f"Số liệu tổng hợp từ hệ thống đến ngày {report.as_of:%d/%m/%Y}."),
        "signature": signature,
        "recipients": (issued.recipients if issued else None) or [*report.addressees, "Lưu: VT."],
        "signing_date": "",
        "verification": issued.verification if issued else None,
    }
    with translation.override("vi"):
        return render_template(TEMPLATE, context, extra_css=STYLESHEET.read_text())


def report_xlsx(report: InspectionReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tong hop"
    sheet["A1"] = report.subject
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = (
        f"{report.body_name} · số liệu đến ngày {report.as_of:%d/%m/%Y} · mẫu Phụ lục II "
        "QĐ 19/2014/QĐ-TTg chưa có trong tài liệu tham chiếu: các chỉ tiêu được đặt tên rõ để "
        "đối chiếu với mẫu sau."
    )
    sheet["A2"].font = BODY_FONT
    write_header(sheet, 4, (("Chỉ tiêu", 80), ("Giá trị", 24)))
    for offset, (name, value) in enumerate(named_figures(report), start=5):
        write_row(sheet, offset, (name, value))

    items = workbook.create_sheet("Theo noi dung")
    results = [(RESULT_PRINTED[r], 16) for r in Result]
    write_header(items, 1, (("TT", 6), ("Nội dung kiểm tra", 70), *results))
    for offset, row in enumerate(report.by_item, start=2):
        write_row(items, offset, (row["number"], row["item"], *(row[r] for r in Result.values)))

    agencies = workbook.create_sheet("Theo co quan")
    widths = (6, 45, 14, 14, 14, 12, 12, 14, 14, 14, 12)
    write_header(agencies, 1, tuple(zip(COLUMNS, widths, strict=True)))
    for offset, row in enumerate(report.rows, start=2):
        write_row(agencies, offset, row.cells(offset - 1))
    return workbook_bytes(workbook)
