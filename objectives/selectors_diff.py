"""What changed in a set since the set it continues: last year's (objectives copied from it) or
the issued set it revises. Objectives and targets are matched through their `copied_from`
links — never by text or position — so a reworded or moved objective is still "changed", and
one without a link into the base is "added". Reads only; a fixed number of queries."""

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.contrib.contenttypes.models import ContentType
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentEvent, Status
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

    @property
    def paragraphs(self) -> list[list[tuple[str, str]]]:
        """The change word by word inside each paragraph (see word_diff); empty for a short
        value (a number, a unit, a choice), which reads best as "old → new"."""
        if len(self.old.split()) < 4 and len(self.new.split()) < 4:
            return []
        return word_diff(self.old, self.new)


_TOKENS = re.compile(r"\s+|[^\s]+")


def _words(old: str, new: str) -> list[tuple[str, str]]:
    """One paragraph's change as segments ("same" | "del" | "ins", text): a one-word change
    strikes that word, not the paragraph."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(after[j1:j2])))
            continue
        if i2 > i1:
            segments.append(("del", "".join(before[i1:i2])))
        if j2 > j1:
            segments.append(("ins", "".join(after[j1:j2])))
    merged: list[tuple[str, str]] = []
    for op, text in segments:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def word_diff(old: str, new: str) -> list[list[tuple[str, str]]]:
    """Paragraphs (lines) matched first, then words inside each changed pair: a reworded
    căn cứ shows its changed words, a new recipient line shows as one inserted paragraph."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    paragraphs: list[list[tuple[str, str]]] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            paragraphs += [[("same", line)] for line in new_lines[j1:j2]]
            continue
        olds, news = old_lines[i1:i2], new_lines[j1:j2]
        for index in range(max(len(olds), len(news))):
            if index >= len(olds):
                paragraphs.append([("ins", news[index])])
            elif index >= len(news):
                paragraphs.append([("del", olds[index])])
            else:
                paragraphs.append(_words(olds[index], news[index]))
    return paragraphs


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
    if name == "supporting_units" and hasattr(instance, "history_id"):
        # A historical row's links are rows of the historical through table.
        return ", ".join(sorted(link.department.name for link in value.all()))
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


@dataclass
class SinceReturn:
    """The last return of a resubmitted set (who, when, the comment) and what the drafters
    changed since: the approver reads what they asked for beside what was done."""

    event: DocumentEvent
    diff: SetDiff


def _latest_before(history, when, **filters) -> list:
    """The historical rows as they stood at `when`, one per object, deletions left out."""
    rows = history.filter(history_date__lte=when, **filters).latest_of_each()
    return [row for row in rows if row.history_type != "-"]


def changes_since_return(objective_set) -> SinceReturn | None:
    """For a set submitted again after a return, the changes since that return (matched by id:
    the same draft's objectives and targets); None otherwise."""
    if objective_set.status != Status.SUBMITTED:
        return None
    event = (
        DocumentEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(ObjectiveSet),
            object_id=objective_set.pk,
            action="return",
        )
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if event is None:
        return None
    when = event.at
    header = (
        ObjectiveSet.history.filter(id=objective_set.pk, history_date__lte=when)
        .order_by("-history_date", "-history_id")
        .first()
    )
    old_objectives = _latest_before(Objective.history, when, objective_set_id=objective_set.pk)
    old_targets: dict[int, list] = {}
    for target in _latest_before(
        Target.history, when, objective_id__in=[o.id for o in old_objectives]
    ):
        old_targets.setdefault(target.objective_id, []).append(target)
    old_by_id = {o.id: o for o in old_objectives}
    diffs = []
    for objective in (o for _s, items in objective_groups(objective_set) for o in items):
        old = old_by_id.pop(objective.pk, None)
        if old is None:
            diffs.append(ItemDiff("added", objective))
            continue
        diff = ItemDiff("same", objective, changes=_changes(old, objective, OBJECTIVE_DIFF_FIELDS))
        diff.targets = _by_id(objective.targets.all(), old_targets.get(old.id, []))
        if diff.changes or any(t.kind != "same" for t in diff.targets):
            diff.kind = "changed"
        diffs.append(diff)
    diffs += [ItemDiff("removed", old) for old in old_by_id.values()]
    changes = _changes(header, objective_set, HEADER_DIFF_FIELDS) if header else []
    return SinceReturn(
        event=event, diff=SetDiff(base=objective_set, header=changes, objectives=diffs)
    )


def _by_id(new_items, old_items) -> list[ItemDiff]:
    old_by_id = {item.id: item for item in old_items}
    diffs = []
    for item in new_items:
        old = old_by_id.pop(item.pk, None)
        if old is None:
            diffs.append(ItemDiff("added", item))
            continue
        changes = _changes(old, item, TARGET_DIFF_FIELDS)
        diffs.append(ItemDiff("changed" if changes else "same", item, changes=changes))
    diffs += [ItemDiff("removed", old) for old in old_by_id.values()]
    return diffs
