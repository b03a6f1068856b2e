"""Who may use the Excel template and import of objective sets, and see an import's outcome."""

import rules

from agencies.permissions import (
    drafts_somewhere,
    is_member,
    may_start_agency_set,
    may_start_department_set,
)


@rules.predicate
def may_import_sets(user, agency) -> bool:
    """Excel template and import page: whoever may start some set of the agency (the import
    itself checks may_start_agency_set / may_start_department_set for the chosen one)."""
    return drafts_somewhere(user, agency)


rules.add_perm("objectives.import_sets", may_import_sets)


@rules.predicate
def may_see_import(user, set_import) -> bool:
    """An import's page (its file, its problems): the member who uploaded it, and whoever may
    start the same set (the agency's ISO officers; for a department, also its head)."""
    if set_import is None or not is_member(user, set_import.agency):
        return False
    if set_import.created_by_id == user.pk:
        return True
    if set_import.department is None:
        return may_start_agency_set(user, set_import.agency)
    return may_start_department_set(user, set_import.department)


rules.add_perm("objectives.see_import", may_see_import)
