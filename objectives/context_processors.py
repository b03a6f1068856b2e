"""What the navigation bar shows on every page: the agency switcher and the inbox badge."""

from agencies.permissions import memberships_of
from objectives.views.common import current_membership


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memberships = sorted(memberships_of(user).values(), key=lambda m: m.agency.name)
    awaits_user = any(m.is_head or m.is_deputy or m.is_records_officer for m in memberships)

    def inbox_count() -> int:
        from objectives.selectors import inbox_for

        return inbox_for(user).count()

    return {
        "nav_memberships": memberships,
        "nav_current": current_membership(request),
        "nav_has_inbox": awaits_user,
        # A callable: the template evaluates it (one query) only where the badge is drawn.
        "nav_inbox_count": inbox_count,
    }
