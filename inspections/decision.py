"""The decision per inspection (TT 26/2014/TT-BKHCN arts. 33–40) as an NĐ30 PDF of the oversight
body's agency: "QUYẾT ĐỊNH / Về việc kiểm tra … tại <cơ quan>", the head's authority, the legal
bases (QĐ 19/2014/QĐ-TTg, TT 26/2014/TT-BKHCN, the issued plan), "QUYẾT ĐỊNH:", Điều 1 (which
agency, on paper or on site, when, where), Điều 2 (the team), Điều 3 (the art. 36 content),
Điều 4 (in force; who carries it out). The facts are frozen on the decision (`facts`) when it is
created or refreshed while a draft. Document text, always Vietnamese."""

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
from inspections.minutes import MODE_PRINTED, team_lines
from inspections.models import InspectionDecision, InspectionMode
from inspections.plans import DEFAULT_CONTENT, DEFAULT_LEGAL_BASES

TEMPLATE = "inspections/decision_pdf.html"
STYLESHEET = settings.BASE_DIR / "templates" / "inspections" / "decision_pdf.css"
DRAFT_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)


def plan_basis(inspection) -> str:
    plan = inspection.plan_entry.plan
    reference = (
        f"Kế hoạch số {plan.number_and_symbol} ngày {plan.issued_on:%d/%m/%Y}"
        if plan.number is not None and plan.issued_on
        else f"Kế hoạch kiểm tra năm {plan.year}"
    )
    return (
        f"Căn cứ {reference} của {inspection.body.name} về kiểm tra việc áp dụng, duy trì và "
        f"cải tiến Hệ thống quản lý chất lượng năm {plan.year};"
    )


def decision_legal_bases(inspection) -> str:
    return f"{DEFAULT_LEGAL_BASES}\n{plan_basis(inspection)}"


def decision_recipients(inspection) -> str:
    return "\n".join(
        [
            inspection.agency.name,
            "Thành viên Đoàn kiểm tra",
            f"Lưu: VT, {inspection.body.inspecting_unit or inspection.body.name}.",
        ]
    )


def facts_of(inspection) -> dict:
    """The inspection as the decision prints it."""
    return {
        "agency": inspection.agency_id,
        "agency_name": inspection.agency.name,
        "mode": inspection.mode,
        "inspected_on": inspection.inspected_on.isoformat(),
        "venue": inspection.venue,
        "team": team_lines(inspection),
        "content": lines(DEFAULT_CONTENT),
        "unit": inspection.body.inspecting_unit or inspection.body.name,
    }


def decision_body(decision: InspectionDecision) -> dict:
    return {
        "legal_bases": decision.legal_bases,
        "facts": decision.facts,
        "recipients": decision.recipients,
    }


def _dashed(items, last=".") -> list[str]:
    out = [f"- {item.rstrip(';.')};" for item in items]
    if out:
        out[-1] = out[-1].rstrip(";") + last
    return out


def articles(decision: InspectionDecision) -> list[tuple[str, list[str]]]:
    facts = decision.facts
    day = facts["inspected_on"]
    day_printed = f"{day[8:10]}/{day[5:7]}/{day[0:4]}"
    article_1 = [
        "Kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo Tiêu "
        f"chuẩn quốc gia TCVN ISO 9001:2015 tại {facts['agency_name']}.",
        f"- Hình thức kiểm tra: {MODE_PRINTED[facts['mode']]}.",
        f"- Thời gian kiểm tra: ngày {day_printed}.",
    ]
    if facts["mode"] == InspectionMode.ON_SITE and facts.get("venue"):
        article_1.append(f"- Địa điểm: {facts['venue']}.")
    article_2 = [
        f"Thành lập Đoàn kiểm tra của {facts['unit']} gồm các ông (bà) có tên sau:",
        *_dashed(facts["team"]),
        "Đoàn kiểm tra có trách nhiệm kiểm tra theo nội dung tại Điều 3 Quyết định này, lập "
        "biên bản kiểm tra có chữ ký của hai bên và báo cáo kết quả kiểm tra.",
    ]
    article_3 = ["Nội dung kiểm tra:", *_dashed(facts["content"])]
    article_4 = [
        "Quyết định này có hiệu lực kể từ ngày ký.",
        with_end_mark(
            f"{facts['unit']}, Trưởng đoàn, các thành viên Đoàn kiểm tra, thủ trưởng "
            f"{facts['agency_name']} và các tổ chức, cá nhân có liên quan chịu trách nhiệm "
            "thi hành Quyết định này."
        ),
    ]
    return [
        ("Điều 1.", article_1),
        ("Điều 2.", article_2),
        ("Điều 3.", article_3),
        ("Điều 4.", article_4),
    ]


def decision_context(decision: InspectionDecision, *, final: bool) -> dict:
    _governing, owner = owner_names(decision)
    draft = not final or decision.status in DRAFT_STATUSES
    code = decision.verification_code
    return {
        "doc_title": "QUYẾT ĐỊNH",
        "author": owner,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "landscape": False,
        "header": header_of(
            decision, number=number_line(decision, required=True), with_date=True, landscape=False
        ),
        "subject": decision.subject,
        "authority": f"{decision.agency.head_title} {owner}".upper(),
        "legal_bases": [
            *lines(decision.legal_bases),
            f"Theo đề nghị của {decision.facts.get('unit', '')},",
        ],
        "articles": articles(decision),
        "signature": signature_of(
            decision, with_images=signature_images_default(decision, final) and not draft
        ),
        "recipients": recipients_of(decision),
        "signing_date": "",
        "verification": verification_mark(code) if final and code else None,
    }


def render_decision(decision: InspectionDecision, *, final: bool) -> bytes:
    with translation.override("vi"):
        context = decision_context(decision, final=final)
    return render_template(TEMPLATE, context, extra_css=STYLESHEET.read_text())
