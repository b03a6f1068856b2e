"""Versioned edits of a set being drafted: its header, sections, objectives and their targets.

Several people may edit one set at once. The set's header, each section and each objective carry
an integer `version`, and a form carries the version it was opened with. A save merges (three
ways, merging.py): the history row of that version is what the user loaded; of what they post,
only the fields they changed from it are written, with version + 1. A field someone else changed
since is never overwritten: if the user changed it too, to something else, the save is refused
with EditConflict (nothing is written; the view shows both values and keeps what the user typed)
until they choose, per field, to keep what is saved (`keep_saved`, the default) or theirs (sent
again from the refused form, which carries the version saved now). Targets are matched by id: one
someone else added is kept, one the user deleted is removed unless someone changed it since.
Edits of different objectives never conflict; adding, removing and reordering bump the set's
version (an open header form still merges).

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
from objectives.services.merging import UNKNOWN, merge_fields, merge_targets
from qms_objectives.errors import WorkflowError

# What the editor writes with one `UPDATE`; the lists themselves live on the models.
HEADER_FIELDS = ObjectiveSet.CONTENT_FIELDS
# supporting_units is many-to-many, which an UPDATE cannot write: passed apart, set after it.
OBJECTIVE_FIELDS = fields_except(Objective.CONTENT_FIELDS, "supporting_units")
TARGET_FIELDS = Target.CONTENT_FIELDS


class EditConflict(WorkflowError):
    """Someone saved (or removed) the same thing since this user opened it. `conflicts`: the
    fields both changed (merging.Conflict); `mine`: every field the user changed from what they
    loaded; `targets`: the targets' merge (merging.TargetsMerge) of an objective's save."""

    def __init__(
        self, message: str, current_version: int | None, conflicts=(), mine=None, targets=None
    ):
        super().__init__(message, code="conflict")
        self.current_version = current_version
        self.conflicts = list(conflicts)
        self.mine = mine or {}
        self.targets = targets


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
    """QuerySet.update() writes no simple_history row; record the saved state explicitly (with an
    objective's supporting units, which bulk_history_create leaves out: the row is the base a
    later edit of this version merges over)."""
    (row,) = model.history.bulk_history_create(
        [instance], update=True, default_user=steps.actor_or_none(actor)
    )
    if model is Objective:
        units = row.supporting_units.model
        links = Objective.supporting_units.through.objects.filter(objective=instance)
        units.objects.bulk_create(
            units(history=row, id=link.pk, objective_id=instance.pk, department=link.department)
            for link in links.select_related("department")
        )


def _base_row(model, instance, version: int):
    """The history row of `version` of `instance` (the last written at it; a version that only
    bumped the set's structure has none, and the one before it has the same content)."""
    return (
        model.history.filter(id=instance.pk, version__lte=version)
        .order_by("-version", "-history_date", "-history_id")
        .first()
    )


def _row_values(row, names) -> dict:
    """What `row` (a model or a history row) holds in `names`, a relation by its id."""
    return {name: getattr(row, row._meta.get_field(name).attname) for name in names}


def _base_values(model, current, version: int, names):
    """The fields as the user loaded them at `version`, and the history row they come from
    (None when there is none: then only an unchanged version is known to be what is saved)."""
    row = _base_row(model, current, version)
    if row is not None:
        return _row_values(row, names), row
    if version == current.version:
        return {name: getattr(current, name) for name in names}, None
    return UNKNOWN, None


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


def set_header_update(
    *, objective_set, actor, version: int, fields: dict, keep_saved=()
) -> ObjectiveSet:
    """Save the header fields the user changed since `version` (see the module's docstring)."""
    _only(fields, HEADER_FIELDS)
    with transaction.atomic():
        locked = _editable_set(objective_set.pk, actor)
        base, _row = _base_values(ObjectiveSet, locked, version, fields)
        current = {name: getattr(locked, name) for name in fields}
        merged = merge_fields(base, current, fields, keep_saved=keep_saved)
        if merged.conflicts:
            raise EditConflict(
                _(
                    "Bộ mục tiêu vừa được người khác thay đổi sau khi bạn mở trang này. "
                    "Các ô cả hai người cùng sửa được liệt kê bên dưới: với mỗi ô, hãy chọn giữ "
                    "bản đang lưu hoặc dùng nội dung bạn nhập, rồi lưu lần nữa."
                ),
                current_version=locked.version,
                conflicts=merged.conflicts,
                mine=merged.mine,
            )
        if merged.changes:
            ObjectiveSet.objects.filter(pk=locked.pk, version=locked.version).update(
                **merged.changes, version=locked.version + 1, updated_at=timezone.now()
            )
        fresh = ObjectiveSet.objects.select_related("agency", "department").get(pk=locked.pk)
        if merged.changes:
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


def _objective_conflict(objective_id: int, **merge) -> EditConflict:
    current = Objective.objects.filter(pk=objective_id).values_list("version", flat=True).first()
    if current is None:
        message = _("Mục tiêu này vừa bị người khác xóa. Nội dung bạn nhập vẫn được giữ bên dưới.")
    else:
        message = _(
            "Mục tiêu này vừa được người khác sửa sau khi bạn mở. Các ô cả hai người cùng sửa "
            "được liệt kê bên dưới: với mỗi ô, hãy chọn giữ bản đang lưu hoặc dùng nội dung bạn "
            "nhập, rồi lưu lần nữa. Những thay đổi khác của bạn vẫn được giữ trong mẫu."
        )
    return EditConflict(message, current_version=current, **merge)


def _targets_of(objective) -> dict:
    return {t.pk: t for t in Target.objects.filter(objective=objective).order_by("order", "id")}


def _target_values(target) -> dict:
    return {**_row_values(target, TARGET_FIELDS), "order": target.order}


def _targets_loaded(objective, base_row, ids) -> dict:
    """The targets `ids` as they were when the objective's `base_row` was written (a target
    created just after its objective's first row, in the same save, as it was created)."""
    at, first = {}, {}
    rows = Target.history.filter(objective_id=objective.pk, id__in=ids)
    for row in rows.order_by("history_date", "history_id"):
        first.setdefault(row.id, row)
        if row.history_date <= base_row.history_date:
            at[row.id] = row
    loaded = {}
    for target_id in ids:
        row = at.get(target_id) or first.get(target_id)
        if row is not None and row.history_type != "-":
            loaded[target_id] = _target_values(row)
    return loaded


def _targets_merge(objective, version, base_row, targets, removed, keep_saved):
    current = _targets_of(objective)
    ids = {row["id"] for row in targets if row.get("id")} | set(removed)
    gone = ids - set(current)
    if gone:  # removed since by someone else, or never this objective's
        known = set(
            Target.history.filter(objective_id=objective.pk, id__in=gone).values_list(
                "id", flat=True
            )
        )
        if gone - known:
            raise WorkflowError(_("Chỉ tiêu không thuộc mục tiêu này."), code="invalid")
    if base_row is not None:
        base = _targets_loaded(objective, base_row, ids)
    elif version == objective.version:
        base = {pk: _target_values(t) for pk, t in current.items()}
    else:
        base = {}
    now = {pk: _target_values(t) for pk, t in current.items()}
    merged = merge_targets(base, now, targets, removed, keep_saved=keep_saved)
    return merged, current


def _targets_plan(objective, merged, current: dict) -> list:
    """The targets to save for the merge (new ones and changed ones, in their final order)."""
    position = {key: index for index, key in enumerate(merged.order, start=1)}
    writes = []
    for index, values in enumerate(merged.creates):
        fields = {name: values[name] for name in TARGET_FIELDS if name in values}
        writes.append(Target(objective=objective, order=position[("new", index)], **fields))
    for pk, target in current.items():
        if pk in merged.deletes:
            continue
        changes = dict(merged.updates.get(pk, {}))
        if position[pk] != target.order:
            changes["order"] = position[pk]
        for name, value in changes.items():
            setattr(target, name, value)
        if changes:
            writes.append(target)
    return writes


def _targets_apply(writes: list, deletes: list, current: dict, actor) -> None:
    user = steps.actor_or_none(actor)
    for pk in deletes:
        current[pk]._history_user = user
        current[pk].delete()
    for target in writes:
        target._history_user = user
        target.save()


def objective_update(
    *,
    objective,
    actor,
    version: int,
    fields: dict,
    supporting_units=None,
    targets: list[dict] | None = None,
    removed_targets=(),
    keep_saved=(),
) -> Objective:
    """Save what the user changed of one objective since `version` (see the module's docstring):
    its fields, its supporting units and, when given, its targets (`targets`: those the user
    kept, in their order, each with its "id", None for a new one; `removed_targets`: the ids they
    deleted). Moving it to another section places it last there."""
    _only(fields, OBJECTIVE_FIELDS)
    with transaction.atomic():
        locked = _editable_set(objective.objective_set_id, actor)
        _check_relations(locked, fields)
        current = Objective.objects.filter(pk=objective.pk, objective_set=locked).first()
        if current is None:
            raise _objective_conflict(objective.pk)
        mine = dict(fields)
        names = list(fields)
        if supporting_units is not None:
            mine["supporting_units"] = list(supporting_units)
        base, base_row = _base_values(Objective, current, version, names)
        saved = {name: getattr(current, name) for name in names}
        if supporting_units is not None:
            saved["supporting_units"] = list(current.supporting_units.all())
            if base is not UNKNOWN:
                base["supporting_units"] = (
                    list(base_row.supporting_units.values_list("department_id", flat=True))
                    if base_row is not None
                    else saved["supporting_units"]
                )
        merged = merge_fields(base, saved, mine, keep_saved=keep_saved)
        conflicts = list(merged.conflicts)
        targets_merged = current_targets = None
        if targets is not None:
            targets_merged, current_targets = _targets_merge(
                current, version, base_row, targets, removed_targets, keep_saved
            )
            conflicts += targets_merged.conflicts
        if conflicts:
            raise _objective_conflict(
                objective.pk, conflicts=conflicts, mine=merged.mine, targets=targets_merged
            )
        changes = dict(merged.changes)
        units = changes.pop("supporting_units", None)
        writes, deletes = [], []
        if targets_merged is not None:
            writes = _targets_plan(current, targets_merged, current_targets)
            deletes = targets_merged.deletes
        if not (changes or units is not None or writes or deletes):
            return current  # nothing the user changed differs from what is saved
        Objective.objects.filter(pk=current.pk, version=current.version).update(
            **changes, version=current.version + 1
        )
        fresh = Objective.objects.get(pk=current.pk)
        if units is not None:
            fresh.supporting_units.set(units)
        _targets_apply(writes, deletes, current_targets, actor)
        if "section" in changes:
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


def section_rename(*, section, actor, title: str, version: int, keep_saved=()) -> Section:
    """Rename a section unless someone else renamed it since `version`, differently."""
    with transaction.atomic():
        _editable_set(section.objective_set_id, actor)
        current = Section.objects.filter(pk=section.pk).first()
        if current is None:
            raise EditConflict(_("Mục này vừa bị người khác xóa."), current_version=None)
        base, _row = _base_values(Section, current, version, ["title"])
        merged = merge_fields(
            base, {"title": current.title}, {"title": title}, keep_saved=keep_saved
        )
        if merged.conflicts:
            raise EditConflict(
                _(
                    "Tiêu đề mục này vừa được người khác đổi sau khi bạn mở trang. Hãy chọn giữ "
                    "tiêu đề đang lưu hoặc dùng tiêu đề bạn nhập, rồi lưu lần nữa."
                ),
                current_version=current.version,
                conflicts=merged.conflicts,
                mine=merged.mine,
            )
        if not merged.changes:
            return current
        Section.objects.filter(pk=current.pk, version=current.version).update(
            **merged.changes, version=current.version + 1
        )
        fresh = Section.objects.get(pk=current.pk)
        _history(Section, fresh, actor)
    return fresh


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
