"""The NĐ30 frame every issued document shares: national name and motto, the header with the
issuing body's names broken into balanced lines, the number and date lines, the signing block,
the "./." end mark.

The templates stay dumb: every rule of the decree that depends on data (upper case, leading
zeros, which header data apply before and after issue, where the date goes, what ends the body)
is decided here, in plain Python that tests can read. Each document kind builds its body on
these.
"""

import datetime
from dataclasses import dataclass

from agencies.signing import head_signing_block
from documents import images, metrics

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


def lines(text: str) -> list[str]:
    """Non-empty lines of a multi-line field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def date_line(place: str, day: datetime.date | None) -> str:
    """ "Đồng Nai, ngày 05 tháng 10 năm 2023": days below 10 and months 1–2 take a leading zero
    (NĐ30, Phụ lục I, II.4.b). With no date yet, blanks are left for the records office."""
    if day is None:
        text = "ngày … tháng … năm …"
    else:
        month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def is_issued(document) -> bool:
    """Header data are copied onto the document when it is issued; before, the agency's apply."""
    return bool(document.header_agency_name)


def default_symbol(document) -> str:
    return document.symbol or f"QĐ-{document.agency.symbol}"


def number_line(document, *, required: bool) -> str:
    """ "Số: 124/QĐ-VP" (numbers under 10 take a leading zero). A draft decision prints the blank
    for its number; a document issued without a number, and the list and table forms without
    one, print no line at all."""
    if document.number is not None:
        symbol = document.symbol
        return f"Số: {document.number:02d}/{symbol}" if symbol else f"Số: {document.number:02d}"
    return f"Số:{BLANK}/{default_symbol(document)}" if required and not is_issued(document) else ""


def owner_names(document) -> tuple[str, str]:
    """(governing body, issuing body) as printed: a department's set names the agency above the
    department."""
    agency = document.agency
    if is_issued(document):
        governing, name = document.header_governing_body, document.header_agency_name
    else:
        governing, name = agency.governing_body, agency.printed_name
    if document.department_id:
        governing, name = name, document.department.name
    return governing, name


def place_of(document) -> str:
    return document.place_name or document.agency.place_name


def header_of(document, *, number: str, with_date: bool, landscape: bool) -> Header:
    """The header, its names broken into balanced lines in the layout and size that need the
    fewest lines (ties: the usual layout, 13 pt)."""
    governing, name = owner_names(document)
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
        date_line=date_line(place_of(document), document.issued_on) if with_date else "",
        names_size=size,
        layout=layout,
    )


def signature_of(document, *, with_images: bool) -> Signature:
    signing_lines, name = list(document.signing_lines or []), document.signer_name
    if not signing_lines and not name:
        signing_lines, name = head_signing_block(document.agency)
    signature = Signature(lines=[line.upper() for line in signing_lines], name=name)
    if not signature.lines and not signature.name:
        signature.lines, signature.note = ["THỦ TRƯỞNG CƠ QUAN"], "(Ký tên, đóng dấu)"
    if with_images:
        agency = document.agency
        signature.signature_image = images.signature_uri(agency, document.signer_id)
        signature.seal_image = images.seal_uri(agency)
        signature.seal_mm = agency.seal_diameter_mm
    return signature


def with_end_mark(text: str) -> str:
    """The body's last paragraph ends with "./." (NĐ30 templates): "… lĩnh vực./."."""
    text = text.rstrip()
    if text.endswith("/."):
        return text
    if text.endswith("."):
        return text + "/."
    return text.rstrip(";,:") + "./."


def recipients_of(document) -> list[str]:
    """One recipient a line, printed after "- " (stored without it; a typed dash is dropped)."""
    return [line.removeprefix("-").strip() for line in lines(document.recipients)]
