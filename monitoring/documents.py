"""The evaluation report as a PDF in the NĐ30 style (Mẫu 1.4, a document with a type name:
"BÁO CÁO" over its subject), through the same base templates, stylesheet, fonts, header,
signing block, verification mark and draft watermark as the objective sets.

objectives.documents.render.render_document dispatches here for EvaluationReport, so the
generic workflow issues it like any other document. The text is document text, always
Vietnamese.
"""

import functools

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML

from monitoring.numbers import number
from monitoring.scoring import Outcome
from monitoring.selectors_evaluation import SUMMARY_ORDER, Evaluation, report_evaluation
from monitoring.templatetags.monitoring_tags import fraction, measure
from objectives.documents import render as nd30
from objectives.documents.context import COUNTRY, DRAFT_MARK, MOTTO, header_of, lines, signature_of
from objectives.documents.verification import verification_mark
from objectives.models import Status

DOCUMENT_TYPE = "BÁO CÁO"
ROMAN = ("I", "II", "III", "IV", "V")
DRAFT_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)


@functools.cache
def _report_stylesheet() -> CSS:
    css = settings.BASE_DIR / "templates" / "monitoring" / "evaluation" / "report_pdf.css"
    return CSS(string=css.read_text(), font_config=nd30._font_config())


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


def _headings(report) -> dict[str, str]:
    """Part headings numbered I, II, … over the parts this report has."""
    parts = [
        ("results", "KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU"),
        ("summary", "ĐÁNH GIÁ CHUNG"),
        ("conclusions", "KẾT LUẬN CỦA XEM XÉT CỦA LÃNH ĐẠO" if report.review_conclusions else ""),
        ("actions", "CÁC HÀNH ĐỘNG TIẾP THEO" if report.review_actions else ""),
    ]
    present = [(key, text) for key, text in parts if text]
    return {key: f"{ROMAN[i]}. {text}" for i, (key, text) in enumerate(present)}


def report_context(report, *, final: bool, today=None) -> dict:
    today = today or timezone.localdate()
    evaluation = report_evaluation(report, today=today)
    owner = report.department.name if report.department_id else report.agency.name
    draft = not final or report.status in DRAFT_STATUSES
    with_images = nd30._signing_images_default(report, final) and not draft
    signature = signature_of(report, with_images=with_images)
    nd30._place_seal(signature, landscape=False)
    context = {
        "report": report,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "title": report.display_title,
        "document_type": DOCUMENT_TYPE,
        "subject": report.subject,
        "header": header_of(report, with_number=True, with_date=True),
        "intro": _intro(report, owner),
        "evaluation": evaluation,
        "as_of_note": _as_of_note(evaluation),
        "summary_sentence": summary_sentence(evaluation, owner),
        "missed": evaluation.missed(),
        "summary": lines(report.summary),
        "conclusions": lines(report.review_conclusions),
        "actions": lines(report.review_actions),
        "headings": _headings(report),
        "recipients": lines(report.recipients),
        "signature": signature,
        "landscape": False,
    }
    if final and report.verification_code:
        context["verification"] = verification_mark(report.verification_code)
    return context


def render_report(report, *, final: bool) -> bytes:
    """The PDF of an evaluation report; `final` drops the draft watermark once approved and
    prints the verification mark (the workflow renders it so when issuing)."""
    with translation.override("vi"):
        context = report_context(report, final=final)
        for objective in context["evaluation"].objectives:
            for target in objective.targets:
                target.result_lines = result_lines(target)
        html = render_to_string("monitoring/evaluation/report_pdf.html", context)
        document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
            stylesheets=[nd30._stylesheet(), _report_stylesheet()],
            font_config=nd30._font_config(),
        )
        return document.write_pdf()
