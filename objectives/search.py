"""Search that ignores case and Vietnamese diacritics, the same on SQLite and PostgreSQL.

Neither database folds "Đ" to "d" or "ồ" to "o" on its own (SQLite's LIKE folds ASCII only;
PostgreSQL needs the unaccent extension, which still leaves "đ"). So every set and objective
keeps a normalised copy of its text in SearchEntry, and a query is normalised the same way and
matched with a plain `__contains`.

The copy is kept in sync by post_save receivers connected in ObjectivesConfig.ready(), not by
calls from each service: sets and objectives are written by the editor, the workflow, the
starting services, the demo loader and the admin, and a derived index that one of them forgets
to refresh silently hides a document from staff. A set's save (every workflow transition saves
the set) rebuilds all its entries, which also covers objectives created with bulk_create.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save

from objectives.models import Objective, ObjectiveSet, SearchEntry, Section, Target
from qms_objectives.text import fold_for_search

MAX_TERMS = 8


def search_terms(query: str) -> list[str]:
    """The normalised words of a query; every one must occur in the same entry."""
    return fold_for_search(query).split()[:MAX_TERMS]


# --- the index ------------------------------------------------------------------------------


def _set_text(objective_set: ObjectiveSet, section_titles) -> str:
    parts = [
        objective_set.display_title,
        str(objective_set.year),
        objective_set.number_and_symbol,
        objective_set.decision_subject,
        objective_set.department.name if objective_set.department_id else "",
        objective_set.agency.name,
        objective_set.header_agency_name,
        *section_titles,
    ]
    return fold_for_search(" ".join(p for p in parts if p))


def _objective_text(objective: Objective, wordings) -> str:
    parts = [
        objective.content,
        objective.measures,
        objective.responsible_person,
        objective.timeframe,
        objective.reporting_wording,
        objective.printed_targets,
        objective.printed_measures,
        *wordings,
    ]
    return fold_for_search(" ".join(p for p in parts if p))


def search_index_set(objective_set: ObjectiveSet) -> None:
    """Rebuild every entry of one set: its header and each of its objectives."""
    objective_set = ObjectiveSet.objects.select_related("agency", "department").get(
        pk=objective_set.pk
    )
    titles = Section.objects.filter(objective_set=objective_set).values_list("title", flat=True)
    objectives = Objective.objects.filter(objective_set=objective_set).prefetch_related("targets")
    entries = [SearchEntry(objective_set=objective_set, text=_set_text(objective_set, titles))]
    entries += [
        SearchEntry(
            objective_set=objective_set,
            objective=o,
            text=_objective_text(o, [t.wording for t in o.targets.all()]),
        )
        for o in objectives
    ]
    with transaction.atomic():
        SearchEntry.objects.filter(objective_set=objective_set).delete()
        SearchEntry.objects.bulk_create(entries)


def search_index_objective(objective: Objective) -> None:
    wordings = Target.objects.filter(objective=objective).values_list("wording", flat=True)
    SearchEntry.objects.update_or_create(
        objective=objective,
        defaults={
            "objective_set_id": objective.objective_set_id,
            "text": _objective_text(objective, wordings),
        },
    )


def search_index_all() -> int:
    count = 0
    for objective_set in ObjectiveSet.objects.all().iterator():
        search_index_set(objective_set)
        count += 1
    return count


# --- receivers (connected in ObjectivesConfig.ready) -----------------------------------------


def _on_set_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_index_set(instance)


def _on_section_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_index_set(instance.objective_set)


def _on_objective_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search_index_objective(instance)


def _on_target_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    objective = Objective.objects.filter(pk=instance.objective_id).first()
    if objective is not None:
        search_index_objective(objective)


def _on_target_deleted(sender, instance, **kwargs):
    """Only update: when the whole objective is being deleted, its entry is already on the way
    out and must not be created again."""
    objective = Objective.objects.filter(pk=instance.objective_id).first()
    if objective is not None:
        wordings = Target.objects.filter(objective=objective).values_list("wording", flat=True)
        SearchEntry.objects.filter(objective=objective).update(
            text=_objective_text(objective, wordings)
        )


def connect_receivers() -> None:
    post_save.connect(_on_set_saved, sender=ObjectiveSet, dispatch_uid="search_set")
    post_save.connect(_on_section_saved, sender=Section, dispatch_uid="search_section")
    post_save.connect(_on_objective_saved, sender=Objective, dispatch_uid="search_objective")
    post_save.connect(_on_target_saved, sender=Target, dispatch_uid="search_target_saved")
    post_delete.connect(_on_target_deleted, sender=Target, dispatch_uid="search_target_deleted")


# --- the query ------------------------------------------------------------------------------


def search_sets(queryset, query: str):
    """Sets of `queryset` (already limited to what the user may see) whose header or one of
    whose objectives contains every word of the query, ignoring case and diacritics."""
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    entries = SearchEntry.objects.filter(objective_set=OuterRef("pk"))
    for term in terms:
        entries = entries.filter(text__contains=term)
    return queryset.filter(Exists(entries))


def matching_objectives(set_ids, query: str) -> dict[int, list[Objective]]:
    """The objectives that matched, per set, to show under each result."""
    terms = search_terms(query)
    entries = SearchEntry.objects.filter(objective_set_id__in=set_ids, objective__isnull=False)
    for term in terms:
        entries = entries.filter(text__contains=term)
    found: dict[int, list[Objective]] = {}
    objectives = Objective.objects.filter(pk__in=entries.values("objective_id")).order_by(
        "objective_set_id", "order", "id"
    )
    for objective in objectives:
        found.setdefault(objective.objective_set_id, []).append(objective)
    return found
