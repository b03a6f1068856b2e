"""The content of the scale data set (devtools.scale): sections, objectives, targets, the
search index, document numbers, results and confirmations, all with bulk_create."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from documents.models import DocumentNumber, Status
from monitoring.models import PeriodConfirmation, Result
from monitoring.periods import ended_periods
from monitoring.scoring import rate
from objectives.models import Objective, ObjectiveSet, SearchEntry, Section, Target
from objectives.search import _objective_text, _set_text  # the index's own text, kept in step

FREQUENCY = "quarterly"
# (content, target fields): one of each kind the dashboard scores differently.
KINDS = [
    (
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn và trước hạn đạt ít nhất 96%",
        {"comparison": "at_least", "value": 96, "unit": "%", "wording": "đạt ít nhất 96%"},
    ),
    (
        "Tỷ lệ hồ sơ quá hạn bằng không",
        {"comparison": "exactly", "value": 0, "unit": "%", "wording": "bằng không"},
    ),
    (
        "100% văn bản ban hành đúng thể thức và kỹ thuật trình bày",
        {"comparison": "at_least", "value": 100, "unit": "%", "wording": "100%"},
    ),
    (
        "Tổ chức đánh giá nội bộ Hệ thống quản lý chất lượng ít nhất 02 lần/năm",
        {
            "comparison": "at_least",
            "value": 2,
            "unit": "lần",
            "is_cumulative": True,
            "wording": "ít nhất 02 lần/năm",
        },
    ),
    (
        "Số vụ khiếu nại, phản ánh về thái độ phục vụ không quá 05 vụ",
        {"comparison": "at_most", "value": 5, "unit": "vụ", "wording": "không quá 05 vụ"},
    ),
    (
        "Cải tiến quy trình tiếp nhận và trả kết quả hồ sơ trực tuyến",
        {"comparison": "not_scored", "value": None, "unit": "", "wording": ""},
    ),
]
MEASURES = (
    "Theo dõi trên phần mềm một cửa điện tử; nhắc hồ sơ sắp đến hạn; báo cáo lãnh đạo hằng quý."
)
SECTION_TITLES = ("I. Đối với cơ quan:", "II. Đối với các phòng, đơn vị:")


def _kind(index: int) -> tuple[str, dict]:
    return KINDS[index % len(KINDS)]


def _objective_new(objective_set, index: int, **links) -> Objective:
    content, _target = _kind(index)
    return Objective(
        objective_set=objective_set,
        order=index + 1,
        content=f"{content} (mục tiêu số {index + 1}).",
        measures=MEASURES,
        reporting_frequencies=[FREQUENCY],
        reporting_wording="Báo cáo quý",
        timeframe=f"Năm {objective_set.year}",
        **links,
    )


def _objectives_of_year(people, sets, size, year, previous) -> dict:
    """Create the year's objectives and targets; {department index or None: [(obj, target)]}."""
    agency_set = sets[(year, None)]
    sections = Section.objects.bulk_create(
        [Section(objective_set=agency_set, title=t, order=n) for n, t in enumerate(SECTION_TITLES)]
    )
    units = people.departments
    made = {
        None: _pairs_create(agency_set, size, previous.get(None), sections=sections, units=units)
    }
    parents = made[None]
    for d in range(size.departments):
        made[d] = _pairs_create(sets[(year, d)], size, previous.get(d), parents=parents)
    _supporting_units_add(parents, units)
    return made


def _pairs_create(objective_set, size, previous, *, sections=(), units=(), parents=None) -> list:
    objectives = []
    for i in range(size.objectives):
        links = {
            "copied_from": previous[i][0] if previous else None,
            "parent": parents[i][0] if parents else None,
            "section": sections[i * len(sections) // size.objectives] if sections else None,
            "lead_unit": units[i % len(units)] if units else None,
        }
        objectives.append(_objective_new(objective_set, i, **links))
    objectives = Objective.objects.bulk_create(objectives)
    targets = Target.objects.bulk_create(
        [
            Target(
                objective=objective,
                copied_from=previous[i][1] if previous else None,
                parent=parents[i][1] if parents else None,
                **_kind(i)[1],
            )
            for i, objective in enumerate(objectives)
        ]
    )
    return list(zip(objectives, targets, strict=True))


def _supporting_units_add(pairs, units) -> None:
    if len(units) < 2:
        return
    through = Objective.supporting_units.through
    through.objects.bulk_create(
        [
            through(objective_id=objective.pk, department_id=units[(i + 1) % len(units)].pk)
            for i, (objective, _target) in enumerate(pairs)
        ]
    )


def _search_entries(sets: dict, pairs_by_set: dict) -> None:
    entries = []
    for objective_set in sets.values():
        pairs = pairs_by_set[objective_set.pk]
        titles = SECTION_TITLES if objective_set.department_id is None else ()
        entries.append(
            SearchEntry(objective_set=objective_set, text=_set_text(objective_set, titles))
        )
        entries += [
            SearchEntry(
                objective_set=objective_set,
                objective=objective,
                text=_objective_text(objective, [target.wording] if target.wording else []),
            )
            for objective, target in pairs
        ]
    SearchEntry.objects.bulk_create(entries)


def _numbers(sets: dict) -> None:
    content_type = ContentType.objects.get_for_model(ObjectiveSet)
    DocumentNumber.objects.bulk_create(
        [
            DocumentNumber(
                agency_id=s.agency_id,
                symbol=s.symbol,
                year=s.issued_on.year,
                number=s.number,
                content_type=content_type,
                object_id=s.pk,
                issued_on=s.issued_on,
            )
            for s in sets.values()
            if s.status == Status.PUBLISHED
        ]
    )


def _measured(index: int, rng, quarter: int) -> dict:
    comparison = _kind(index)[1]["comparison"]
    if comparison == "not_scored":
        return {"assessment": f"Quý {quarter}: đã rà soát và cập nhật quy trình."}
    if comparison in ("at_least", "exactly") and _kind(index)[1]["unit"] == "%":
        total = rng.randint(80, 400)
        late = 0 if rng.random() < 0.7 else rng.randint(1, 12)
        numerator = late if comparison == "exactly" else total - late
        return {"numerator": Decimal(numerator), "denominator": Decimal(total)}
    if _kind(index)[1].get("is_cumulative"):
        return {"value": Decimal(1 if quarter in (2, 4) else 0)}
    return {"value": Decimal(rng.randint(0, 3))}


def _results(sets: dict, pairs_by_set: dict, people, rng, today: date) -> list[Result]:
    results = []
    for (year, d), objective_set in sets.items():
        if objective_set.status != Status.PUBLISHED:
            continue
        recorder = people.users["iso"] if d is None else people.department_head(d)
        for period in ended_periods(FREQUENCY, year, today):
            for i, (_objective, target) in enumerate(pairs_by_set[objective_set.pk]):
                values = _measured(i, rng, period.index)
                if "numerator" in values:
                    values["value"] = rate(values["numerator"], values["denominator"])
                results.append(
                    Result(
                        target=target,
                        period_key=period.key,
                        period_start=period.start,
                        period_end=period.end,
                        recorded_by=recorder,
                        **values,
                    )
                )
    return results


def _confirmations(sets: dict, people, today: date) -> list[PeriodConfirmation]:
    """Every unit's reports of past years are confirmed; this year's are still open."""
    rows = []
    for (year, d), objective_set in sets.items():
        if objective_set.status != Status.PUBLISHED or year >= today.year:
            continue
        head = people.users["head"] if d is None else people.department_head(d)
        rows += [
            PeriodConfirmation(
                agency=people.agency,
                department=people.departments[d] if d is not None else None,
                period_key=period.key,
                period_start=period.start,
                period_end=period.end,
                confirmed_by=head,
            )
            for period in ended_periods(FREQUENCY, year, today)
        ]
    return rows


def content_create(people, sets: dict, size, rng, today: date) -> None:
    """Everything inside the sets of one agency (`sets` from devtools.scale._sets_create)."""
    pairs_by_set: dict[int, list] = defaultdict(list)
    previous: dict = {}
    for year in size.year_range:
        made = _objectives_of_year(people, sets, size, year, previous)
        for d, pairs in made.items():
            pairs_by_set[sets[(year, d)].pk] = pairs
        previous = made
    _search_entries(sets, pairs_by_set)
    _numbers(sets)
    Result.objects.bulk_create(_results(sets, pairs_by_set, people, rng, today), batch_size=2000)
    PeriodConfirmation.objects.bulk_create(_confirmations(sets, people, today))
