"""The agency a user works in now: chosen with the switcher (kept in the session), checked
against the user's memberships on every request."""

from agencies.models import Membership
from agencies.permissions import memberships_of

SESSION_AGENCY_KEY = "current_agency_id"


def current_membership(request) -> Membership | None:
    """The membership of the agency the user works in now: the one chosen with the switcher
    (kept in the session, checked against the memberships on every request), else the first."""
    memberships = memberships_of(request.user)
    if not memberships:
        return None
    chosen = memberships.get(request.session.get(SESSION_AGENCY_KEY))
    if chosen is not None:
        return chosen
    return sorted(memberships.values(), key=lambda m: m.agency.name)[0]
