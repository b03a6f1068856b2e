"""Who may use the Excel template and import of objective sets."""

import rules

from agencies.permissions import drafts_somewhere


@rules.predicate
def may_import_sets(user, agency) -> bool:
    """Excel template and import page: whoever may start some set of the agency (the import
    itself checks may_start_agency_set / may_start_department_set for the chosen one)."""
    return drafts_somewhere(user, agency)


rules.add_perm("objectives.import_sets", may_import_sets)
