"""What the navigation bar shows on every page: the agency switcher and the inbox badge."""

from agencies.membership import current_membership
from agencies.models import Department
from agencies.oversight import oversight_memberships_of
from agencies.permissions import may_start_agency_set, may_start_department_set, memberships_of
from documents.rulebook import may_await
from objectives.selectors import inbox_count


def may_start_here(user, membership) -> bool:
    """May the user start a set in the agency they work in (for it, or for their department)?"""
    if membership is None:
        return False
    if may_start_agency_set(user, membership.agency):
        return True
    if membership.department_id is None:
        return False
    own = Department(pk=membership.department_id, agency_id=membership.agency_id)
    return bool(may_start_department_set(user, own))


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memberships = sorted(memberships_of(user).values(), key=lambda m: m.agency.name)

    def badge() -> int:
        return inbox_count(user)

    current = current_membership(request)
    return {
        "nav_memberships": memberships,
        "nav_current": current,
        "nav_may_start": may_start_here(user, current),
        "nav_has_inbox": may_await(user),
        # An oversight body's member: the "Đơn vị quản lý" entry (oversight app).
        "nav_oversees": bool(oversight_memberships_of(user)),
        # A callable: the template evaluates it (one query) only where the badge is drawn.
        "nav_inbox_count": badge,
    }
