"""What the NĐ30 templates print, computed once from an objective set.

The templates stay dumb: every rule of the decree that depends on data (upper case, leading
zeros, which header data apply before and after issue, where the date goes, what ends the body)
is decided here, in plain Python that tests can read. The DOCX writer reads the same context.
"""

import datetime
import re
from dataclasses import dataclass, field

from objectives.documents import images, metrics
from objectives.documents.rows import Group, groups_of, lines
from objectives.models import DEFAULT_PREAMBLE, DocumentForm, ObjectiveSet, Orientation

COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
# Two header layouts (NĐ30 lets the sizes move together, Phụ lục I footnote 1): the usual one,
# national name 13 pt / motto 14 pt / date 14 pt, leaves the names 41 % of the text width; when
# the names would need fewer lines with more room, national name 12 / motto 13 / date 13 leave
# them 46 %. Either way the names are 13 pt, or 12 pt when that saves a line.
LAYOUTS = (("normal", 0.41), ("wide", 0.46))
NAME_SIZES_PT = (13, 12)
COLUMN_GAP_PT = 16  # kept clear between the names and the national name
TEXT_WIDTH_MM = {False: 210 - 30 - 15, True: 297 - 30 - 15}
MM = 72 / 25.4
BLANK = "\u00a0" * 6  # room left on paper for the records office to write a number or a day
_ARTICLE = re.compile(r"^(Điều\s+\d+[a-z]?\.)\s*(.*)$", re.DOTALL)


@dataclass
class Header:
    governing_body: list[str]  # lines, upper case
    agency_name: list[str]  # lines, upper case
    number_line: str  # "Số: 124/QĐ-VP", "Số:      /QĐ-VP", or "" when the form prints none
    date_line: str  # "" when the date is printed above the signature (list form)
    names_size: int = 13  # 12 when a long name would need another line at 13 pt
    layout: str = "normal"  # "wide": names column 46 %, national name 12 pt, motto and date 13


@dataclass
class Signature:
    lines: list[str]
    name: str
    note: str = ""  # "(Ký tên, đóng dấu)" on the generic block of the blank form
    signature_image: str = ""  # data URI
    seal_image: str = ""  # data URI
    seal_mm: int = 36


@dataclass
class Article:
    number: str  # "Điều 1." or ""
    text: str


@dataclass
class Body:
    """The objectives part, shared by the list and table forms and the decision's annex."""

    title: str
    reference_line: str  # the annex's "(Ban hành kèm theo Quyết định số …)"
    preamble: str
    groups: list[Group]
    as_table: bool
    set_measures_intro: str
    set_measures: list[str]
    closing: list[str]
    end_mark_on: str = ""  # which paragraph ends with "./.": "closing", "measures", "objectives"
    landscape: bool = False
    extra: dict = field(default_factory=dict)


def date_line(place: str, day: datetime.date | None) -> str:
    """ "Đồng Nai, ngày 05 tháng 10 năm 2023": days below 10 and months 1–2 take a leading zero
    (NĐ30, Phụ lục I, II.4.b). With no date yet, blanks are left for the records office."""
    if day is None:
        text = "ngày … tháng … năm …"
    else:
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def is_issued(objective_set: ObjectiveSet) -> bool:
    """Header data are copied onto the document when it is issued; before, the agency's apply."""
    return bool(objective_set.header_agency_name)


def default_symbol(objective_set: ObjectiveSet) -> str:
    return objective_set.symbol or f"QĐ-{objective_set.agency.symbol}"


def number_line(objective_set: ObjectiveSet, *, required: bool) -> str:
    """ "Số: 124/QĐ-VP" (numbers under 10 take a leading zero). A decision without a number yet
    prints the blank for it; the list and table forms print no line at all."""
    if objective_set.number is not None:
        symbol = objective_set.symbol
        return (
            f"Số: {objective_set.number:02d}/{symbol}"
            if symbol
            else f"Số: {objective_set.number:02d}"
        )
    return f"Số:{BLANK}/{default_symbol(objective_set)}" if required else ""


def owner_names(objective_set: ObjectiveSet) -> tuple[str, str]:
    """(governing body, issuing body) as printed: a department's set names the agency above the
    department."""
    agency = objective_set.agency
    if is_issued(objective_set):
        governing, name = objective_set.header_governing_body, objective_set.header_agency_name
    else:
        governing, name = agency.governing_body, agency.printed_name
    if objective_set.department_id:
        governing, name = name, objective_set.department.name
    return governing, name


def place_of(objective_set: ObjectiveSet) -> str:
    return objective_set.place_name or objective_set.agency.place_name


def header_of(objective_set, *, number: str, with_date: bool, landscape: bool) -> Header:
    """The header, its names broken into balanced lines in the layout and size that need the
    fewest lines (ties: the usual layout, 13 pt)."""
    governing, name = owner_names(objective_set)
    candidates = []
    for layout, share in LAYOUTS:
        width = TEXT_WIDTH_MM[landscape] * share * MM - COLUMN_GAP_PT
        for size in NAME_SIZES_PT:
            lines_ = (
                metrics.balanced_lines(governing.upper(), width=width, size=size),
                metrics.balanced_lines(name.upper(), width=width, size=size, bold=True),
            )
            candidates.append((len(lines_[0]) + len(lines_[1]), layout, size, lines_))
    _count, layout, size, (governing_lines, name_lines) = min(candidates, key=lambda c: c[0])
    return Header(
        governing_body=governing_lines,
        agency_name=name_lines,
        number_line=number,
        date_line=date_line(place_of(objective_set), objective_set.issued_on) if with_date else "",
        names_size=size,
        layout=layout,
    )


def _head_block(agency) -> tuple[list[str], str]:
    """Before approval: the block the head would sign with, so that a draft reads right."""
    from agencies.models import Membership
    from objectives.services.workflow import signing_block_for

    head = Membership.objects.active().filter(agency=agency, is_head=True).first()
    if head is None:
        return [], ""
    return signing_block_for(agency=agency, actor=head.user)


def signature_of(objective_set: ObjectiveSet, *, with_images: bool) -> Signature:
    signing_lines, name = list(objective_set.signing_lines or []), objective_set.signer_name
    if not signing_lines and not name:
        signing_lines, name = _head_block(objective_set.agency)
    signature = Signature(lines=[line.upper() for line in signing_lines], name=name)
    if not signature.lines and not signature.name:
        signature.lines, signature.note = ["THỦ TRƯỞNG CƠ QUAN"], "(Ký tên, đóng dấu)"
    if with_images:
        agency = objective_set.agency
        signature.signature_image = images.signature_uri(agency, objective_set.signer_id)
        signature.seal_image = images.seal_uri(agency)
        signature.seal_mm = agency.seal_diameter_mm
    return signature


def articles_of(objective_set: ObjectiveSet) -> list[Article]:
    """ "Điều 1. …" lines print their number bold; other lines ("- …") are plain paragraphs."""
    texts = lines(objective_set.articles) or default_articles(objective_set)
    articles = []
    for text in texts:
        match = _ARTICLE.match(text)
        articles.append(Article(*match.groups()) if match else Article("", text))
    if articles:
        articles[-1].text = with_end_mark(articles[-1].text)
    return articles


def default_articles(objective_set: ObjectiveSet) -> list[str]:
    _governing, owner = owner_names(objective_set)
    return [
        f"Điều 1. Công bố kèm theo Quyết định này Mục tiêu chất lượng năm {objective_set.year} "
        f"của {owner}.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        f"Điều 3. Thủ trưởng các phòng, đơn vị và công chức, viên chức thuộc {owner} chịu "
        "trách nhiệm thi hành Quyết định này.",
    ]


def with_end_mark(text: str) -> str:
    """The body's last paragraph ends with "./." (NĐ30 templates): "… lĩnh vực./."."""
    text = text.rstrip()
    if text.endswith("/."):
        return text
    if text.endswith("."):
        return text + "/."
    return text.rstrip(";,:") + "./."


def annex_reference(objective_set: ObjectiveSet) -> str:
    """As stored on the set; otherwise the NĐ30 template's wording, filled as far as known."""
    if objective_set.annex_reference.strip():
        return objective_set.annex_reference.strip()
    number = number_line(objective_set, required=True).removeprefix("Số:").strip()
    day = date_line("", objective_set.issued_on)
    _governing, owner = owner_names(objective_set)
    return f"(Kèm theo Quyết định số {number} {day} của {owner})"


def body_of(objective_set: ObjectiveSet, *, annex: bool) -> Body:
    form = objective_set.form
    preamble = objective_set.preamble.strip()
    if not preamble and not annex:
        preamble = DEFAULT_PREAMBLE
    _governing, owner = owner_names(objective_set)
    body = Body(
        title=objective_set.display_title.upper(),
        reference_line=annex_reference(objective_set) if annex else "",
        preamble=preamble.replace("{agency}", owner),
        groups=groups_of(objective_set),
        as_table=form == DocumentForm.TABLE or (annex and objective_set.annex_as_table),
        set_measures_intro=objective_set.set_measures_intro.strip(),
        set_measures=lines(objective_set.set_measures),
        closing=lines(objective_set.closing_text),
    )
    body.landscape = body.as_table and objective_set.orientation == Orientation.LANDSCAPE
    _place_end_mark(body)
    return body


def _place_end_mark(body: Body) -> None:
    if body.closing:
        body.closing[-1], body.end_mark_on = with_end_mark(body.closing[-1]), "closing"
    elif body.set_measures:
        body.set_measures[-1] = with_end_mark(body.set_measures[-1])
        body.end_mark_on = "measures"
    elif not body.as_table and body.groups and body.groups[-1].rows:
        last = body.groups[-1].rows[-1]
        if last.details:
            last.details[-1] = with_end_mark(last.details[-1])
        else:
            last.content = with_end_mark(last.content)
        body.end_mark_on = "objectives"


def recipients_of(objective_set: ObjectiveSet) -> list[str]:
    """One recipient a line, printed after "- " (stored without it; a typed dash is dropped)."""
    return [line.removeprefix("-").strip() for line in lines(objective_set.recipients)]


def _decision_parts(objective_set: ObjectiveSet) -> dict:
    agency = objective_set.agency
    _governing, owner = owner_names(objective_set)
    subject = lines(objective_set.decision_subject) or [
        f"Công bố Mục tiêu chất lượng năm {objective_set.year} của {owner}"
    ]
    authority = objective_set.issuing_authority or f"{agency.head_title} {agency.printed_name}"
    return {
        "decision_subject": subject,
        "issuing_authority": authority.upper(),
        "legal_bases": lines(objective_set.legal_bases),
        "articles": articles_of(objective_set),
    }


def document_context(objective_set: ObjectiveSet, *, final: bool, with_images: bool) -> dict:
    """Everything the templates (and the DOCX writer) print. For the decision form,
    context["annex"] is the annex's own context (header without number and date)."""
    from objectives.documents.verification import verification_mark

    form = objective_set.form
    decision = form == DocumentForm.DECISION
    body = body_of(objective_set, annex=decision)
    landscape = body.landscape and not decision
    _governing, owner = owner_names(objective_set)
    code = objective_set.verification_code
    context = {
        "form": form,
        "doc_title": body.title if not decision else "QUYẾT ĐỊNH",
        "author": owner,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": not final,
        "draft_mark": DRAFT_MARK,
        "landscape": landscape,
        "header": header_of(
            objective_set,
            number=number_line(objective_set, required=decision),
            with_date=form != DocumentForm.LIST,
            landscape=landscape,
        ),
        "body": body,
        "signature": signature_of(objective_set, with_images=with_images and final),
        "recipients": recipients_of(objective_set),
        "signing_date": date_line(place_of(objective_set), objective_set.issued_on)
        if form == DocumentForm.LIST
        else "",
        "verification": verification_mark(code) if final and code else None,
    }
    if decision:
        context.update(_decision_parts(objective_set))
        context["annex"] = _annex_context(objective_set, context)
    return context


def _annex_context(objective_set: ObjectiveSet, context: dict) -> dict:
    """The annex repeats the header without number and date, may be landscape, and carries no
    verification mark of its own (page 1 of the decision has it)."""
    body = context["body"]
    return {
        **context,
        "doc_title": body.title,
        "landscape": body.landscape,
        "header": header_of(objective_set, number="", with_date=False, landscape=body.landscape),
        "verification": None,
    }
