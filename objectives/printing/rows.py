"""The objectives as the document prints them: numbered across sections, with the cells of the
table form (reference 003) and the lines of the list form (references 000–002, 004's annex)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.formats import number_format

from documents.nd30 import lines
from objectives.models import Comparison, Frequency, Objective, ObjectiveSet, Target

_SYMBOLS = {
    Comparison.AT_LEAST: "≥ ",
    Comparison.AT_MOST: "≤ ",
    Comparison.EXACTLY: "",
    Comparison.GREATER_THAN: "trên ",
    Comparison.LESS_THAN: "dưới ",
    Comparison.INCREASE_BY: "Tăng ",
    Comparison.DECREASE_BY: "Giảm ",
}


@dataclass
class Row:
    """One objective as the document prints it."""

    number: int
    content: str
    targets_cell: str  # "Chỉ tiêu thực hiện"
    measures_cell: list[str]  # "Biện pháp và trách nhiệm", paragraph by paragraph
    time_cell: list[str]  # "Thời gian"
    details: list[str]  # the list form's lines under the sentence ("Chỉ tiêu: …", "Biện pháp: …")


@dataclass
class Group:
    title: str
    rows: list[Row] = field(default_factory=list)


def target_wording(target: Target) -> str:
    """The printed wording, or one made from the number when none was typed ("≥ 96%")."""
    if target.wording:
        return target.wording
    if target.value is None:
        return ""
    value = target.value.normalize() if isinstance(target.value, Decimal) else target.value
    number = number_format(value, use_l10n=True)
    unit = target.unit if target.unit in ("%", "") else f" {target.unit}"
    return f"{_SYMBOLS.get(target.comparison, '')}{number}{unit}"


def _in_sentence(target: Target, content: str) -> bool:
    wording = target_wording(target)
    return target.wording_in_content or (bool(wording) and wording.lower() in content.lower())


def _responsibility(objective: Objective) -> str:
    parts = []
    if objective.lead_unit_id:
        parts.append("Chủ trì: " + objective.lead_unit.name)
    supporting = [unit.name for unit in objective.supporting_units.all()]
    if supporting:
        parts.append("Phối hợp: " + ", ".join(supporting))
    if objective.responsible_person:
        parts.append(objective.responsible_person)
    return "; ".join(parts)


def _reporting(objective: Objective) -> str:
    if objective.reporting_wording:
        return objective.reporting_wording
    labels = [Frequency(f).label.lower() for f in objective.reporting_frequencies or []]
    return ("Báo cáo " + " hoặc ".join(labels)) if labels else ""


def _time(objective: Objective) -> list[str]:
    if objective.printed_time:
        return lines(objective.printed_time)
    timeframe = objective.timeframe
    if not timeframe and objective.deadline:
        timeframe = "Trước ngày " + objective.deadline.strftime("%d/%m/%Y")
    return [text for text in (timeframe, _reporting(objective)) if text]


def _details(objective: Objective, targets: list[Target], responsibility: str) -> list[str]:
    """The list form's lines under an objective: targets not already in its sentence, then
    measures and responsibility when present."""
    content = objective.content
    wordings = [target_wording(t) for t in targets if not _in_sentence(t, content)]
    details = []
    if any(wordings):
        details.append("Chỉ tiêu: " + "; ".join(w for w in wordings if w) + ".")
    measures = "; ".join(lines(objective.measures)).rstrip(".;")
    if measures:
        details.append("Biện pháp: " + measures + ".")
    if responsibility:
        details.append("Trách nhiệm: " + responsibility.rstrip(".") + ".")
    return details


def row_of(number: int, objective: Objective) -> Row:
    targets = list(objective.targets.all())
    responsibility = _responsibility(objective)
    if objective.printed_measures:
        measures_cell = lines(objective.printed_measures)
    else:
        measures_cell = lines(objective.measures) + ([responsibility] if responsibility else [])
    wordings = [w for w in (target_wording(t) for t in targets) if w]
    return Row(
        number=number,
        content=objective.content.strip(),
        targets_cell=objective.printed_targets.strip() or "; ".join(wordings),
        measures_cell=measures_cell,
        time_cell=_time(objective),
        details=_details(objective, targets, responsibility),
    )


def content_prefetch(objective_set: ObjectiveSet) -> None:
    """Load what the document prints onto the instance itself (unsaved changes the workflow made
    before rendering stay), unless a selector already did."""
    if "objectives" in getattr(objective_set, "_prefetched_objects_cache", {}):
        return
    prefetch_related_objects(
        [objective_set],
        "sections",
        Prefetch(
            "objectives",
            queryset=Objective.objects.select_related("lead_unit")
            .prefetch_related("supporting_units", "targets")
            .order_by("order", "id"),
        ),
    )


def groups_of(objective_set: ObjectiveSet) -> list[Group]:
    """Objectives under their sections (in order), numbered 1…n across the whole set; those in
    no section come first, under no title."""
    content_prefetch(objective_set)
    sections = sorted(objective_set.sections.all(), key=lambda s: (s.order, s.pk))
    by_section: dict[int | None, list[Objective]] = {}
    for objective in sorted(objective_set.objectives.all(), key=lambda o: (o.order, o.pk)):
        by_section.setdefault(objective.section_id, []).append(objective)
    ordered = [(None, by_section.get(None, []))] + [(s, by_section.get(s.pk, [])) for s in sections]
    groups, number = [], 0
    for section, objectives in ordered:
        if section is None and not objectives:
            continue
        group = Group(title=section.title if section else "")
        for objective in objectives:
            number += 1
            group.rows.append(row_of(number, objective))
        groups.append(group)
    return groups
