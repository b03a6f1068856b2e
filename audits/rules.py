"""Who may see and keep an agency's internal audit and management review records (object: an
InternalAudit or a ManagementReview, or an Agency for the list). The agency's ISO officers keep
them; its head and deputies read them; the oversight bodies with the agency in scope that year
read them too. Nobody else knows they exist (the views answer 404)."""

import rules

from agencies.models import Role
from agencies.oversight import oversees
from agencies.permissions import has_role

READERS = (Role.ISO_OFFICER, Role.HEAD, Role.DEPUTY)


def may_read_records(user, agency, year: int) -> bool:
    """The list of a year: the agency's readers, or an overseer of that year."""
    if agency is None:
        return False
    return has_role(user, agency.pk, *READERS) or oversees(user, agency.pk, year=year)


@rules.predicate
def may_keep_records(user, agency) -> bool:
    return agency is not None and has_role(user, agency.pk, Role.ISO_OFFICER)


@rules.predicate
def may_view_record(user, record) -> bool:
    return record is not None and may_read_records(user, record.agency, record.year)


@rules.predicate
def may_edit_record(user, record) -> bool:
    return record is not None and has_role(user, record.agency_id, Role.ISO_OFFICER)


rules.add_perm("audits.add_record", may_keep_records)
rules.add_perm("audits.view_record", may_view_record)
rules.add_perm("audits.change_record", may_edit_record)
