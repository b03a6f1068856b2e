"""Who oversees whom, as the rules of every app ask it.

An oversight body (`OversightBody`) sees the agencies of its dated scope (`OversightScope`):
a year's question ("was this agency under us in 2024?") looks at that year's rows, so an agency
that moved with the 2025 mergers keeps its past under its old body and its future under the new
one. Oversight users read what is published; they never see drafts and never write into an
agency's documents — the rulebook (documents/rulebook.py) grants them `view` on published
documents only.
"""

import datetime

import rules
from django.utils import timezone

from agencies.models import OversightBody, OversightMembership, OversightRole, OversightScope
from agencies.permissions import memberships_of

_CACHE_ATTR = "_qms_oversight_memberships"


def oversight_memberships_of(user) -> dict[int, OversightMembership]:
    """Active oversight memberships of the user, by body id, fetched once per user object."""
    if not user or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None and not may_oversee(user):
        cached = {}
        setattr(user, _CACHE_ATTR, cached)
    if cached is None:
        cached = {
            m.body_id: m
            for m in OversightMembership.objects.active().filter(user=user).select_related("body")
        }
        setattr(user, _CACHE_ATTR, cached)
    return cached


def may_oversee(user) -> bool:
    """Whether the user may belong to an oversight body: for an agency's member, answered by
    the query of their memberships (no query of its own — every page asks, through the
    navigation and the rulebook's filters); for anyone else, true (then asked of the bodies)."""
    if not user or not user.is_authenticated:
        return False
    memberships = memberships_of(user)
    if not memberships:
        return True
    return any(getattr(m, "in_oversight_body", True) for m in memberships.values())


def forget_oversight_memberships(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def scope_rows(*, year: int | None = None, on: datetime.date | None = None):
    """Scope rows valid during `year`, or on the day `on` (today when neither is given)."""
    rows = OversightScope.objects.filter(body__is_active=True)
    if year is not None:
        return rows.during_year(year)
    return rows.on(on or timezone.localdate())


def agency_ids_in_scope(body: OversightBody, *, year: int | None = None, on=None) -> set[int]:
    return set(scope_rows(year=year, on=on).filter(body=body).values_list("agency_id", flat=True))


def bodies_overseeing(agency_id: int, *, year: int | None = None, on=None):
    return OversightBody.objects.filter(
        pk__in=scope_rows(year=year, on=on).filter(agency_id=agency_id).values("body_id")
    )


def oversees(user, agency_id: int | None, *, year: int | None = None) -> bool:
    """Whether one of the user's oversight bodies has the agency in scope (during `year`, or
    today). Oversight users read; nothing here grants a write."""
    bodies = oversight_memberships_of(user)
    if not bodies or agency_id is None:
        return False
    return scope_rows(year=year).filter(body_id__in=bodies, agency_id=agency_id).exists()


def has_oversight_role(user, body_id: int, *roles: str) -> bool:
    membership = oversight_memberships_of(user).get(body_id)
    return membership is not None and any(membership.has_role(r) for r in roles)


@rules.predicate
def is_oversight_member(user, body) -> bool:
    return body is not None and body.pk in oversight_memberships_of(user)


@rules.predicate
def is_oversight_administrator(user, body) -> bool:
    return body is not None and has_oversight_role(user, body.pk, OversightRole.ADMINISTRATOR)


@rules.predicate
def oversees_agency(user, agency) -> bool:
    return agency is not None and oversees(user, agency.pk)


rules.add_perm("agencies.view_oversight_body", is_oversight_member)
rules.add_perm("agencies.administer_oversight_body", is_oversight_administrator)
rules.add_perm("agencies.oversee_agency", oversees_agency)
