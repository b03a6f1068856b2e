"""The decision announcing conformity, as a PDF in the form of QĐ 19/2014/QĐ-TTg Phụ lục I on the
NĐ30 frame (documents.nd30): "QUYẾT ĐỊNH / Về việc công bố Hệ thống quản lý chất lượng phù hợp
Tiêu chuẩn quốc gia TCVN ISO 9001:2015", the head's authority, the legal bases, "QUYẾT ĐỊNH:",
Điều 1 (the announcement and its fields of activity), Điều 2 (in force; posting), Điều 3 (who
carries it out), and the list of administrative procedures as its annex, numbered on its own.
The text is document text, always Vietnamese."""

from django.conf import settings
from django.utils import translation

from conformity.models import scope_lines
from documents.models import Status
from documents.nd30 import (
    COUNTRY,
    DRAFT_MARK,
    MOTTO,
    date_line,
    header_of,
    lines,
    number_line,
    owner_names,
    recipients_of,
    signature_of,
    with_end_mark,
)
from documents.render import document_of, signature_images_default
from documents.verification import verification_mark

DECISION = "conformity/decision_pdf.html"
ANNEX = "conformity/annex_pdf.html"
STYLESHEET = settings.BASE_DIR / "templates" / "conformity" / "decision_pdf.css"
DRAFT_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)


def articles(announcement) -> list[tuple[str, list[str]]]:
    """(article number, paragraphs) of the decision; the last paragraph ends with "./."."""
    _governing, owner = owner_names(announcement)
    activities = [f"- {item};" for item in scope_lines(announcement.activities)]
    if activities:
        activities[-1] = activities[-1].rstrip(";") + "."
    procedures = scope_lines(announcement.procedures)
    first = (
        f"Công bố Hệ thống quản lý chất lượng của {owner} phù hợp Tiêu chuẩn quốc gia "
        f"{announcement.standard} đối với các lĩnh vực hoạt động sau:"
    )
    article_1 = [first, *activities]
    if procedures:
        article_1.append(
            f"Phạm vi áp dụng gồm {len(procedures):02d} thủ tục hành chính tại Danh mục kèm "
            "theo Quyết định này."
        )
    posting = "Quyết định này có hiệu lực kể từ ngày ký và được niêm yết tại trụ sở cơ quan"
    if announcement.posted_at_office:
        posting += f" ({announcement.posted_at_office})"
    posting += ", đăng tải trên trang thông tin điện tử của cơ quan"
    if announcement.website_url:
        posting += f" tại địa chỉ {announcement.website_url}"
    posting += "."
    article_2 = [posting]
    if announcement.revises_id and announcement.revises.number is not None:
        old = announcement.revises
        article_2.append(
            f"Quyết định này thay thế Quyết định số {old.number_and_symbol} "
            f"{date_line('', old.issued_on)} của {owner} về việc công bố Hệ thống quản lý "
            "chất lượng phù hợp Tiêu chuẩn quốc gia."
        )
    article_3 = [
        f"Thủ trưởng các phòng, đơn vị, công chức, viên chức thuộc {owner} và các tổ chức, cá "
        "nhân có liên quan chịu trách nhiệm thi hành Quyết định này."
    ]
    article_3[-1] = with_end_mark(article_3[-1])
    return [("Điều 1.", article_1), ("Điều 2.", article_2), ("Điều 3.", article_3)]


def annex_reference(announcement) -> str:
    # Keep the blank left for the number on a draft (non-breaking spaces).
    number = number_line(announcement, required=True).removeprefix("Số:").strip(" ")
    _governing, owner = owner_names(announcement)
    return f"(Kèm theo Quyết định số {number} {date_line('', announcement.issued_on)} của {owner})"


def decision_context(announcement, *, final: bool) -> dict:
    agency = announcement.agency
    _governing, owner = owner_names(announcement)
    draft = not final or announcement.status in DRAFT_STATUSES
    with_images = signature_images_default(announcement, final) and not draft
    code = announcement.verification_code
    bases = lines(announcement.legal_bases)
    if announcement.proposer:
        bases.append(f"Xét đề nghị của {announcement.proposer},")
    return {
        "doc_title": "QUYẾT ĐỊNH",
        "author": owner,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "landscape": False,
        "header": header_of(
            announcement,
            number=number_line(announcement, required=True),
            with_date=True,
            landscape=False,
        ),
        "subject": announcement.subject,
        "authority": f"{agency.head_title} {owner}".upper(),
        "legal_bases": bases,
        "articles": articles(announcement),
        "signature": signature_of(announcement, with_images=with_images),
        "recipients": recipients_of(announcement),
        "signing_date": "",
        "verification": verification_mark(code) if final and code else None,
    }


def annex_context(announcement, context: dict) -> dict:
    procedures = scope_lines(announcement.procedures)
    return {
        **context,
        "doc_title": "DANH MỤC THỦ TỤC HÀNH CHÍNH",
        "header": header_of(announcement, number="", with_date=False, landscape=False),
        "reference_line": annex_reference(announcement),
        "procedures": procedures,
        "standard": announcement.standard,
        "verification": None,
    }


def render_announcement(announcement, *, final: bool) -> bytes:
    """The decision, and when it lists procedures their annex on its own numbered pages.
    `final` drops the watermark once approved and prints the verification mark."""
    with translation.override("vi"):
        context = decision_context(announcement, final=final)
        extra = STYLESHEET.read_text()
        decision = document_of(DECISION, context, extra)
        if not scope_lines(announcement.procedures):
            return decision.write_pdf()
        annex = document_of(ANNEX, annex_context(announcement, context), extra)
        return decision.copy(decision.pages + annex.pages).write_pdf()
