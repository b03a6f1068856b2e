"""The documents an oversight body issues — its inspection plan, minutes, reports: models that
say ISSUED_BY_OVERSIGHT_BODY = True — are drafted and read by the body's own people too. They
are members of the body (agencies.OversightMembership), not of its agency, so the rulebook
(documents/rulebook.py) asks here beside its grants to members. The head of the body's agency
approves and its records officer issues, as for any document of that agency.

Each answer comes in the rulebook's three forms: the predicate, the filter, the holders.
"""

from django.db.models import Q

from agencies.models import OversightMembership, OversightRole
from agencies.oversight import oversight_memberships_of

# The rights the body's people hold on its documents, by their role in the body. A kind may
# widen them with OVERSIGHT_GRANTS (the reports: the body's administrators prepare them too).
GRANTS: dict[str, frozenset[str]] = {
    "draft": frozenset({OversightRole.INSPECTOR}),
    "view": frozenset({OversightRole.INSPECTOR, OversightRole.ADMINISTRATOR}),
}
NOTHING = Q(pk__in=[])


def issued_by_oversight_body(model_or_document) -> bool:
    return bool(getattr(model_or_document, "ISSUED_BY_OVERSIGHT_BODY", False))


def grants_of(model_or_document) -> dict[str, frozenset[str]]:
    return {**GRANTS, **getattr(model_or_document, "OVERSIGHT_GRANTS", {})}


def _agency_ids(right: str, user, model_or_document) -> set[int]:
    """The agencies of the bodies where `user` holds `right` by a role in the body."""
    roles = grants_of(model_or_document).get(right, ())
    return {
        m.body.agency_id
        for m in oversight_memberships_of(user).values()
        if any(m.has_role(role) for role in roles)
    }


def body_people_hold(right: str, user, document) -> bool:
    if right not in GRANTS or not issued_by_oversight_body(document):
        return False
    return document.agency_id in _agency_ids(right, user, document)


def body_people_q(right: str, user, model) -> Q:
    if right not in GRANTS or not issued_by_oversight_body(model):
        return NOTHING
    agency_ids = _agency_ids(right, user, model)
    return Q(agency_id__in=sorted(agency_ids)) if agency_ids else NOTHING


def body_people(right: str, document, known: list, actor=None) -> list:
    """The body's people holding `right` on `document`, other than `known` users and the
    actor."""
    if right not in GRANTS or not issued_by_oversight_body(document):
        return []
    condition = NOTHING
    for role in sorted(grants_of(document)[right]):
        condition |= Q(**{OversightMembership.role_field(role): True})
    left_out = {u.pk for u in known} | {getattr(actor, "pk", None)}
    memberships = (
        OversightMembership.objects.active()
        .filter(condition, body__agency_id=document.agency_id)
        .select_related("user")
        .order_by("pk")
    )
    return [m.user for m in memberships if m.user_id not in left_out]
