"""The reference documents as objective sets: built as drafts, then taken through the workflow
services exactly as a real agency would (submit, approve, issue, publish), so that each
carries its rendered PDF, its number register entry and its history.

Where the reference shows a signing block the services would word differently (reference 002
shows only a name), the block is set to what the reference shows right after approval, so
that the issued PDF prints it.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from agencies.models import Role
from documents import workflow
from documents.body import body_sha256
from documents.models import Status
from objectives.models import Objective, ObjectiveSet, Section, Target, fields_except

# The data files give the content a reference prints (ObjectiveSet.CONTENT_FIELDS): each line
# field as a list, one item a line; every other as its text, missing ones empty. Orientation and
# the annex layout are not in the files: the model's defaults apply.
SET_LINE_FIELDS = ("set_measures", "closing_text", "recipients", "legal_bases", "articles")
SET_TEXT_FIELDS = fields_except(
    ObjectiveSet.CONTENT_FIELDS, "orientation", "annex_as_table", *SET_LINE_FIELDS
)
# A section is the data's structure and the references name no departments, so an objective's
# relations are left out; a field a row leaves out keeps the model's default.
OBJECTIVE_FIELDS = fields_except(
    Objective.CONTENT_FIELDS, "section", "lead_unit", "supporting_units"
)
TARGET_FIELDS = Target.CONTENT_FIELDS
OPENING = datetime.time(8)  # when the office opens


def agency_set(agency, year: int):
    """The agency-level set of that year as first issued (revision 0), or None."""
    return ObjectiveSet.objects.filter(
        agency=agency, department__isnull=True, year=year, revision=0
    ).first()


def _full_save(instance) -> None:
    instance.full_clean()
    instance.save()


def _targets_create(objective: Objective, rows: list[dict]) -> None:
    for order, row in enumerate(rows, start=1):
        fields = {field: row[field] for field in TARGET_FIELDS if row.get(field) is not None}
        _full_save(Target(objective=objective, order=order, **fields))


def _objectives_create(objective_set, section, rows: list[dict], first_order: int) -> int:
    order = first_order
    for row in rows:
        fields = {field: row[field] for field in OBJECTIVE_FIELDS if row.get(field) is not None}
        objective = Objective(objective_set=objective_set, section=section, order=order, **fields)
        _full_save(objective)
        _targets_create(objective, row.get("targets", []))
        order += 1
    return order


def set_build(*, agency, data: dict, actor) -> ObjectiveSet:
    """A Draft holding the reference's text, sections, objectives and targets."""
    fields = {field: data.get(field) or "" for field in SET_TEXT_FIELDS}
    fields.update({field: "\n".join(data.get(field) or []) for field in SET_LINE_FIELDS})
    objective_set = ObjectiveSet(
        agency=agency, year=data["year"], status=Status.DRAFT, created_by=actor, **fields
    )
    _full_save(objective_set)
    order = 1
    for section_order, section_data in enumerate(data["sections"], start=1):
        section = None
        if section_data.get("title"):
            section = Section(
                objective_set=objective_set, title=section_data["title"], order=section_order
            )
            _full_save(section)
        order = _objectives_create(objective_set, section, section_data["objectives"], order)
    return objective_set


def _signing_match(document, signing: dict):
    """Print the signing block exactly as the reference shows it: the block its signer approved
    (so the approved body is the one with this block, and issuing prints it)."""
    lines, name = list(signing["lines"]), signing["name"]
    if document.signing_lines != lines or document.signer_name != name:
        document.signing_lines, document.signer_name = lines, name
        document.approved_body_sha256 = body_sha256(document)
        fields = ["signing_lines", "signer_name", "approved_body_sha256", "updated_at"]
        document.save(update_fields=fields)
    return document


def set_issue_as_published(*, document, data: dict, users: dict):
    """Submit (ISO officer), approve (the reference's signer), issue with the reference's number,
    symbol and date (records officer), publish (ISO officer)."""
    signing, issue = data["signing"], data["issue"]
    document = workflow.document_submit(document=document, actor=users[Role.ISO_OFFICER.value])
    # Approved on the morning of the day the original was signed: a document signed in the app
    # is never dated before its approval.
    approved_at = timezone.make_aware(datetime.datetime.combine(issue["issued_on"], OPENING))
    document = workflow.document_approve(
        document=document, actor=users[signing["approver"]], approved_at=approved_at
    )
    document = _signing_match(document, signing)
    document = workflow.document_issue(
        document=document,
        actor=users[Role.RECORDS_OFFICER.value],
        number=issue.get("number"),
        symbol=issue.get("symbol") or "",
        issued_on=issue["issued_on"],
    )
    return workflow.document_publish(document=document, actor=users[Role.ISO_OFFICER.value])


def set_load(*, agency, data: dict, users: dict) -> tuple[ObjectiveSet, bool]:
    """The reference set, issued and published; (set, created). An existing set is left as is."""
    existing = agency_set(agency, data["year"])
    if existing is not None:
        return existing, False
    with transaction.atomic():
        document = set_build(agency=agency, data=data, actor=users[Role.ISO_OFFICER.value])
        document = set_issue_as_published(document=document, data=data, users=users)
    return document, True
