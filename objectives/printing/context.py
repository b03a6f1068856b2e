"""What the NĐ30 templates print for an objective set, computed once from it: its body (the
objectives part of the list and table forms and of the decision's annex) and the decision's
articles, on the frame every document shares (documents.nd30). The DOCX writer reads the same
context.
"""

import re
from dataclasses import dataclass, field

from documents.nd30 import (
    COUNTRY,
    DRAFT_MARK,
    MOTTO,
    date_line,
    header_of,
    is_issued,
    lines,
    number_line,
    owner_names,
    place_of,
    recipients_of,
    signature_of,
    with_end_mark,
)
from documents.verification import verification_mark
from objectives.models import DEFAULT_PREAMBLE, DocumentForm, ObjectiveSet, Orientation
from objectives.printing.rows import Group, groups_of

_ARTICLE = re.compile(r"^(Điều\s+\d+[a-z]?\.)\s*(.*)$", re.DOTALL)


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


def annex_reference(objective_set: ObjectiveSet) -> str:
    """As stored on the set; otherwise the NĐ30 template's wording, filled as far as known."""
    if objective_set.annex_reference.strip():
        return objective_set.annex_reference.strip()
    number = number_line(objective_set, required=True).removeprefix("Số:").strip()
    number = f"số {number} " if number else ""
    day = date_line("", objective_set.issued_on)
    _governing, owner = owner_names(objective_set)
    return f"(Kèm theo Quyết định {number}{day} của {owner})"


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


def _decision_parts(objective_set: ObjectiveSet) -> dict:
    agency = objective_set.agency
    _governing, owner = owner_names(objective_set)
    subject = lines(objective_set.decision_subject) or [
        f"Công bố Mục tiêu chất lượng năm {objective_set.year} của {owner}"
    ]
    # Typed on the set, or the head's title and the agency's name (as issued, once it is).
    name = objective_set.header_agency_name if is_issued(objective_set) else agency.printed_name
    authority = objective_set.issuing_authority or f"{agency.head_title} {name}"
    return {
        "decision_subject": subject,
        "issuing_authority": authority.upper(),
        "legal_bases": lines(objective_set.legal_bases),
        "articles": articles_of(objective_set),
    }


def document_context(objective_set: ObjectiveSet, *, final: bool, with_images: bool) -> dict:
    """Everything the templates (and the DOCX writer) print. For the decision form,
    context["annex"] is the annex's own context (header without number and date)."""
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
