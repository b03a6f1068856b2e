"""An objective set's content as its document body (documents.body): the set's CONTENT_FIELDS,
its sections, and each objective's and target's CONTENT_FIELDS in the order they print. Read
from the database (never from prefetched copies), so the hash taken at approval and the one
checked at issue see the stored rows. Units print by name, so they are kept with their names.
"""

from objectives.models import Objective, ObjectiveSet, Section, Target

# Objective.CONTENT_FIELDS that are links, serialised apart.
_LINKS = ("section", "lead_unit", "supporting_units")


def _unit(department) -> dict | None:
    return None if department is None else {"id": department.pk, "name": department.name}


def set_body(objective_set: ObjectiveSet) -> dict:
    fresh = ObjectiveSet.objects.filter(pk=objective_set.pk).values(*ObjectiveSet.CONTENT_FIELDS)
    header = fresh.get()
    sections = list(
        Section.objects.filter(objective_set_id=objective_set.pk)
        .order_by("order", "id")
        .values_list("id", "title")
    )
    section_index = {pk: index for index, (pk, _title) in enumerate(sections)}
    objectives = list(
        Objective.objects.filter(objective_set_id=objective_set.pk)
        .select_related("lead_unit")
        .prefetch_related("supporting_units")
        .order_by("order", "id")
    )
    targets: dict[int, list[dict]] = {}
    for row in (
        Target.objects.filter(objective__objective_set_id=objective_set.pk)
        .order_by("order", "id")
        .values("objective_id", *Target.CONTENT_FIELDS)
    ):
        targets.setdefault(row.pop("objective_id"), []).append(row)
    return {
        "set": header,
        "sections": [title for _pk, title in sections],
        "objectives": [
            {
                **{
                    name: getattr(objective, name)
                    for name in Objective.CONTENT_FIELDS
                    if name not in _LINKS
                },
                "section": section_index.get(objective.section_id),
                "lead_unit": _unit(objective.lead_unit),
                "supporting_units": [
                    _unit(unit) for unit in sorted(objective.supporting_units.all(), key=_pk)
                ],
                "targets": targets.get(objective.pk, []),
            }
            for objective in objectives
        ],
    }


def _pk(instance) -> int:
    return instance.pk
