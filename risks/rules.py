"""Who may read and keep the registers of risks and opportunities (object: a Risk, or an unsaved
one naming the scope)."""

import rules

from agencies.models import Role
from agencies.permissions import drafts_somewhere, has_role, is_own_department_head, membership_in


@rules.predicate
def may_read_risks(user, agency) -> bool:
    """Every member of the agency reads its registers of risks and opportunities."""
    return agency is not None and membership_in(user, agency.pk) is not None


@rules.predicate
def may_edit_risk(user, risk) -> bool:
    """ISO officers for every register of their agency; a department head for the register of
    their own department."""
    if risk is None:
        return False
    if has_role(user, risk.agency_id, Role.ISO_OFFICER):
        return True
    return is_own_department_head(user, risk)


@rules.predicate
def may_add_risks(user, agency) -> bool:
    """Whoever may edit some register of the agency: its ISO officers and department heads."""
    return drafts_somewhere(user, agency)


rules.add_perm("risks.view_risk", may_read_risks)
rules.add_perm("risks.add_risk", may_add_risks)
rules.add_perm("risks.change_risk", may_edit_risk)
