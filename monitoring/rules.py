"""Who may follow, plan, record and confirm the results of a unit (object: a reporting unit —
anything with agency_id and department_id, None for the agency itself; an ObjectivePlan also has
reporter_id)."""

import rules

from agencies.models import Role
from agencies.permissions import (
    department_has_head,
    has_role,
    is_own_department_head,
    membership_in,
)
from documents.rules import may_draft


@rules.predicate
def may_view_dashboard(user, agency) -> bool:
    """Every member of the agency follows its results."""
    return agency is not None and membership_in(user, agency.pk) is not None


@rules.predicate
def may_plan_monitoring(user, document) -> bool:
    """Frequencies, roll-up rules and reporters of a published set: its drafters."""
    return may_draft(user, document)


@rules.predicate
def may_record_results(user, unit) -> bool:
    """ISO officers for every unit; a department head for their own department; the person
    named as reporter of an objective for that objective."""
    if unit is None:
        return False
    if has_role(user, unit.agency_id, Role.ISO_OFFICER):
        return True
    reporter_id = getattr(unit, "reporter_id", None)
    if reporter_id is not None and reporter_id == user.pk and membership_in(user, unit.agency_id):
        return True
    return is_own_department_head(user, unit)


@rules.predicate
def may_confirm_period(user, unit) -> bool:
    """The head of the unit: the department head, or for the agency itself its head or deputy.
    A department without a head's account is confirmed one step up the line, by the agency's
    head or deputy (else its periods would wait for ever)."""
    if unit is None:
        return False
    if unit.department_id is None:
        return has_role(user, unit.agency_id, Role.HEAD, Role.DEPUTY)
    if is_own_department_head(user, unit):
        return True
    return has_role(user, unit.agency_id, Role.HEAD, Role.DEPUTY) and not department_has_head(
        unit.agency_id, unit.department_id
    )


rules.add_perm("monitoring.view_dashboard", may_view_dashboard)
rules.add_perm("monitoring.plan_monitoring", may_plan_monitoring)
rules.add_perm("monitoring.record_results", may_record_results)
rules.add_perm("monitoring.confirm_period", may_confirm_period)
