"""Starting a set: blank, from an official template, copied from last year's issued set, derived
for a department from the agency's issued set, or as a revision of an issued set.

Every function checks the actor's right, refuses a second open set for the same agency,
department and year (checked first for a clear message; the database constraint is the
backstop), creates the Draft with a DocumentEvent, and returns the new ObjectiveSet. Copies
carry content only: never numbers, dates, signing blocks or issued files.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from agencies.models import owner_name
from agencies.permissions import may_start_agency_set, may_start_department_set
from documents.models import FROZEN_STATUSES, MAX_YEAR, MIN_YEAR, OPEN_STATUSES, Status
from documents.rules import may_draft
from documents.steps import actor_or_none, event_record, require_right, require_status
from objectives.models import (
    DEFAULT_PREAMBLE,
    DocumentForm,
    Objective,
    ObjectiveSet,
    Section,
    Target,
    fields_except,
)
from objectives.reference import templates
from qms_objectives.errors import WorkflowError

# Content of a set that a copy or revision carries over (never number, date, signing, files):
# the annex reference cites the issuing decision's number and date, so it stays behind; the
# template the set was started from goes along.
SET_CONTENT_FIELDS = [
    *fields_except(ObjectiveSet.CONTENT_FIELDS, "annex_reference"),
    "template_key",
]
# Texts in which "năm 2023" means the set's own year (legal bases cite other years: untouched).
YEAR_TEXT_FIELDS = ["title", "decision_subject", "articles"]
SECTION_SKIP = {"id", "objective_set"}
OBJECTIVE_SKIP = {"id", "objective_set", "section", "copied_from", "parent", "version"}
TARGET_SKIP = {"id", "objective", "copied_from", "parent"}
# What a template's objective may give besides its content (read apart, as it is required): no
# section, departments or deadline, which belong to one agency's set of one year.
TEMPLATE_OBJECTIVE_KEYS = set(Objective.CONTENT_FIELDS) - {
    "section",
    "content",
    "lead_unit",
    "supporting_units",
    "deadline",
}
# The value is read apart, as a Decimal.
TEMPLATE_TARGET_KEYS = set(Target.CONTENT_FIELDS) - {"value"}


# --- checks ------------------------------------------------------------------------------------


def require_may_start(actor, agency, department) -> None:
    """WorkflowError (code "forbidden") unless the actor may start a set of the agency, or of
    this department of it. Also used by the Excel import, which starts a set too."""
    if department is None:
        require_right(may_start_agency_set(actor, agency))
    else:
        require_right(
            department.agency_id == agency.pk and may_start_department_set(actor, department)
        )


def open_set_exists(agency, department, year) -> bool:
    """Whether the agency (or the department) has a set of that year being worked on."""
    return ObjectiveSet.objects.filter(
        agency=agency, department=department, year=year, status__in=OPEN_STATUSES
    ).exists()


def _open_exists_error(agency, department, year) -> WorkflowError:
    owner = owner_name(agency, department)
    return WorkflowError(
        _(
            "%(owner)s đã có bộ mục tiêu năm %(year)s đang soạn thảo, chờ duyệt hoặc chờ ban "
            "hành. Hãy tiếp tục bộ đó, hoặc hủy nó trước khi tạo bộ mới."
        )
        % {"owner": owner, "year": year},
        code="open_exists",
    )


def _refuse_second_open(agency, department, year) -> None:
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise WorkflowError(
            _("Năm phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            code="year_invalid",
        )
    if open_set_exists(agency, department, year):
        raise _open_exists_error(agency, department, year)


# --- creation ----------------------------------------------------------------------------------


def _save_new(instance, actor) -> None:
    instance._history_user = actor_or_none(actor)
    instance.save()


def _set_create(*, actor, action: str, **fields) -> ObjectiveSet:
    objective_set = ObjectiveSet(created_by=actor_or_none(actor), status=Status.DRAFT, **fields)
    try:
        with transaction.atomic():
            _save_new(objective_set, actor)
    except IntegrityError:
        raise _open_exists_error(objective_set.agency, objective_set.department, fields["year"])
    event_record(document=objective_set, actor=actor, action=action, from_status="")
    return objective_set


def _default_preamble(agency, department) -> str:
    owner = owner_name(agency, department)
    return DEFAULT_PREAMBLE.format(agency=owner)


def set_start_blank(*, agency, department=None, year: int, actor, form: str = DocumentForm.LIST):
    """A Draft with no objectives and the fixed preamble of the official form."""
    if form not in DocumentForm.values:
        raise WorkflowError(_("Hình thức văn bản không hợp lệ."), code="form_invalid")
    with transaction.atomic():
        require_may_start(actor, agency, department)
        _refuse_second_open(agency, department, year)
        return _set_create(
            actor=actor,
            action="start",
            agency=agency,
            department=department,
            year=year,
            form=form,
            iso_standard=agency.iso_standard,
            preamble=_default_preamble(agency, department),
        )


def _template(key: str) -> dict:
    try:
        return templates.get_template(key)
    except LookupError:
        raise WorkflowError(_("Không có mẫu “%(key)s”.") % {"key": key}, code="template_unknown")


def _template_objectives_create(objective_set, items: list[dict], actor) -> None:
    for order, item in enumerate(items, start=1):
        extra = {k: v for k, v in item.items() if k in TEMPLATE_OBJECTIVE_KEYS and v is not None}
        objective = Objective(
            objective_set=objective_set, order=order, content=item["content"], **extra
        )
        _save_new(objective, actor)
        for t_order, target in enumerate(item.get("targets") or [], start=1):
            values = {k: v for k, v in target.items() if k in TEMPLATE_TARGET_KEYS}
            value = target.get("value")
            value = None if value is None else Decimal(str(value))
            _save_new(Target(objective=objective, order=t_order, value=value, **values), actor)


def set_start_from_template(*, agency, department=None, year: int, actor, template_key: str):
    """A Draft from one of the official templates (objectives.reference.templates)."""
    template = _template(template_key)
    owner = owner_name(agency, department)
    preamble = (template.get("preamble") or "").replace("{agency}", owner)
    with transaction.atomic():
        require_may_start(actor, agency, department)
        _refuse_second_open(agency, department, year)
        objective_set = _set_create(
            actor=actor,
            action="start_from_template",
            agency=agency,
            department=department,
            year=year,
            form=template.get("form") or DocumentForm.LIST,
            iso_standard=agency.iso_standard,
            preamble=preamble or _default_preamble(agency, department),
            template_key=template_key,
        )
        _template_objectives_create(objective_set, template.get("objectives") or [], actor)
    return objective_set


# --- copies ------------------------------------------------------------------------------------


def _values(instance, skip: set) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in skip
    }


def _links(old, mode: str) -> dict:
    """copy: continues last year's row; revise: also keeps its agency parent; derive: the agency
    row becomes the parent."""
    if mode == "derive":
        return {"parent_id": old.pk, "copied_from_id": None}
    return {"copied_from_id": old.pk, "parent_id": old.parent_id if mode == "revise" else None}


def _objective_copy(old, new_set, section_id, mode: str, actor) -> None:
    new = Objective(
        objective_set=new_set,
        section_id=section_id,
        **_values(old, OBJECTIVE_SKIP),
        **_links(old, mode),
    )
    _save_new(new, actor)
    new.supporting_units.set(old.supporting_units.all())
    for target in old.targets.all():
        _save_new(
            Target(objective=new, **_values(target, TARGET_SKIP), **_links(target, mode)), actor
        )


def _content_copy(source, new_set, *, mode: str, actor, objective_ids=None) -> None:
    """Sections (not when deriving), objectives with their targets and supporting units."""
    sections = {}
    if mode != "derive":
        for section in source.sections.all():
            new_section = Section(objective_set=new_set, **_values(section, SECTION_SKIP))
            _save_new(new_section, actor)
            sections[section.pk] = new_section.pk
    objectives = source.objectives.prefetch_related("targets", "supporting_units")
    if objective_ids is not None:
        objectives = objectives.filter(pk__in=objective_ids)
    for old in objectives.order_by("order", "id"):
        _objective_copy(old, new_set, sections.get(old.section_id), mode, actor)


def _set_content(source, *, year: int) -> dict:
    fields = {name: getattr(source, name) for name in SET_CONTENT_FIELDS}
    if year != source.year:
        old, new = f"năm {source.year}", f"năm {year}"
        for name in YEAR_TEXT_FIELDS:
            fields[name] = fields[name].replace(old, new)
    return fields


def set_copy_from(*, source, year: int, actor):
    """Next year's Draft copied from an issued set: content, sections, objectives, targets and
    measures, each objective and target linked by copied_from."""
    source = ObjectiveSet.objects.get(pk=source.pk)
    agency, department = source.agency, source.department
    with transaction.atomic():
        require_may_start(actor, agency, department)
        require_status(source, FROZEN_STATUSES, "copy")
        if int(year) == source.year:
            raise WorkflowError(
                _("Bộ mục tiêu mới phải cho năm khác; trong cùng năm hãy lập bản sửa đổi."),
                code="same_year",
            )
        _refuse_second_open(agency, department, year)
        new_set = _set_create(
            actor=actor,
            action="copy",
            agency=agency,
            department=department,
            year=year,
            **_set_content(source, year=year),
        )
        _content_copy(source, new_set, mode="copy", actor=actor)
    return new_set


def _department_form(agency_set) -> str:
    if agency_set.form != DocumentForm.DECISION:
        return agency_set.form
    return DocumentForm.TABLE if agency_set.annex_as_table else DocumentForm.LIST


def _check_derivable(agency_set, department, objective_ids) -> None:
    if agency_set.department_id is not None:
        raise WorkflowError(
            _("Chỉ xây dựng được từ bộ mục tiêu của cả cơ quan."), code="not_agency_set"
        )
    require_status(agency_set, (Status.ISSUED, Status.PUBLISHED), "derive")
    require_right(department.agency_id == agency_set.agency_id)
    chosen = set(objective_ids or [])
    own = set(agency_set.objectives.values_list("pk", flat=True))
    if not chosen or not chosen <= own:
        raise WorkflowError(
            _("Hãy chọn ít nhất một mục tiêu trong bộ mục tiêu của cơ quan."),
            code="objectives_invalid",
        )


def set_derive_from_agency(*, agency_set, department, year: int, actor, objective_ids):
    """A department's Draft carrying the chosen objectives of the agency's issued set, each
    objective and target linked to the agency's as `parent`."""
    agency_set = ObjectiveSet.objects.get(pk=agency_set.pk)
    agency = agency_set.agency
    with transaction.atomic():
        require_may_start(actor, agency, department)
        _check_derivable(agency_set, department, objective_ids)
        _refuse_second_open(agency, department, year)
        new_set = _set_create(
            actor=actor,
            action="derive",
            agency=agency,
            department=department,
            year=year,
            parent=agency_set,
            form=_department_form(agency_set),
            orientation=agency_set.orientation,
            iso_standard=agency_set.iso_standard,
            preamble=_default_preamble(agency, department),
        )
        _content_copy(agency_set, new_set, mode="derive", actor=actor, objective_ids=objective_ids)
    return new_set


def _next_revision(document) -> int:
    """One more than any revision of the same agency, department and year (a withdrawn
    revision keeps its number)."""
    same = ObjectiveSet.objects.filter(
        agency_id=document.agency_id, department_id=document.department_id, year=document.year
    )
    return (same.aggregate(top=Max("revision"))["top"] or 0) + 1


def set_revise(*, document, actor):
    """A new Draft revising an issued set: revision + 1, `revises` link, copied_from links.
    When the revision is published, the revised set becomes Superseded."""
    document = ObjectiveSet.objects.get(pk=document.pk)
    with transaction.atomic():
        require_right(may_draft(actor, document))
        require_status(document, (Status.ISSUED, Status.PUBLISHED), "revise")
        _refuse_second_open(document.agency, document.department, document.year)
        new_set = _set_create(
            actor=actor,
            action="revise",
            agency=document.agency,
            department=document.department,
            year=document.year,
            revision=_next_revision(document),
            revises=document,
            parent_id=document.parent_id,
            **_set_content(document, year=document.year),
        )
        _content_copy(document, new_set, mode="revise", actor=actor)
    return new_set
