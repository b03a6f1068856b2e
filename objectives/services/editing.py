"""Versioned edits of a set being drafted: its header, sections, objectives and their targets.

Several people may edit one set at once. The set's header and each objective carry an integer
`version`; a save is one `UPDATE … WHERE pk = … AND version = n` that also writes n + 1, so the
later of two edits of the same thing updates no row and is refused with EditConflict (the view
keeps what the user typed). Edits of different objectives never conflict. Adding, removing and
reordering bump the set's version, so a header form opened before the change must be re-read.

Every function refuses unless the set is Draft or Returned and the actor may draft it.
"""

from django.db import transaction
from django.db.models import F, Max, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import steps
from documents.rules import may_draft
from documents.workflow import ensure_editable
from objectives.models import Objective, ObjectiveSet, Section, Target, fields_except
from qms_objectives.errors import WorkflowError

# What the editor writes with one `UPDATE`; the lists themselves live on the models.
HEADER_FIELDS = ObjectiveSet.CONTENT_FIELDS
# supporting_units is many-to-many, which an UPDATE cannot write: passed apart, set after it.
OBJECTIVE_FIELDS = fields_except(Objective.CONTENT_FIELDS, "supporting_units")
TARGET_FIELDS = Target.CONTENT_FIELDS


class EditConflict(WorkflowError):
    """Someone saved (or removed) the same thing since this user opened it."""

    def __init__(self, message: str, current_version: int | None):
        super().__init__(message, code="conflict")
        self.current_version = current_version


# --- shared steps -----------------------------------------------------------------------------


def _editable_set(objective_set_id: int, actor) -> ObjectiveSet:
    """The set's row, locked for the transaction; refused unless the actor may edit it now."""
    locked = steps.lock(ObjectiveSet(pk=objective_set_id))
    steps.require_right(may_draft(actor, locked))
    ensure_editable(locked)
    return locked


def _only(fields: dict, allowed: tuple) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    return fields


def _check_relations(objective_set: ObjectiveSet, fields: dict) -> None:
    section = fields.get("section")
    if section is not None and section.objective_set_id != objective_set.pk:
        raise WorkflowError(_("Mục phải thuộc cùng bộ mục tiêu."), code="invalid")
    lead_unit = fields.get("lead_unit")
    if lead_unit is not None and lead_unit.agency_id != objective_set.agency_id:
        raise WorkflowError(_("Đơn vị chủ trì phải thuộc cơ quan của bộ mục tiêu."), code="invalid")


def _history(model, instance, actor) -> None:
    """QuerySet.update() writes no simple_history row; record the saved state explicitly."""
    model.history.bulk_history_create(
        [instance], update=True, default_user=steps.actor_or_none(actor)
    )


def _bump_set_version(objective_set: ObjectiveSet) -> None:
    ObjectiveSet.objects.filter(pk=objective_set.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )


def _renumber(objective_set: ObjectiveSet) -> None:
    """Give objectives the order 1…n in which they print: unsectioned first, then section by
    section, each keeping its relative order. One read and at most one bulk update."""
    sections = dict(
        Section.objects.filter(objective_set=objective_set)
        .order_by("order", "id")
        .values_list("id", "order")
    )
    position = {pk: index for index, pk in enumerate(sections)}
    objectives = list(
        Objective.objects.filter(objective_set=objective_set).only("order", "section")
    )
    objectives.sort(key=lambda o: (position.get(o.section_id, -1), o.order, o.pk))
    changed = []
    for order, objective in enumerate(objectives, start=1):
        if objective.order != order:
            objective.order = order
            changed.append(objective)
    if changed:
        Objective.objects.bulk_update(changed, ["order"])


# --- header -----------------------------------------------------------------------------------


def set_header_update(*, objective_set, actor, version: int, fields: dict) -> ObjectiveSet:
    """Save the header fields if nobody changed the set since `version` was read."""
    _only(fields, HEADER_FIELDS)
    with transaction.atomic():
        locked = _editable_set(objective_set.pk, actor)
        saved = ObjectiveSet.objects.filter(pk=locked.pk, version=version).update(
            **fields, version=version + 1, updated_at=timezone.now()
        )
        if not saved:
            raise EditConflict(
                _(
                    "Bộ mục tiêu vừa được người khác thay đổi sau khi bạn mở trang này. "
                    "Nội dung bạn nhập vẫn được giữ bên dưới; hãy xem lại rồi lưu lần nữa."
                ),
                current_version=locked.version,
            )
        fresh = ObjectiveSet.objects.select_related("agency", "department").get(pk=locked.pk)
        _history(ObjectiveSet, fresh, actor)
    return fresh


# --- objectives and their targets ---------------------------------------------------------------


def _targets_save(objective: Objective, targets: list[dict], actor) -> None:
    """Make the objective's targets exactly `targets` (in that order): rows with an "id" are
    updated, rows without are created, targets left out are removed."""
    existing = {t.pk: t for t in Target.objects.filter(objective=objective)}
    kept = []
    for order, data in enumerate(targets, start=1):
        values = {key: data[key] for key in TARGET_FIELDS if key in data}
        target = existing.get(data.get("id")) if data.get("id") else Target(objective=objective)
        if target is None:
            raise WorkflowError(_("Chỉ tiêu không thuộc mục tiêu này."), code="invalid")
        kept.append(target.pk)
        changes = {
            key: value
            for key, value in {**values, "order": order}.items()
            if getattr(target, key) != value
        }
        if target.pk and not changes:
            continue  # unchanged: no write, no history row
        for key, value in changes.items():
            setattr(target, key, value)
        target._history_user = steps.actor_or_none(actor)
        target.save()
    for target in existing.values():
        if target.pk not in kept:
            target._history_user = steps.actor_or_none(actor)
            target.delete()


def objective_add(
    *, objective_set, actor, fields: dict, supporting_units=(), targets=()
) -> Objective:
    """A new objective at the end of its section (or of the unsectioned ones)."""
    _only(fields, OBJECTIVE_FIELDS)
    with transaction.atomic():
        locked = _editable_set(objective_set.pk, actor)
        _check_relations(locked, fields)
        last = Objective.objects.filter(objective_set=locked).aggregate(m=Max("order"))["m"]
        objective = Objective(objective_set=locked, order=(last or 0) + 1, **fields)
        objective._history_user = steps.actor_or_none(actor)
        objective.save()
        objective.supporting_units.set(supporting_units)
        _targets_save(objective, list(targets), actor)
        _renumber(locked)
        _bump_set_version(locked)
    return objective


def _objective_conflict(objective_id: int) -> EditConflict:
    current = Objective.objects.filter(pk=objective_id).values_list("version", flat=True).first()
    if current is None:
        message = _("Mục tiêu này vừa bị người khác xóa. Nội dung bạn nhập vẫn được giữ bên dưới.")
    else:
        message = _(
            "Mục tiêu này vừa được người khác sửa sau khi bạn mở. Nội dung bạn nhập vẫn được "
            "giữ bên dưới; hãy xem bản đã lưu rồi lưu lần nữa nếu vẫn muốn thay đổi."
        )
    return EditConflict(message, current_version=current)


def objective_update(
    *,
    objective,
    actor,
    version: int,
    fields: dict,
    supporting_units=None,
    targets: list[dict] | None = None,
) -> Objective:
    """Save one objective (and, when given, its supporting units and targets) if nobody
    changed it since `version` was read. Moving it to another section places it last there."""
    _only(fields, OBJECTIVE_FIELDS)
    with transaction.atomic():
        locked = _editable_set(objective.objective_set_id, actor)
        _check_relations(locked, fields)
        old_section_id = (
            Objective.objects.filter(pk=objective.pk).values_list("section_id", flat=True).first()
        )
        saved = Objective.objects.filter(
            pk=objective.pk, objective_set=locked, version=version
        ).update(**fields, version=version + 1)
        if not saved:
            raise _objective_conflict(objective.pk)
        fresh = Objective.objects.get(pk=objective.pk)
        if supporting_units is not None:
            fresh.supporting_units.set(supporting_units)
        if targets is not None:
            _targets_save(fresh, targets, actor)
        if "section" in fields and fresh.section_id != old_section_id:
            Objective.objects.filter(pk=fresh.pk).update(order=10**6)
            _renumber(locked)
            _bump_set_version(locked)
            fresh.refresh_from_db(fields=["order"])
        _history(Objective, fresh, actor)
    return fresh


def objective_remove(*, objective, actor, version: int) -> None:
    """Remove an objective (with its targets) unless someone changed it since `version`."""
    with transaction.atomic():
        locked = _editable_set(objective.objective_set_id, actor)
        rows = Objective.objects.filter(pk=objective.pk, objective_set=locked, version=version)
        if not rows.exists():
            raise _objective_conflict(objective.pk)
        try:
            for row in rows:
                row._history_user = steps.actor_or_none(actor)
                row.delete()
        except ProtectedError:
            raise WorkflowError(
                _("Không thể xóa: mục tiêu này đang được mục tiêu của phòng, đơn vị kế thừa."),
                code="protected",
            )
        _renumber(locked)
        _bump_set_version(locked)


def _neighbour(items: list, current, direction: int):
    index = [item.pk for item in items].index(current.pk) + (1 if direction > 0 else -1)
    return items[index] if 0 <= index < len(items) else None


def objective_move(*, objective, actor, direction: int) -> bool:
    """Move an objective one place up (direction < 0) or down within its section. Returns
    False when it is already first or last there."""
    with transaction.atomic():
        locked = _editable_set(objective.objective_set_id, actor)
        current = Objective.objects.get(pk=objective.pk, objective_set=locked)
        same_section = list(
            Objective.objects.filter(objective_set=locked, section_id=current.section_id)
            .only("order", "section")
            .order_by("order", "id")
        )
        other = _neighbour(same_section, current, direction)
        if other is None:
            return False
        Objective.objects.filter(pk=current.pk).update(order=other.order)
        Objective.objects.filter(pk=other.pk).update(order=current.order)
        _renumber(locked)
        _bump_set_version(locked)
    return True


# --- sections ---------------------------------------------------------------------------------


def section_add(*, objective_set, actor, title: str) -> Section:
    with transaction.atomic():
        locked = _editable_set(objective_set.pk, actor)
        last = Section.objects.filter(objective_set=locked).aggregate(m=Max("order"))["m"]
        section = Section(objective_set=locked, title=title, order=(last or 0) + 1)
        section._history_user = steps.actor_or_none(actor)
        section.save()
        _bump_set_version(locked)
    return section


def section_rename(*, section, actor, title: str) -> Section:
    with transaction.atomic():
        _editable_set(section.objective_set_id, actor)
        section.title = title
        section._history_user = steps.actor_or_none(actor)
        section.save(update_fields=["title"])
    return section


def section_remove(*, section, actor) -> None:
    """Remove a section; its objectives stay in the set, without a section."""
    with transaction.atomic():
        locked = _editable_set(section.objective_set_id, actor)
        Objective.objects.filter(section=section).update(section=None, order=0)
        section._history_user = steps.actor_or_none(actor)
        section.delete()
        _renumber(locked)
        _bump_set_version(locked)


def section_move(*, section, actor, direction: int) -> bool:
    with transaction.atomic():
        locked = _editable_set(section.objective_set_id, actor)
        sections = list(Section.objects.filter(objective_set=locked).order_by("order", "id"))
        current = next(s for s in sections if s.pk == section.pk)
        other = _neighbour(sections, current, direction)
        if other is None:
            return False
        for index, item in enumerate(sections, start=1):
            item.order = index
        current.order, other.order = other.order, current.order
        Section.objects.bulk_update(sections, ["order"])
        _renumber(locked)
        _bump_set_version(locked)
    return True
