"""The annual inspection plan as an NĐ30 document of the oversight body (Mẫu 1.4, a document with
a type name): "KẾ HOẠCH / Kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất
lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 năm …", the legal bases, I. purpose,
II. content, III. the agencies with the mode and month of each (a table and its totals),
IV. organisation; the signing block of the body's head and "Nơi nhận". Document text, always
Vietnamese."""

from django.conf import settings
from django.utils import translation

from documents.models import Status
from documents.nd30 import (
    COUNTRY,
    DRAFT_MARK,
    MOTTO,
    header_of,
    lines,
    number_line,
    owner_names,
    recipients_of,
    signature_of,
    with_end_mark,
)
from documents.render import render_template, signature_images_default
from documents.verification import verification_mark
from inspections.models import InspectionMode

TEMPLATE = "inspections/plan_pdf.html"
STYLESHEET = settings.BASE_DIR / "templates" / "inspections" / "plan_pdf.css"
DRAFT_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
MODE_TEXT = {
    InspectionMode.PAPER: "Qua hồ sơ, báo cáo",
    InspectionMode.ON_SITE: "Trực tiếp tại cơ quan",
}


def _dashed(items: list[str]) -> list[str]:
    return [item if item.startswith(("-", "+")) else f"- {item}" for item in items]


def plan_rows(plan) -> list[tuple[int, str, str, str, str]]:
    """(TT, agency, mode, month, note) as the table prints them."""
    return [
        (n, e.agency.name, MODE_TEXT[e.mode], f"Tháng {e.month:02d}", e.note)
        for n, e in enumerate(plan.entries.select_related("agency").order_by("order", "pk"), 1)
    ]


def totals_sentence(rows) -> str:
    total = len(rows)
    on_site = sum(1 for r in rows if r[2] == MODE_TEXT[InspectionMode.ON_SITE])
    return (
        f"Tổng số {total:02d} cơ quan được kiểm tra qua hồ sơ, báo cáo; trong đó {on_site:02d} "
        "cơ quan được kiểm tra trực tiếp tại cơ quan."
    )


def plan_context(plan, *, final: bool) -> dict:
    _governing, owner = owner_names(plan)
    draft = not final or plan.status in DRAFT_STATUSES
    code = plan.verification_code
    rows = plan_rows(plan)
    organisation = _dashed(lines(plan.organisation))
    if organisation:
        organisation[-1] = with_end_mark(organisation[-1])
    return {
        "doc_title": "KẾ HOẠCH",
        "author": owner,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "landscape": False,
        "header": header_of(
            plan, number=number_line(plan, required=True), with_date=True, landscape=False
        ),
        "subject": plan.subject,
        "legal_bases": lines(plan.legal_bases),
        "purpose": _dashed(lines(plan.purpose)),
        "content": _dashed(lines(plan.content)),
        "rows": rows,
        "totals": totals_sentence(rows),
        "organisation": organisation,
        "signature": signature_of(
            plan, with_images=signature_images_default(plan, final) and not draft
        ),
        "recipients": recipients_of(plan),
        "signing_date": "",
        "verification": verification_mark(code) if final and code else None,
    }


def render_plan(plan, *, final: bool) -> bytes:
    with translation.override("vi"):
        context = plan_context(plan, final=final)
    return render_template(TEMPLATE, context, extra_css=STYLESHEET.read_text())
