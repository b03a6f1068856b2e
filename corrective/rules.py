"""Who may see and keep corrective actions (object: a CorrectiveAction, or an Agency for the
agency-wide questions). Outside these, an action is not known to exist (the views answer 404)."""

import rules
from django.db.models import Q

from agencies.models import Role
from agencies.permissions import has_role, membership_in


@rules.predicate
def may_keep_actions(user, agency) -> bool:
    """The agency's ISO officers record, edit, verify and close its corrective actions."""
    return agency is not None and has_role(user, agency.pk, Role.ISO_OFFICER)


@rules.predicate
def may_list_actions(user, agency) -> bool:
    """Every member opens the list; it shows only the actions they may see."""
    return agency is not None and membership_in(user, agency.pk) is not None


def _heads_department(user, action, department_id) -> bool:
    membership = membership_in(user, action.agency_id)
    return (
        membership is not None
        and department_id is not None
        and membership.is_department_head
        and membership.department_id == department_id
    )


@rules.predicate
def is_action_owner(user, action) -> bool:
    """The person named, or the head of the department named, to carry the action out."""
    if action is None or membership_in(user, action.agency_id) is None:
        return False
    if action.owner_person_id is not None and action.owner_person_id == user.pk:
        return True
    return _heads_department(user, action, action.owner_department_id)


@rules.predicate
def may_edit_action(user, action) -> bool:
    return action is not None and has_role(user, action.agency_id, Role.ISO_OFFICER)


@rules.predicate
def may_view_action(user, action) -> bool:
    """ISO officers, the head and deputies see every action of the agency; a department head
    those of their department; anyone those they carry out."""
    if action is None:
        return False
    if has_role(user, action.agency_id, Role.ISO_OFFICER, Role.HEAD, Role.DEPUTY):
        return True
    return is_action_owner(user, action) or _heads_department(user, action, action.department_id)


def visible_filter(user, agency) -> Q | None:
    """The actions of `agency` that `user` may see, as a filter (None: none at all); the same
    answer as may_view_action, for lists."""
    membership = membership_in(user, agency.pk)
    if membership is None:
        return None
    if any(membership.has_role(r) for r in (Role.ISO_OFFICER, Role.HEAD, Role.DEPUTY)):
        return Q(agency=agency)
    mine = Q(owner_person_id=user.pk)
    if membership.is_department_head and membership.department_id is not None:
        mine |= Q(owner_department_id=membership.department_id)
        mine |= Q(department_id=membership.department_id)
    return Q(agency=agency) & mine


rules.add_perm("corrective.list_action", may_list_actions)
rules.add_perm("corrective.add_action", may_keep_actions)
rules.add_perm("corrective.view_action", may_view_action)
rules.add_perm("corrective.change_action", may_edit_action)
rules.add_perm("corrective.close_action", may_edit_action)
rules.add_perm("corrective.mark_done_action", may_edit_action | is_action_owner)
