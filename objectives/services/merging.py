"""Three-way merge of an edit with what others saved since the user opened the form (issue 18).

A form carries the version it was opened with; the history row of that version is the *base*.
Of what the user posts, only the fields they changed from the base are written. A field someone
else changed since (the value saved now differs from the base) is never overwritten: if the user
changed it too, to something else, it is a conflict, and the save is refused until they choose.
A field the user left as loaded is not written at all, so another editor's change to it stays.

The functions here compare values; editing.py reads the rows and writes.
"""

from dataclasses import dataclass, field

from django.db import models

# The base of a field, or of a target, that no history row gives: every difference is a conflict.
UNKNOWN = object()


def comparable(value):
    """A value reduced to what two editors can agree on: a row by its id, a set of rows or
    choices without its order, text without the browser's carriage returns."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (models.QuerySet, list, tuple, set, frozenset)):
        return tuple(sorted((comparable(item) for item in value), key=repr))
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return value


def same(one, other) -> bool:
    return comparable(one) == comparable(other)


@dataclass(frozen=True)
class Conflict:
    """One field (or, with `name` "", a whole target) that both the user and someone else
    changed since the base, to different values. `key` names the choice in the form."""

    key: str
    name: str
    saved: object
    mine: object
    target_id: int | None = None


@dataclass
class FieldsMerge:
    changes: dict = field(default_factory=dict)  # what the save writes
    mine: dict = field(default_factory=dict)  # every field the user changed from the base
    conflicts: list = field(default_factory=list)


def merge_fields(base, current: dict, mine: dict, *, keep_saved=(), prefix="", target_id=None):
    """Merge the user's values (`mine`: the fields their form has) with the row as saved now
    (`current`) over the row they loaded (`base`, a dict, or UNKNOWN). A key in `keep_saved`
    (`prefix` + name) is a field the user chose to leave as saved."""
    merged = FieldsMerge()
    for name, value in mine.items():
        key = prefix + name
        if key in keep_saved:
            continue
        loaded = UNKNOWN if base is UNKNOWN else base.get(name, UNKNOWN)
        if loaded is not UNKNOWN and same(value, loaded):
            continue  # left as loaded: whatever is saved now stays
        merged.mine[name] = value
        saved = current[name]
        if same(value, saved):
            continue  # already so
        if loaded is not UNKNOWN and same(saved, loaded):
            merged.changes[name] = value
        else:
            merged.conflicts.append(Conflict(key, name, saved, value, target_id))
    return merged


@dataclass
class TargetsMerge:
    updates: dict = field(default_factory=dict)  # id → {field: value} to write
    creates: list = field(default_factory=list)  # new targets' values
    deletes: list = field(default_factory=list)  # ids to remove
    order: list = field(default_factory=list)  # ids and new targets' indexes, as they end up
    mine: dict = field(default_factory=dict)  # id → the fields the user changed
    conflicts: list = field(default_factory=list)


def target_key(target_id: int) -> str:
    return f"t{target_id}-"


def merge_targets(base: dict, current: dict, mine: list, removed, *, keep_saved=()):
    """Merge the user's targets with the objective's targets as saved now, matched by id.

    `base` and `current`: id → the target's fields (with "order"); `mine`: the targets in the
    user's order, each a dict of its fields with "id" (None for a new one); `removed`: the ids
    the user deleted. A target someone else added is kept; one the user deleted is removed unless
    someone changed it since (a conflict, key "t<id>-"); one someone else removed stays removed
    (a conflict, with nothing to choose, when the user had changed it)."""
    merged = TargetsMerge()
    for row in mine:
        target_id = row.get("id")
        values = {name: value for name, value in row.items() if name != "id"}
        if not target_id:
            merged.creates.append(values)
            continue
        loaded = base.get(target_id, UNKNOWN)
        if target_id not in current:
            changed = loaded is UNKNOWN or any(
                not same(value, loaded.get(name)) for name, value in values.items()
            )
            if changed:
                conflict = Conflict(target_key(target_id), "", None, values, target_id)
                merged.conflicts.append(conflict)
            continue
        fields = merge_fields(
            loaded,
            current[target_id],
            values,
            keep_saved=keep_saved,
            prefix=target_key(target_id),
            target_id=target_id,
        )
        if fields.mine:
            merged.mine[target_id] = fields.mine
        if fields.changes:
            merged.updates[target_id] = fields.changes
        merged.conflicts.extend(fields.conflicts)
    for target_id in removed:
        if target_id not in current or target_key(target_id) in keep_saved:
            continue
        loaded = base.get(target_id, UNKNOWN)
        untouched = loaded is not UNKNOWN and all(
            same(value, loaded.get(name))
            for name, value in current[target_id].items()
            if name != "order"
        )
        if untouched:
            merged.deletes.append(target_id)
        else:
            conflict = Conflict(target_key(target_id), "", current[target_id], None, target_id)
            merged.conflicts.append(conflict)
    merged.order = _order(base, current, mine, merged.deletes)
    return merged


def _order(base: dict, current: dict, mine: list, deletes: list) -> list:
    """The targets' final order, as ids and ("new", k) for the k-th new one: as saved now (new
    ones last) unless the user reordered the ones they loaded or put a new one before them; then
    theirs, with the targets others added after."""
    sequence, new = [], 0
    for row in mine:
        if row.get("id"):
            sequence.append(row["id"])
        else:
            sequence.append(("new", new))
            new += 1
    loaded = [i for i in sequence if not isinstance(i, tuple)]
    added = [i for i in sequence if isinstance(i, tuple)]
    by_base = sorted(loaded, key=lambda i: (base.get(i, {}).get("order", 0), i))
    if sequence == by_base + added:
        order = sorted(current, key=lambda i: (current[i].get("order", 0), i)) + added
    else:
        others = [i for i in current if i not in loaded]
        order = sequence + sorted(others, key=lambda i: (current[i].get("order", 0), i))
    return [i for i in order if (isinstance(i, tuple) or i in current) and i not in deletes]
