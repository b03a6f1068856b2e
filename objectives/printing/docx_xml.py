"""The WordprocessingML python-docx has no API for: paragraph rules, page-number fields, page
numbering restarted per section, repeated header rows, rows kept whole, fixed table widths.

Each helper inserts its element where the schema puts it, so that Word (stricter than
LibreOffice about element order) opens the file without a repair prompt.
"""

from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement, parse_xml
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


_WATERMARK = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom"
 o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>
<v:shape id="QmsDraftMark{index}" o:spid="_x0000_s20{index}" type="#_x0000_t136"
 style="position:absolute;margin-left:0;margin-top:0;width:420pt;height:105pt;rotation:315;
 z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;
 mso-position-vertical:center;mso-position-vertical-relative:margin"
 o:allowincell="f" fillcolor="#d8d8d8" stroked="f">
<v:fill opacity=".6"/>
<v:textpath style="font-family:&quot;Times New Roman&quot;;font-size:1pt;font-weight:bold"
 string="{text}"/>
</v:shape>
</w:pict>
</w:r>"""


def watermark(paragraph, text: str, index: int) -> None:
    """Word's own diagonal text watermark (a VML text path behind the page, not an image):
    "DỰ THẢO" on every page of a draft, as on the PDF."""
    paragraph._p.append(parse_xml(_WATERMARK.format(text=escape(text), index=index)))
