"""The WordprocessingML python-docx has no API for: paragraph rules, page-number fields, page
numbering restarted per section, repeated header rows, rows kept whole, fixed table widths.

Each helper inserts its element where the schema puts it, so that Word (stricter than
LibreOffice about element order) opens the file without a repair prompt.
"""

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"  # LibreOffice substitutes the metric-compatible Liberation Serif
# pPr children that come after w:pBdr (ECMA-376 §17.3.1.26).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
# sectPr children that come after w:pgNumType (§17.6.17).
_AFTER_PGNUMTYPE = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)


def fonts_set(run_properties, name: str = FONT) -> None:
    """All four script slots, so that Vietnamese letters never fall back to another font."""
    fonts = run_properties.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)


def bottom_rule(paragraph, *, width_pt: float, available_pt: float) -> None:
    """Turn an empty paragraph into a centred 0.5 pt rule `width_pt` long (NĐ30's short rules
    under the agency name, the motto and the title): a bottom border between equal indents."""
    fmt = paragraph.paragraph_format
    side = max((available_pt - width_pt) / 2, 0)
    fmt.left_indent = fmt.right_indent = Pt(side)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(3)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def page_field(paragraph, *, size_pt: float) -> None:
    """A PAGE field: the page number of the printed page."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        run = paragraph.add_run()
        run.font.size = Pt(size_pt)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def page_numbering_restart(section) -> None:
    """Number this section's pages from 1 (an annex is numbered on its own)."""
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(numbering, *_AFTER_PGNUMTYPE)


def page_setup(section, *, landscape: bool) -> None:
    """A4, NĐ30 margins: top and bottom 20 mm, left 30 mm, right 15 mm; page numbers in the
    top margin from the second page."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True


def _row_flag(row, tag: str) -> None:
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def row_repeated(row) -> None:
    """Repeat this (header) row at the top of every page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def row_kept_whole(row) -> None:
    """Never split this row across pages."""
    _row_flag(row, "w:cantSplit")


def fixed_widths(table, widths_pt: list[float]) -> None:
    """Column widths as given, whatever the content (Word and LibreOffice both honour a fixed
    layout with the table width, the grid and every cell's width set)."""
    table.autofit = False  # w:tblLayout w:type="fixed"
    total = table._tbl.tblPr.find(qn("w:tblW"))
    if total is not None:
        total.set(qn("w:w"), str(round(sum(widths_pt) * 20)))
        total.set(qn("w:type"), "dxa")
    for column, width in zip(table.columns, widths_pt, strict=True):
        column.width = Pt(width)
        for cell in column.cells:
            cell.width = Pt(width)


def no_cell_margins(table) -> None:
    """Text runs to the edges of the cells (the header's columns are measured without
    margins, so that "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" stays on one line)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        edge = OxmlElement(side)
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
