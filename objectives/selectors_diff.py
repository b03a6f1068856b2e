"""What changed in a set since the set it continues: last year's (objectives copied from it) or
the issued set it revises. Objectives and targets are matched through their `copied_from`
links — never by text or position — so a reworded or moved objective is still "changed", and
one without a link into the base is "added". Reads only; a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from objectives.forms import plain_decimal
from objectives.models import (
    Comparison,
    Frequency,
    Objective,
    ObjectiveSet,
    Target,
    fields_except,
)
from objectives.selectors import objective_groups, sets_with_content

# What the review compares: all the content a drafter writes but the annex layout flag and the
# ISO edition, which the diff has never listed.
HEADER_DIFF_FIELDS = fields_except(ObjectiveSet.CONTENT_FIELDS, "annex_as_table", "iso_standard")
OBJECTIVE_DIFF_FIELDS = Objective.CONTENT_FIELDS
TARGET_DIFF_FIELDS = Target.CONTENT_FIELDS


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class ItemDiff:
    """One objective or target: "added", "removed", "changed" or "same"."""

    kind: str
    item: object
    changes: list[Change] = field(default_factory=list)
    targets: list["ItemDiff"] = field(default_factory=list)

    @property
    def is_changed(self) -> bool:
        return self.kind == "changed"


@dataclass
class SetDiff:
    base: ObjectiveSet | None
    header: list[Change] = field(default_factory=list)
    objectives: list[ItemDiff] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for d in self.objectives if d.kind == kind)

    @property
    def counts(self) -> dict:
        return {k: self.count(k) for k in ("added", "removed", "changed", "same")}


def _shown(instance, name: str) -> str:
    """A field's value as a reader would name it (labels, not codes; dd/mm/yyyy; 95,5)."""
    value = getattr(instance, name)
    if name == "supporting_units":
        return ", ".join(sorted(d.name for d in value.all()))
    if name == "reporting_frequencies":
        return ", ".join(str(Frequency(f).label) for f in value or [] if f in Frequency.values)
    if name == "comparison":
        return str(Comparison(value).label) if value in Comparison.values else value
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if value is None:
        return ""
    if hasattr(instance, f"get_{name}_display"):
        return str(getattr(instance, f"get_{name}_display")())
    if name in ("value", "baseline"):
        return formats.number_format(plain_decimal(value))
    if name == "deadline":
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _changes(old, new, names) -> list[Change]:
    changes = []
    for name in names:
        before, after = _shown(old, name), _shown(new, name)
        if before.strip() != after.strip():
            label = capfirst(type(new)._meta.get_field(name).verbose_name)
            changes.append(Change(label=label, old=before, new=after))
    return changes


def _matched(new_items, old_items, names) -> list[ItemDiff]:
    """Pair new items with old ones through copied_from; the rest are added / removed."""
    old_by_pk = {item.pk: item for item in old_items}
    diffs = []
    for item in new_items:
        old = old_by_pk.pop(item.copied_from_id, None) if item.copied_from_id else None
        if old is None:
            diffs.append(ItemDiff("added", item))
            continue
        diff = ItemDiff("same", item, changes=_changes(old, item, names))
        if isinstance(item, Objective):
            diff.targets = _matched(item.targets.all(), old.targets.all(), TARGET_DIFF_FIELDS)
        if diff.changes or any(t.kind != "same" for t in diff.targets):
            diff.kind = "changed"
        diffs.append(diff)
    diffs += [ItemDiff("removed", old) for old in old_by_pk.values()]
    return diffs


def diff_base(objective_set) -> ObjectiveSet | None:
    """The set this one continues: the revised set, else the set most of its objectives were
    copied from (last year's). Works on a set from sets_with_content (one query at most)."""
    if objective_set.revises_id:
        return ObjectiveSet(pk=objective_set.revises_id)
    sources = [o.copied_from_id for o in objective_set.objectives.all() if o.copied_from_id]
    if not sources:
        return None
    set_ids = Objective.objects.filter(pk__in=sources).values_list("objective_set_id", flat=True)
    counted = Counter(set_ids).most_common(1)
    return ObjectiveSet(pk=counted[0][0]) if counted else None


def set_diff(objective_set) -> SetDiff:
    """The changes of `objective_set` (loaded with sets_with_content) against its base."""
    base = diff_base(objective_set)
    if base is None:
        return SetDiff(base=None)
    base = sets_with_content().get(pk=base.pk)
    objective_groups(base)
    new_objectives = [o for _s, items in objective_groups(objective_set) for o in items]
    return SetDiff(
        base=base,
        header=_changes(base, objective_set, HEADER_DIFF_FIELDS),
        objectives=_matched(new_objectives, base.objectives.all(), OBJECTIVE_DIFF_FIELDS),
    )
