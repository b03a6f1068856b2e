"""The evaluation report as a PDF in the NĐ30 style (Mẫu 1.4, a document with a type name:
"BÁO CÁO" over its subject), through the same base templates, stylesheet, fonts, header,
signing block, verification mark and draft watermark as the objective sets.

documents.render.render_document dispatches here for EvaluationReport, so the
generic workflow issues it like any other document. The text is document text, always
Vietnamese.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone, translation

from corrective.models import Status as CorrectiveStatus
from documents.models import Status
from documents.nd30 import (
    COUNTRY,
    DRAFT_MARK,
    MOTTO,
    header_of,
    lines,
    number_line,
    signature_of,
    with_end_mark,
)
from documents.render import render_template, signature_images_default
from documents.verification import verification_mark
from evaluation.selectors import SUMMARY_ORDER, Evaluation, report_evaluation
from monitoring.numbers import number
from monitoring.scoring import Outcome
from monitoring.templatetags.monitoring_tags import fraction, measure

TEMPLATE = "evaluation/report_pdf.html"
STYLESHEET = settings.BASE_DIR / "templates" / "evaluation" / "report_pdf.css"
DOCUMENT_TYPE = "BÁO CÁO"
ROMAN = ("I", "II", "III", "IV", "V", "VI")
DRAFT_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)


def result_lines(target) -> list[str]:
    """The "Kết quả năm" cell of one target: value, fraction, roll-up or written assessment."""
    if target.value is None:
        return [target.assessment] if target.assessment else ["–"]
    text = measure(target.value, target)
    ratio = fraction(target)
    if ratio:
        text = f"{text} ({ratio})"
    if target.rolled_from:
        text = f"{text}, tổng hợp từ {target.rolled_from} phòng"
    return [text]


def summary_sentence(evaluation: Evaluation, owner: str) -> str:
    """ "Năm 2024, <owner> có 08 mục tiêu chất lượng: 06 mục tiêu đạt, 01 mục tiêu không đạt,
    01 mục tiêu chưa có số liệu; tỷ lệ mục tiêu đạt 75%." """
    if not evaluation.total:
        return f"Năm {evaluation.year}, {owner} không có mục tiêu chất lượng nào để đánh giá."
    counts = evaluation.counts
    parts = [
        f"{counts[o]:02d} mục tiêu {str(Outcome(o).label).lower()}"
        for o in SUMMARY_ORDER
        if counts[o]
    ]
    rate = number(evaluation.reached_percent)
    return (
        f"Năm {evaluation.year}, {owner} có {evaluation.total:02d} mục tiêu chất lượng: "
        f"{', '.join(parts)}; tỷ lệ mục tiêu đạt {rate}%."
    )


def _intro(report, owner: str) -> str:
    objective_set = report.objective_set
    reference = ""
    if objective_set.number is not None and objective_set.issued_on:
        reference = (
            f" (văn bản số {objective_set.number_and_symbol} "
            f"ngày {objective_set.issued_on:%d/%m/%Y})"
        )
    return (
        f"Thực hiện Mục tiêu chất lượng năm {report.year}{reference}, {owner} báo cáo kết quả "
        "thực hiện như sau:"
    )


def _as_of_note(evaluation: Evaluation) -> str:
    note = (
        f"Số liệu tính đến ngày {evaluation.as_of:%d/%m/%Y}; kết quả năm là lũy kế các kỳ báo cáo"
    )
    if not evaluation.year_closed:
        note += "; chỉ tiêu cộng dồn chưa đạt được ghi “Đang thực hiện” cho đến hết năm"
    return note + "."


@dataclass
class Part:
    """A numbered part after the results table: its heading and paragraphs."""

    heading: str
    paragraphs: list[str]


def corrective_lines(actions: list[dict]) -> list[str]:
    """One paragraph per corrective action of the year: what was not met, why, what is done, by
    whom and when, and where it stands (the status read in the document's language)."""
    paragraphs = []
    for item in actions:
        due = date.fromisoformat(item["due_date"]).strftime("%d/%m/%Y")
        status = str(CorrectiveStatus(item["status"]).label)
        if item.get("overdue"):
            status = f"{status} (quá hạn)"
        text = (
            f"- {item['nonconformity']}. Nguyên nhân: {item['cause']} "
            f"Hành động khắc phục: {item['action']} Thực hiện: {item['owner']}, hạn {due}. "
            f"Tình trạng: {status}."
        )
        if item.get("outcome"):
            text += f" Kết quả: {item['outcome']}"
        paragraphs.append(text)
    return paragraphs


def _parts(report, evaluation: Evaluation, owner: str) -> list[Part]:
    """II. the summary (counts, the objectives missed and why, the unit's own words), then the
    management review's conclusions and actions when the ISO officer has added them. The last
    paragraph ends with "./." (NĐ30)."""
    summary = [summary_sentence(evaluation, owner)]
    if evaluation.missed():
        summary.append("Các mục tiêu không đạt và nguyên nhân:")
    for objective in evaluation.missed():
        why = f" Nguyên nhân: {objective.comment.strip()}" if objective.comment.strip() else ""
        summary.append(f"- Mục tiêu {objective.number}: {objective.content}{why}")
    parts = [Part("ĐÁNH GIÁ CHUNG", summary + lines(report.summary))]
    if evaluation.corrective_actions:
        parts.append(Part("HÀNH ĐỘNG KHẮC PHỤC", corrective_lines(evaluation.corrective_actions)))
    if lines(report.review_conclusions):
        parts.append(Part("KẾT LUẬN CỦA XEM XÉT CỦA LÃNH ĐẠO", lines(report.review_conclusions)))
    if lines(report.review_actions):
        actions = [f"- {action}" for action in lines(report.review_actions)]
        parts.append(Part("CÁC HÀNH ĐỘNG TIẾP THEO", actions))
    for index, part in enumerate(parts, start=1):
        part.heading = f"{ROMAN[index]}. {part.heading}"
    parts[-1].paragraphs[-1] = with_end_mark(parts[-1].paragraphs[-1])
    return parts


def _rows(evaluation: Evaluation) -> list[tuple]:
    """(objective, [(target, result lines)]) as the table prints them."""
    return [
        (objective, [(target, result_lines(target)) for target in objective.targets])
        for objective in evaluation.objectives
    ]


def report_context(report, *, final: bool, today=None) -> dict:
    evaluation = report_evaluation(report, today=today or timezone.localdate())
    owner = report.owner_name
    draft = not final or report.status in DRAFT_STATUSES
    with_images = signature_images_default(report, final) and not draft
    code = report.verification_code
    return {
        "doc_title": report.display_title,
        "author": owner,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "landscape": False,
        "header": header_of(
            report, number=number_line(report, required=True), with_date=True, landscape=False
        ),
        "document_type": DOCUMENT_TYPE,
        "subject": report.subject,
        "intro": _intro(report, owner),
        "results_heading": f"{ROMAN[0]}. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU",
        "rows": _rows(evaluation),
        "as_of_note": _as_of_note(evaluation),
        "parts": _parts(report, evaluation, owner),
        "signature": signature_of(report, with_images=with_images),
        "recipients": lines(report.recipients),
        "signing_date": "",
        "verification": verification_mark(code) if final and code else None,
    }


def render_report(report, *, final: bool) -> bytes:
    """The PDF of an evaluation report. `final` drops the watermark once the report is approved
    and prints the verification mark (the workflow renders it so when issuing)."""
    with translation.override("vi"):  # figures and outcome labels are document text
        context = report_context(report, final=final)
    return render_template(TEMPLATE, context, extra_css=STYLESHEET.read_text())
