"""The objective set as a Word document, for agencies that must edit it in Word.

Same text and structure as the PDF (objectives.printing.render), read from the same context:
the two-column header, the title, the body (the decision's legal bases and articles, or the
objectives as a list or a table), the Nơi nhận list and the signing block; the decision's annex
is a section of its own, landscape when the set says so and numbered from 1. Times New Roman
in the NĐ30 sizes, A4, NĐ30 margins. A set not yet issued carries Word's own "DỰ THẢO"
watermark on every page. Never the signature, the seal or the QR code: a Word file is a working
copy, not the issued document.
"""

import io

from django.utils import translation
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from documents import metrics
from documents.models import FROZEN_STATUSES
from objectives.models import DocumentForm, ObjectiveSet
from objectives.printing import docx_xml
from objectives.printing.context import document_context

BODY_PT, HEADER_PT, TABLE_PT = 14, 13, 13
TEXT_WIDTH_PT = {False: (210 - 30 - 15) * metrics.MM, True: (297 - 30 - 15) * metrics.MM}
NAMES_SHARE = 0.41  # the header's left column, at least (about 6 cm of 16.5, as in NĐ30)
RULE_SHARE = 0.4  # short rules: 1/3–1/2 of the text above them
TABLE_HEADINGS = ("TT", "Nội dung mục tiêu", "Chỉ tiêu thực hiện", "Biện pháp và trách nhiệm")
TABLE_HEADINGS += ("Thời gian",)
TABLE_SHARES = (0.07, 0.30, 0.12, 0.33, 0.18)  # as the PDF's columns
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def _text_width_pt(landscape: bool) -> float:
    return TEXT_WIDTH_PT[landscape]


def _paragraph(container, text: str = "", *, size=BODY_PT, bold=False, italic=False, align=None):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    else:
        paragraph.paragraph_format.line_spacing = 1.0
    return paragraph


def _run(paragraph, text: str, *, size=BODY_PT, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return run


def _lines(cell, lines: list[str], *, size: float, bold: bool, align=CENTER):
    """Lines broken where the context broke them (header names), in one paragraph."""
    paragraph = _paragraph(cell, align=align)
    for index, line in enumerate(lines):
        run = _run(paragraph, line, size=size, bold=bold)
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def _body_paragraph(container, text: str = "", *, italic=False, indent=True):
    """NĐ30 body text: 14 pt, justified, first line indented 1.27 cm, 6 pt after."""
    paragraph = _paragraph(container, text, italic=italic, align=JUSTIFY)
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Cm(1.27) if indent else None
    fmt.space_after, fmt.line_spacing = Pt(6), 1.15
    return paragraph


def _rule(container, *, width_pt: float, available_pt: float) -> None:
    paragraph = container.add_paragraph()
    docx_xml.bottom_rule(paragraph, width_pt=width_pt, available_pt=available_pt)


def _borderless(document, widths_pt: list[float], rows: int = 1):
    """A layout table: no borders, no cell margins, fixed column widths."""
    table = document.add_table(rows=rows, cols=len(widths_pt))
    docx_xml.fixed_widths(table, widths_pt)
    docx_xml.no_cell_margins(table)
    return table


def _header(document, context: dict, landscape: bool) -> None:
    """Left: governing body, agency (bold) over a short rule, number; right: quốc hiệu, tiêu ngữ
    over a rule of its own width, place and date in italics."""
    header = context["header"]
    size = getattr(header, "names_size", HEADER_PT)
    widest = max(
        (metrics.text_width(line, size=size, bold=True) for line in header.agency_name),
        default=0,
    )
    width = _text_width_pt(landscape)
    # The context broke the names for the PDF; the column is never narrower than their lines.
    governing = [metrics.text_width(line, size=size) for line in header.governing_body]
    left_width = max(width * NAMES_SHARE, widest + 2, *governing, 0)
    left, right = _borderless(document, [left_width, width - left_width]).rows[0].cells
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    if header.governing_body:
        _lines(left, header.governing_body, size=size, bold=False)
    _lines(left, header.agency_name, size=size, bold=True)
    _rule(left, width_pt=widest * RULE_SHARE, available_pt=left_width)
    if header.number_line:
        number = _paragraph(left, header.number_line, size=HEADER_PT, align=CENTER)
        number.paragraph_format.space_before = Pt(6)
    _national(right, context, available_pt=width - left_width, date_line=header.date_line)


def _national(cell, context: dict, *, available_pt: float, date_line: str) -> None:
    """Quốc hiệu 13 pt, tiêu ngữ and date 14 pt; one point less for all three when the names
    leave too little room (NĐ30 lets these sizes move together)."""
    country = HEADER_PT
    wide = getattr(context["header"], "layout", "") == "wide"  # the PDF chose the smaller set
    if wide or metrics.text_width(context["country"], size=country, bold=True) > available_pt - 2:
        country -= 1
    motto_size = country + 1
    _paragraph(cell, context["country"], size=country, bold=True, align=CENTER)
    _paragraph(cell, context["motto"], size=motto_size, bold=True, align=CENTER)
    motto_width = metrics.text_width(context["motto"], size=motto_size, bold=True)
    _rule(cell, width_pt=motto_width, available_pt=available_pt)
    if date_line:
        date = _paragraph(cell, date_line, size=motto_size, italic=True, align=CENTER)
        date.paragraph_format.space_before = Pt(6)


def _title(document, lines: list[str], *, landscape: bool, reference: str = "") -> None:
    """Document type upper case bold, the subject bold under it, then a short rule."""
    first = _paragraph(document, lines[0], bold=True, align=CENTER)
    first.paragraph_format.space_before = Pt(18)
    for line in lines[1:]:
        _paragraph(document, line, bold=True, align=CENTER)
    if reference:
        _paragraph(document, reference, italic=True, align=CENTER)
    width = _text_width_pt(landscape)
    widest = min(max(metrics.text_width(line, size=BODY_PT, bold=True) for line in lines), width)
    _rule(document, width_pt=widest * RULE_SHARE, available_pt=width)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)


def _objectives_table(document, body, landscape: bool) -> None:
    width = _text_width_pt(landscape)
    table = document.add_table(rows=1, cols=len(TABLE_HEADINGS))
    table.style = document.styles["Table Grid"]
    docx_xml.fixed_widths(table, [width * share for share in TABLE_SHARES])
    heading = table.rows[0]
    docx_xml.row_repeated(heading)
    docx_xml.row_kept_whole(heading)
    for cell, text in zip(heading.cells, TABLE_HEADINGS, strict=True):
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        _cell_paragraph(cell, 0, text, bold=True, align=CENTER)
    for group in body.groups:
        if group.title:
            row = table.add_row()
            docx_xml.row_kept_whole(row)
            merged = row.cells[0].merge(row.cells[-1])
            _cell_paragraph(merged, 0, group.title, bold=True)
        for objective in group.rows:
            _objective_row(table, objective)


def _objective_row(table, objective) -> None:
    row = table.add_row()
    docx_xml.row_kept_whole(row)
    cells = row.cells
    texts = (
        [str(objective.number)],
        [objective.content],
        [objective.targets_cell],
        objective.measures_cell,
        objective.time_cell,
    )
    for index, (cell, lines) in enumerate(zip(cells, texts, strict=True)):
        for number, line in enumerate(lines or [""]):
            _cell_paragraph(cell, number, line, align=CENTER if index in (0, 2) else None)


def _cell_paragraph(cell, index: int, text: str, *, bold=False, align=None):
    """The index-th paragraph of a table cell (13 pt, 2 pt above and below, like the PDF's
    cell padding)."""
    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(2)
    if text:
        _run(paragraph, text, size=TABLE_PT, bold=bold)
    return paragraph


def _body(document, context: dict, landscape: bool) -> None:
    body = context["body"]
    _title(document, [body.title], landscape=landscape, reference=body.reference_line)
    if body.preamble:
        _body_paragraph(document, body.preamble)
    if body.as_table:
        _objectives_table(document, body, landscape)
    else:
        for group in body.groups:
            if group.title:
                _run(_body_paragraph(document, indent=False), group.title, bold=True)
            for row in group.rows:
                _body_paragraph(document, f"{row.number}. {row.content}")
                for line in row.details:
                    _body_paragraph(document, f"- {line}")
    if body.set_measures_intro:
        _body_paragraph(document, body.set_measures_intro)
    for measure in body.set_measures:
        _body_paragraph(document, f"- {measure}")
    for paragraph in body.closing:
        _body_paragraph(document, paragraph)


def _decision(document, context: dict) -> None:
    _title(document, ["QUYẾT ĐỊNH", *context["decision_subject"]], landscape=False)
    if context["issuing_authority"]:
        authority = _paragraph(document, context["issuing_authority"], bold=True, align=CENTER)
        authority.paragraph_format.space_after = Pt(6)
    for basis in context["legal_bases"]:
        _body_paragraph(document, basis, italic=True)
    decides = _paragraph(document, "QUYẾT ĐỊNH:", bold=True, align=CENTER)
    decides.paragraph_format.space_after = Pt(6)
    for article in context["articles"]:
        paragraph = _body_paragraph(document)
        if article.number:
            _run(paragraph, article.number, bold=True)
            _run(paragraph, " ")
        _run(paragraph, article.text)


def _signing(document, context: dict, landscape: bool) -> None:
    """Nơi nhận (bold italic 12 pt, recipients 11 pt) left; the signing block right: authority
    and title upper case bold, room for the signature and seal on paper, the name bold. The
    list form's place and date stand above the block, in a row of their own."""
    width = _text_width_pt(landscape)
    _keep_last_with_next(document)
    document.add_paragraph().paragraph_format.keep_with_next = True
    dated = bool(context.get("signing_date"))
    table = _borderless(document, [width * 0.45, width * 0.55], rows=2 if dated else 1)
    if dated:
        date = table.rows[0].cells[1].paragraphs[0]
        date.alignment = CENTER
        date.paragraph_format.space_after = Pt(6)
        _run(date, context["signing_date"], italic=True)
    left, right = table.rows[-1].cells
    if context["recipients"]:
        _run(left.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
        for recipient in context["recipients"]:
            _paragraph(left, f"- {recipient}", size=11)
    right._tc.remove(right.paragraphs[0]._p)
    signature = context["signature"]
    for line in signature.lines:
        _paragraph(right, line, bold=True, align=CENTER)
    if signature.note:
        _paragraph(right, signature.note, italic=True, align=CENTER)
    name = _paragraph(right, signature.name, bold=True, align=CENTER)
    name.paragraph_format.space_before = Pt(72)  # room for the signature and the seal
    for row in table.rows:  # the block stays on one page, the date with it
        docx_xml.row_kept_whole(row)
    for paragraph in table.rows[0].cells[1].paragraphs if dated else []:
        paragraph.paragraph_format.keep_with_next = True


def _keep_last_with_next(document) -> None:
    """The signing block never stands alone on a page: the body's last paragraph (or the
    table's last row) goes over with it."""
    last = document.element.body[-1]
    if last.tag == qn("w:sectPr"):
        last = last.getprevious()
    if last is None:
        return
    paragraphs = [last]
    if last.tag == qn("w:tbl"):
        paragraphs = list(last.findall(qn("w:tr"))[-1].iter(qn("w:p")))
    for element in paragraphs:
        Paragraph(element, document).paragraph_format.keep_with_next = True


def _page_header(section, draft_mark: str) -> None:
    """The page number, centred in the top margin; none on the first page. A draft carries
    its mark across every page."""
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    docx_xml.page_field(paragraph, size_pt=HEADER_PT)
    if draft_mark:
        docx_xml.watermark(paragraph, draft_mark, 1)
        docx_xml.watermark(section.first_page_header.paragraphs[0], draft_mark, 2)


def _new_document():
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = docx_xml.FONT, Pt(BODY_PT)
    docx_xml.fonts_set(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    document.core_properties.language = "vi-VN"
    return document


def _part(document, section, context: dict, write) -> None:
    landscape = context["landscape"]
    docx_xml.page_setup(section, landscape=landscape)
    _header(document, context, landscape)
    write(document, context, landscape)


def _decision_part(document, context, _landscape) -> None:
    _decision(document, context)
    _signing(document, context, False)


def _objectives_part(document, context, landscape) -> None:
    _body(document, context, landscape)
    _signing(document, context, landscape)


def render_set_docx(objective_set: ObjectiveSet) -> bytes:
    """The DOCX of an objective set in its form (list, table, or decision with its annex)."""
    with translation.override("vi"):
        final = objective_set.status in FROZEN_STATUSES
        context = document_context(objective_set, final=final, with_images=False)
        document = _new_document()
        first = document.sections[0]
        document.core_properties.title = context["doc_title"]
        document.core_properties.author = context["author"]
        draft_mark = context["draft_mark"] if context["draft"] else ""
        _page_header(first, draft_mark)  # before the annex's section: it inherits this header
        if objective_set.form == DocumentForm.DECISION:
            _part(document, first, context, _decision_part)
            annex = document.add_section(WD_SECTION.NEW_PAGE)
            docx_xml.page_numbering_restart(annex)
            _part(document, annex, context["annex"], _body)
        else:
            _part(document, first, context, _objectives_part)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
