"""Who may import the agency's dossier records and read the uploaded exports: its ISO officers
and its head. The exports carry citizens' personal data (Nghị định 13/2023/NĐ-CP), so nobody
else in the agency sees the files, the imports or the mapping; outside the agency, nothing."""

import rules

from agencies.models import Role
from agencies.permissions import has_role


@rules.predicate
def may_import_dossiers(user, agency) -> bool:
    return agency is not None and has_role(user, agency.pk, Role.ISO_OFFICER, Role.HEAD)


@rules.predicate
def may_see_dossier_import(user, job) -> bool:
    """An import's page and its file (while kept)."""
    return job is not None and may_import_dossiers(user, job.agency)


rules.add_perm("dossiers.import_dossiers", may_import_dossiers)
rules.add_perm("dossiers.view_import_file", may_see_dossier_import)


@rules.predicate
def may_bind_measures(user, agency) -> bool:
    """Binding a target to a measure of the dossiers (and recomputing, unbinding): the agency's
    ISO officers; its head reads the measures (may_import_dossiers)."""
    return agency is not None and has_role(user, agency.pk, Role.ISO_OFFICER)


rules.add_perm("dossiers.bind_measures", may_bind_measures)
