"""A target's series of results across mid-year revisions ("Lập bản sửa đổi").

Results stay on the target they were recorded for (`Result.target`): nothing is copied or moved
when a revision is published, so no result is duplicated or lost, and the issued documents (the
revised set, a year-end report that froze figures) read exactly what they read before.

A revision copies each target with `copied_from` pointing to the revised set's target, of the
same year. Monitoring reads a target's series as its own results plus those of its same-year
predecessors, walking `copied_from` back while the measure (comparison, value, unit) is
unchanged: a wording-only change carries the series over. A result recorded on the newer target
for a period wins over the older one's (it is the later word on that period). Where the measure
changed the walk stops: the predecessor's results remain its own series, shown read-only beside
the new one as of the previous revision, and do not count towards the new target. A copy into
the next year (`copied_from` to last year's target) is a baseline, never part of the series.
"""

from dataclasses import dataclass, field

from objectives.models import Target

MEASURE = ("comparison", "value", "unit")


def same_measure(target, earlier) -> bool:
    """Whether a revision kept the target's measure (its wording may have changed)."""
    return all(getattr(target, name) == getattr(earlier, name) for name in MEASURE)


@dataclass
class Lineage:
    """For targets in force: the earlier targets of the same year that lead to them."""

    carried: dict[int, list[int]] = field(default_factory=dict)  # nearest first
    previous: dict[int, Target] = field(default_factory=dict)  # the measure changed there
    walked: set[int] = field(default_factory=set)  # targets of revised sets
    baseline_from: dict[int, int] = field(default_factory=dict)  # last year's target

    def baseline_source(self, target) -> int | None:
        """The target whose results give this one's baseline: last year's target it continues,
        found through the revisions (never a target of the same year)."""
        if target.pk in self.walked:
            return self.baseline_from.get(target.pk)
        return target.copied_from_id

    def baseline_ids(self, targets) -> list[int]:
        return [pk for pk in (self.baseline_source(t) for t in targets) if pk]

    def ancestor_ids(self) -> set[int]:
        ids = {pk for chain in self.carried.values() for pk in chain}
        return (
            ids
            | {t.pk for t in self.previous.values()}
            | {pk for t in self.previous.values() for pk in self.carried.get(t.pk, [])}
        )


def lineage(targets, *, year: int) -> Lineage:
    """Walk `copied_from` back within `year` for targets of revised sets (one query per revision
    step, none when no set in force is a revision)."""
    found = Lineage()
    by_pk: dict[int, Target] = {}
    pending = {
        t.pk: t.copied_from_id
        for t in targets
        if t.copied_from_id and t.objective.objective_set.revises_id
    }
    current = {t.pk: t for t in targets}
    found.walked = set(pending)
    changed: set[int] = set()
    while pending:
        wanted = set(pending.values()) - set(by_pk)
        if wanted:
            for earlier in Target.objects.filter(
                pk__in=wanted, objective__objective_set__year=year
            ).select_related("objective__objective_set"):
                by_pk[earlier.pk] = earlier
        following = {}
        for start, earlier_pk in pending.items():
            earlier = by_pk.get(earlier_pk)
            if earlier is None:  # another year's target: a baseline, not the series
                continue
            if start in changed:
                pass  # walking on for the baseline only
            elif same_measure(current[start], earlier):
                found.carried.setdefault(start, []).append(earlier.pk)
            else:
                found.previous[start] = earlier  # the old series, under the old measure
                changed.add(start)
            if earlier.copied_from_id and earlier.objective.objective_set.revises_id:
                following[start] = earlier.copied_from_id
            elif earlier.copied_from_id:  # the first set of the year continues last year's
                found.baseline_from[start] = earlier.copied_from_id
        pending = following
    for old in list(found.previous.values()):  # the old series itself may span revisions
        chain = lineage([old], year=year)
        found.carried.update(chain.carried)
    return found


def merge(own: list, earlier: list[list]) -> list:
    """A target's readings followed by its predecessors' (nearest first), one per period: the
    newest target's result for a period wins. In time order."""
    by_key = {}
    for readings in (own, *earlier):
        for result in readings:
            by_key.setdefault(result.period_key, result)
    return sorted(by_key.values(), key=lambda r: (r.period_start, r.period_end, r.pk))
