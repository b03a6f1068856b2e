"""The minutes of an inspection as an NĐ30 PDF: the header of the inspecting body's agency,
"BIÊN BẢN" over its subject, who took part on each side, how the agency was checked, the art. 36
checklist with the finding on each item, the conclusion, what the agency must correct within two
months, its opinion, and both sides' signing blocks — the agency's on the left, the team
leader's on the right — with the verification mark once final.

Also the minutes' body (documents.body): what approval hashes and signing checks. Document text,
always Vietnamese.
"""

from django.conf import settings
from django.utils import translation

from agencies.models import OversightMembership
from documents.models import Status
from documents.nd30 import (
    COUNTRY,
    DRAFT_MARK,
    MOTTO,
    Signature,
    header_of,
    lines,
    number_line,
    signature_of,
    with_end_mark,
)
from documents.render import render_template
from documents.verification import verification_mark
from inspections.checklist import BY_CODE, CODES, RESULT_PRINTED, Result
from inspections.models import Finding, InspectionMinutes, InspectionMode

TEMPLATE = "inspections/minutes_pdf.html"
STYLESHEET = settings.BASE_DIR / "templates" / "inspections" / "minutes_pdf.css"
DOCUMENT_TYPE = "BIÊN BẢN"
DRAFT_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
MODE_PRINTED = {
    InspectionMode.PAPER: "Kiểm tra qua hồ sơ, báo cáo của cơ quan",
    InspectionMode.ON_SITE: "Kiểm tra trực tiếp tại cơ quan",
}


def team_lines(inspection) -> list[str]:
    """ "Ông/Bà … – chức vụ, Trưởng đoàn" then the members, one a line."""
    titles = dict(
        OversightMembership.objects.filter(body_id=inspection.body_id).values_list(
            "user_id", "job_title"
        )
    )

    def line(user, role: str) -> str:
        name = user.get_full_name() or user.get_username()
        title = titles.get(user.pk) or ""
        return f"{name}{f' – {title}' if title else ''}, {role}"

    leader = inspection.team_leader
    members = list(inspection.inspectors.order_by("last_name", "first_name", "pk"))
    return [line(leader, "Trưởng đoàn")] + [
        line(user, "thành viên") for user in members if user.pk != leader.pk
    ]


def findings_of(inspection) -> list[dict]:
    found = {f.item: f for f in Finding.objects.filter(inspection_id=inspection.pk)}
    rows = []
    for number, code in enumerate(CODES, start=1):
        finding = found.get(code)
        result = finding.result if finding else ""
        rows.append(
            {
                "number": number,
                "code": code,
                "item": BY_CODE[code].printed,
                "result": result,
                "result_printed": RESULT_PRINTED[result],
                "text": finding.text if finding else "",
            }
        )
    return rows


def minutes_body(minutes: InspectionMinutes) -> dict:
    """The minutes' content as data: the inspection's facts, the findings, the texts and the
    agency's signing block (the team leader's is in every body's "signing")."""
    inspection = minutes.inspection
    return {
        "inspection": {
            "agency": inspection.agency_id,
            "agency_name": inspection.agency.name,
            "mode": inspection.mode,
            "inspected_on": inspection.inspected_on,
            "venue": inspection.venue,
            "team": team_lines(inspection),
            "representatives": lines(inspection.agency_representatives),
        },
        "findings": [[r["code"], r["result"], r["text"]] for r in findings_of(inspection)],
        "conclusion": minutes.conclusion,
        "agency_opinion": minutes.agency_opinion,
        "recipients": minutes.recipients,
        "agency_signing": [minutes.agency_signing_lines, minutes.agency_signer_name],
    }


def _plan_reference(inspection) -> str:
    plan = inspection.plan_entry.plan
    if plan.number is not None and plan.issued_on:
        return f"Kế hoạch số {plan.number_and_symbol} ngày {plan.issued_on:%d/%m/%Y}"
    return f"Kế hoạch kiểm tra năm {plan.year}"


def _opening(minutes, inspection) -> str:
    day = inspection.inspected_on
    where = f", tại {inspection.venue}" if inspection.venue else ""
    unit = inspection.body.inspecting_unit or inspection.body.name
    return (
        f"Thực hiện {_plan_reference(inspection)} của {inspection.body.name}, hôm nay, ngày "
        f"{day:%d/%m/%Y}{where}, Đoàn kiểm tra của {unit} tiến hành kiểm tra việc áp dụng, duy "
        "trì và cải tiến Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO "
        f"9001:2015 tại {inspection.agency.name}."
    )


def _corrective_paragraph(inspection, rows) -> str:
    count = sum(1 for r in rows if r["result"] == Result.NONCONFORMITY)
    if not count:
        return "Không có điểm không phù hợp phải khắc phục."
    return (
        f"{inspection.agency.name} thực hiện hành động khắc phục {count:02d} điểm không phù hợp "
        "nêu trên và gửi báo cáo kết quả khắc phục về đơn vị kiểm tra trong thời hạn 02 tháng "
        "kể từ ngày ký biên bản."
    )


def _agency_signature(minutes) -> Signature:
    signing_lines = [line.upper() for line in minutes.agency_signing_lines or []]
    if not signing_lines and not minutes.agency_signer_name:
        return Signature(lines=["THỦ TRƯỞNG CƠ QUAN"], name="", note="(Ký tên, đóng dấu)")
    return Signature(lines=signing_lines, name=minutes.agency_signer_name)


def minutes_context(minutes: InspectionMinutes, *, final: bool) -> dict:
    inspection = minutes.inspection
    rows = findings_of(inspection)
    draft = not final or minutes.status in DRAFT_STATUSES
    closing = with_end_mark(
        "Biên bản được lập thành 02 bản có giá trị như nhau, đoàn kiểm tra giữ 01 bản, cơ quan "
        "được kiểm tra giữ 01 bản."
    )
    code = minutes.verification_code
    return {
        "doc_title": minutes.display_title,
        "author": inspection.body.name,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "landscape": False,
        "header": header_of(
            minutes, number=number_line(minutes, required=True), with_date=True, landscape=False
        ),
        "document_type": DOCUMENT_TYPE,
        "subject": f"{minutes.subject} tại {inspection.agency.name}",
        "opening": _opening(minutes, inspection),
        "team": team_lines(inspection),
        "representatives": lines(inspection.agency_representatives),
        "mode": MODE_PRINTED[inspection.mode],
        "rows": rows,
        "conclusion": lines(minutes.conclusion),
        "corrective": _corrective_paragraph(inspection, rows),
        "agency_opinion": lines(minutes.agency_opinion) or ["Không có ý kiến khác."],
        "closing": closing,
        "signature": signature_of(minutes, with_images=False),
        "agency_signature": _agency_signature(minutes),
        # Two lines each, so that both blocks line up in their half-width columns.
        "agency_side": ["ĐẠI DIỆN CƠ QUAN", "ĐƯỢC KIỂM TRA"],
        "team_side": ["ĐẠI DIỆN", "ĐOÀN KIỂM TRA"],
        "verification": verification_mark(code) if final and code else None,
    }


def render_minutes(minutes: InspectionMinutes, *, final: bool) -> bytes:
    with translation.override("vi"):
        context = minutes_context(minutes, final=final)
    return render_template(TEMPLATE, context, extra_css=STYLESHEET.read_text())
