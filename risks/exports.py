"""The register as files: XLSX (openpyxl) and the PDF "Bảng nhận diện, đánh giá, giải quyết rủi
ro và cơ hội" in the NĐ30 style. Both print exactly the entries the page shows with the same
filters, always in Vietnamese."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from openpyxl import Workbook

from agencies.models import Department
from documents.excel_styles import TITLE_FONT, workbook_bytes, write_header, write_row
from documents.nd30 import COUNTRY, MOTTO, header_of
from documents.render import render_template
from risks.models import (
    IMPACT_LABELS,
    LIKELIHOOD_LABELS,
    OPPORTUNITY_IMPACT_LABELS,
    Band,
    Kind,
    RiskStatus,
    band_table,
)
from risks.selectors import AGENCY_LEVEL, register_entries

REGISTER_TITLE = N_("Bảng nhận diện, đánh giá, giải quyết rủi ro và cơ hội")


def filters_text(filters: dict) -> str:
    """The filters a file was made with, said in words ("Lọc: loại Cơ hội; trạng thái Đang xử
    lý."), so that a printed register never passes for the whole one."""
    parts = []
    if filters.get("kind") in Kind.values:
        parts.append(_("loại %(value)s") % {"value": Kind(filters["kind"]).label})
    if filters.get("band") in Band.values:
        parts.append(_("mức độ %(value)s") % {"value": Band(filters["band"]).label})
    if filters.get("status") in RiskStatus.values:
        parts.append(_("trạng thái %(value)s") % {"value": RiskStatus(filters["status"]).label})
    if not parts:
        return _("Tất cả các mục (không lọc).")
    return _("Chỉ gồm các mục lọc theo: %(filters)s.") % {"filters": "; ".join(parts)}


REGISTER_CSS = settings.BASE_DIR / "templates" / "risks" / "register_pdf.css"


def register_context(*, agency, year: int, filters: dict) -> dict:
    """What both files print: the scope, the entries and the scales."""
    department = None
    scope = _("Tất cả phòng, đơn vị")
    if filters.get("department") == AGENCY_LEVEL:
        scope = agency.name
    elif filters.get("department"):
        department = Department.objects.filter(agency=agency, pk=filters["department"]).first()
        scope = department.name if department else scope
    return {
        "agency": agency,
        "department": department,
        "year": year,
        "scope": scope,
        "title": _(REGISTER_TITLE),
        "risks": list(register_entries(agency=agency, year=year, filters=filters)),
        "bands": band_table(),
        "likelihood_labels": LIKELIHOOD_LABELS.items(),
        "impact_labels": IMPACT_LABELS.items(),
        "opportunity_impact_labels": OPPORTUNITY_IMPACT_LABELS.items(),
        "filters_text": filters_text(filters),
        "today": timezone.localdate(),
    }


def _columns():
    return [
        (_("TT"), 5),
        (_("Loại"), 10),
        (_("Mô tả rủi ro, cơ hội"), 40),
        (_("Nguyên nhân"), 30),
        (_("Phòng, đơn vị"), 22),
        (_("Khả năng (1–5)"), 10),
        (_("Ảnh hưởng (1–5)"), 10),
        (_("Mức độ (K × A)"), 10),
        (_("Xếp mức"), 12),
        (_("Biện pháp xử lý"), 40),
        (_("Đơn vị thực hiện"), 22),
        (_("Người thực hiện"), 20),
        (_("Thời hạn"), 12),
        (_("Trạng thái"), 14),
        (_("Kết quả xử lý"), 30),
        (_("Mục tiêu liên quan"), 40),
    ]


def _row(number: int, risk) -> list:
    person = risk.owner_person
    return [
        number,
        risk.get_kind_display(),
        risk.description,
        risk.cause,
        risk.department.name if risk.department else _("Cả cơ quan"),
        risk.likelihood,
        risk.impact,
        risk.level,
        risk.band.label,
        risk.treatment,
        risk.owner_department.name if risk.owner_department else "",
        (person.get_full_name() or person.username) if person else "",
        risk.due_date,
        risk.get_status_display(),
        risk.outcome,
        "\n".join(o.content for o in risk.objectives.all()),
    ]


def register_xlsx(context: dict) -> bytes:
    with translation.override("vi"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Rủi ro và cơ hội")
        sheet["A1"] = context["title"].upper()
        sheet["A1"].font = TITLE_FONT
        year = _("Năm %(year)s") % {"year": context["year"]}
        sheet["A2"] = f"{context['agency'].name} – {context['scope']} – {year}"
        sheet["A3"] = band_legend()
        sheet["A4"] = context["filters_text"]
        header_row = 6
        write_header(sheet, header_row, _columns())
        for number, risk in enumerate(context["risks"], start=1):
            write_row(sheet, header_row + number, _row(number, risk))
            sheet.cell(row=header_row + number, column=13).number_format = "DD/MM/YYYY"
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        sheet.auto_filter.ref = f"A{header_row}:P{header_row + max(len(context['risks']), 1)}"
        return workbook_bytes(workbook)


def band_legend() -> str:
    parts = [f"{str(row['label']).lower()} {row['low']}–{row['high']}" for row in band_table()]
    return _("Mức độ = Khả năng × Ảnh hưởng: %(bands)s.") % {"bands": "; ".join(parts)}


@dataclass
class _RegisterOwner:
    """What documents.nd30.header_of reads of a document, for a register (which
    is no IssuableDocument): a department's register names the agency above the department."""

    agency: object
    department: object | None
    issued_on: date
    header_governing_body: str = ""
    header_agency_name: str = ""  # empty: never issued, the agency's current names apply

    @property
    def department_id(self):
        return self.department.pk if self.department else None

    @property
    def place_name(self) -> str:
        return self.agency.place_name


def register_pdf(context: dict) -> bytes:
    """The register on the shared NĐ30 base (header, fonts, margins), A4 landscape."""
    agency, department = context["agency"], context["department"]
    owner = _RegisterOwner(agency=agency, department=department, issued_on=context["today"])
    with translation.override("vi"):
        approver = _("Trưởng phòng") if department else agency.head_title or _("Thủ trưởng cơ quan")
        document = {
            **context,
            "doc_title": f"{context['title']} – {context['scope']} – {context['year']}",
            "author": agency.printed_name,
            "country": COUNTRY,
            "motto": MOTTO,
            "draft": False,
            "landscape": True,
            "header": header_of(owner, number="", with_date=True, landscape=True),
            "title_upper": context["title"].upper(),
            "band_legend": band_legend(),
            "approver_title": approver,
        }
        return render_template("risks/register_pdf.html", document, REGISTER_CSS.read_text())
