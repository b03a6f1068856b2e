"""What the NĐ30 templates print, computed once from an objective set.

The templates stay dumb: every rule of the decree that depends on data (upper case, leading
zeros, which header data apply before and after issue, what the table cells hold) is decided
here, in plain Python that tests can read.
"""

import base64
import datetime
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.utils import timezone

from objectives.models import DocumentForm, Objective, ObjectiveSet, Orientation, Status

COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"


def date_line(place: str, day: datetime.date | None) -> str:
    """ "Đồng Nai, ngày 05 tháng 10 năm 2023": days below 10 and months 1–2 take a leading zero
    (NĐ30, Phụ lục I); with no date yet the blanks are left for the records office."""
    if day is None:
        return f"{place}, ngày     tháng     năm     " if place else "ngày     tháng     năm     "
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def lines(text: str) -> list[str]:
    """Non-empty lines of a multi-line field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _data_uri(file_field, mimetype: str = "image/png") -> str:
    if not file_field:
        return ""
    try:
        with default_storage.open(file_field.name, "rb") as handle:
            data = handle.read()
    except OSError:
        return ""
    if data[:3] == b"\xff\xd8\xff":
        mimetype = "image/jpeg"
    return f"data:{mimetype};base64,{base64.b64encode(data).decode()}"


@dataclass
class Header:
    governing_body: str
    agency_name: str
    number_line: str  # "Số: 124/QĐ-VP", or "" when the form prints none
    date_line: str  # "" when the date prints at the foot (list form)


@dataclass
class Row:
    """One objective as the document prints it."""

    number: int
    content: str
    targets_text: str  # the "Chỉ tiêu thực hiện" cell
    list_targets: str  # targets printed under the sentence in the list form ("" if in it)
    measures_cell: list[str]  # the "Biện pháp và trách nhiệm" cell, paragraph by paragraph
    time_cell: list[str]
    measures: str
    responsibility: str


@dataclass
class Group:
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Signature:
    lines: list[str]
    name: str
    signature_image: str = ""
    seal_image: str = ""
    seal_mm: int = 36
    generic_note: str = ""


def _responsibility(objective: Objective) -> str:
    units = []
    if objective.lead_unit_id:
        units.append(f"Chủ trì: {objective.lead_unit.name}")
    supporting = [unit.name for unit in objective.supporting_units.all()]
    if supporting:
        units.append("Phối hợp: " + ", ".join(supporting))
    if objective.responsible_person:
        units.append(objective.responsible_person)
    return "; ".join(units)


def _row(number: int, objective: Objective) -> Row:
    targets = list(objective.targets.all())
    wordings = [t.wording for t in targets if t.wording]
    responsibility = _responsibility(objective)
    if objective.printed_measures:
        measures_cell = lines(objective.printed_measures)
    else:
        measures_cell = lines(objective.measures) + ([responsibility] if responsibility else [])
    if objective.printed_time:
        time_cell = lines(objective.printed_time)
    else:
        time_cell = [t for t in (objective.timeframe, objective.reporting_wording) if t]
    return Row(
        number=number,
        content=objective.content.strip(),
        targets_text=objective.printed_targets.strip() or "; ".join(wordings),
        list_targets="; ".join(
            t.wording for t in targets if t.wording and not t.wording_in_content
        ),
        measures_cell=measures_cell,
        time_cell=time_cell,
        measures=objective.measures.strip(),
        responsibility=responsibility,
    )


def groups_of(objective_set: ObjectiveSet) -> list[Group]:
    """Objectives grouped under their sections (in order), numbered across the whole set."""
    sections = sorted(objective_set.sections.all(), key=lambda s: (s.order, s.pk))
    by_section: dict[int | None, list[Objective]] = {}
    for objective in sorted(objective_set.objectives.all(), key=lambda o: (o.order, o.pk)):
        by_section.setdefault(objective.section_id, []).append(objective)
    ordered = [(None, by_section.get(None, []))] + [(s, by_section.get(s.pk, [])) for s in sections]
    groups, number = [], 0
    for section, objectives in ordered:
        if section is None and not objectives:
            continue
        group = Group(title=section.title if section else "")
        for objective in objectives:
            number += 1
            group.rows.append(_row(number, objective))
        groups.append(group)
    return groups


def _is_issued(objective_set: ObjectiveSet) -> bool:
    return bool(objective_set.header_agency_name)


def header_of(objective_set: ObjectiveSet, *, with_number: bool, with_date: bool) -> Header:
    agency = objective_set.agency
    if _is_issued(objective_set):
        governing, name = objective_set.header_governing_body, objective_set.header_agency_name
    else:
        governing, name = agency.governing_body, agency.printed_name
    if objective_set.department_id and not _is_issued(objective_set):
        governing, name = name, objective_set.department.name
    number_line = ""
    if with_number:
        symbol = objective_set.symbol or f"QĐ-{agency.symbol}"
        if objective_set.number is not None:
            number_line = f"Số: {objective_set.number:02d}/{symbol}"
        else:
            number_line = f"Số:        /{symbol}"
    place = objective_set.place_name or agency.place_name
    return Header(
        governing_body=governing.upper(),
        agency_name=name.upper(),
        number_line=number_line,
        date_line=date_line(place, objective_set.issued_on) if with_date else "",
    )


def signature_of(objective_set: ObjectiveSet, *, with_images: bool) -> Signature:
    signing_lines = [line.upper() for line in objective_set.signing_lines or []]
    name = objective_set.signer_name
    note = ""
    if not signing_lines and not name:
        signing_lines, note = ["THỦ TRƯỞNG CƠ QUAN"], "(Ký tên, đóng dấu)"
    signature = Signature(lines=signing_lines, name=name, generic_note=note)
    if with_images:
        agency = objective_set.agency
        membership = None
        if objective_set.signer_id:
            membership = agency.memberships.filter(user_id=objective_set.signer_id).first()
        signature.signature_image = _data_uri(membership.signature_image) if membership else ""
        signature.seal_image = _data_uri(agency.seal_image)
        signature.seal_mm = agency.seal_diameter_mm
    return signature


def title_of(objective_set: ObjectiveSet) -> str:
    return (objective_set.title or f"Mục tiêu chất lượng năm {objective_set.year}").upper()


def preamble_of(objective_set: ObjectiveSet) -> str:
    from objectives.models import DEFAULT_PREAMBLE

    owner = objective_set.department.name if objective_set.department_id else None
    owner = owner or objective_set.header_agency_name or objective_set.agency.name
    text = objective_set.preamble or DEFAULT_PREAMBLE
    return text.replace("{agency}", owner)


def document_context(objective_set: ObjectiveSet, *, final: bool, with_images: bool) -> dict:
    form = objective_set.form
    draft = not final or objective_set.status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
    as_table = form == DocumentForm.TABLE or (
        form == DocumentForm.DECISION and objective_set.annex_as_table
    )
    landscape = objective_set.orientation == Orientation.LANDSCAPE
    return {
        "set": objective_set,
        "form": form,
        "country": COUNTRY,
        "motto": MOTTO,
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "title": title_of(objective_set),
        "preamble": preamble_of(objective_set),
        "groups": groups_of(objective_set),
        "as_table": as_table,
        "landscape": landscape,
        "set_measures_intro": objective_set.set_measures_intro.strip(),
        "set_measures": lines(objective_set.set_measures),
        "closing": lines(objective_set.closing_text),
        "recipients": lines(objective_set.recipients),
        "legal_bases": lines(objective_set.legal_bases),
        "articles": lines(objective_set.articles),
        "decision_subject": lines(objective_set.decision_subject),
        "issuing_authority": objective_set.issuing_authority.upper(),
        "annex_reference": objective_set.annex_reference.strip(),
        "signature": signature_of(objective_set, with_images=with_images and not draft),
        "generated_at": timezone.now(),
    }
