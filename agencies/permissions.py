"""Memberships and the agency-level rules ("may this user do this to this agency").

Roles are held per agency through Membership; a user of several agencies has different roles in
each. Every app keeps the rules of what it guards in its own rules.py (documents/rules.py for
every document kind, monitoring/rules.py, risks/rules.py), all in the one django-rules registry
that views, templates ({% has_perm %}), services and the admin ask.
"""

import rules
from django.db.models import Exists, OuterRef

from agencies.models import Membership, OversightMembership, Role

_CACHE_ATTR = "_qms_memberships"


def memberships_of(user) -> dict[int, Membership]:
    """Active memberships of the user, by agency id, fetched once per user object (request)."""
    if not user or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # Whether the member also belongs to an oversight body, in the same query: asked on
        # every page (agencies.oversight.may_oversee), most users belong to none.
        in_a_body = OversightMembership.objects.active().filter(user=OuterRef("user_id"))
        rows = Membership.objects.active().filter(user=user).select_related("agency")
        cached = {m.agency_id: m for m in rows.annotate(in_oversight_body=Exists(in_a_body))}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def membership_in(user, agency_id) -> Membership | None:
    return memberships_of(user).get(agency_id)


def has_role(user, agency_id, *roles: str) -> bool:
    membership = membership_in(user, agency_id)
    return membership is not None and any(membership.has_role(r) for r in roles)


def is_own_department_head(user, document) -> bool:
    membership = membership_in(user, document.agency_id)
    return (
        membership is not None
        and document.department_id is not None
        and membership.is_department_head
        and membership.department_id == document.department_id
    )


def department_has_head(agency_id: int, department_id: int) -> bool:
    """Whether someone holds the department head's role for the department today."""
    return (
        Membership.objects.active()
        .with_role(Role.DEPARTMENT_HEAD)
        .filter(agency_id=agency_id, department_id=department_id)
        .exists()
    )


# --- agency-level questions (object: an Agency) -------------------------------------------


@rules.predicate
def is_member(user, agency) -> bool:
    return agency is not None and membership_in(user, agency.pk) is not None


@rules.predicate
def is_agency_administrator(user, agency) -> bool:
    return agency is not None and has_role(user, agency.pk, Role.ADMINISTRATOR)


@rules.predicate
def may_start_agency_set(user, agency) -> bool:
    return agency is not None and has_role(user, agency.pk, Role.ISO_OFFICER)


@rules.predicate
def may_start_department_set(user, department) -> bool:
    if department is None:
        return False
    if has_role(user, department.agency_id, Role.ISO_OFFICER):
        return True
    membership = membership_in(user, department.agency_id)
    return (
        membership is not None
        and membership.is_department_head
        and membership.department_id == department.pk
    )


@rules.predicate
def may_download_seal(user, agency) -> bool:
    """The seal image: the agency's administrators, head and records officers."""
    return agency is not None and has_role(
        user, agency.pk, Role.ADMINISTRATOR, Role.HEAD, Role.RECORDS_OFFICER
    )


@rules.predicate
def may_download_signature(user, membership) -> bool:
    """A signature image: its owner and the agency's administrators."""
    return membership is not None and (
        membership.user_id == user.pk or has_role(user, membership.agency_id, Role.ADMINISTRATOR)
    )


rules.add_perm("agencies.view_agency", is_member)
rules.add_perm("agencies.manage_members", is_agency_administrator)
rules.add_perm("agencies.download_seal", may_download_seal)
rules.add_perm("agencies.download_signature", may_download_signature)
rules.add_perm("objectives.start_agency_set", may_start_agency_set)
rules.add_perm("objectives.start_department_set", may_start_department_set)


def drafts_somewhere(user, agency) -> bool:
    """An ISO officer of the agency, or the head of one of its departments."""
    if agency is None:
        return False
    if has_role(user, agency.pk, Role.ISO_OFFICER):
        return True
    membership = membership_in(user, agency.pk)
    return bool(membership and membership.is_department_head and membership.department_id)
