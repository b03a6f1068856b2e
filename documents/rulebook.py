"""The rulebook of every issued document: who may do what, written once as data (GRANTS) and
read in three forms that cannot drift apart because they are derived from the same entries:

- allows(right, user, document): the predicate (documents/rules.py registers it with
  django-rules for views, templates, services and the admin);
- documents_q(right, user): a Q over any document kind, "the documents this user may …"
  (the inbox, its badge, the lists of visible documents);
- members_q(right, document) / members(right, document): "the members who may … this document"
  (who is told of a transition, documents/notices.py).

A right is held by members with one of its roles in the document's agency, by the head of the
document's own department where the right says so, by the document's readers (the members it is
addressed to: the agency, or the department's members) while it is in one of the statuses the
right names, and — only while nobody in the agency holds one of its roles — by the members
holding one of its stand-in roles (an agency without a records officer has its head and deputies
issue). Anonymous is a role too: a grant with `anyone` is held by everyone, signed in or not, on
a published document or one superseded after its publication — "view_public", the one right of
the public verification page (/v/), the public pages (publication/) and the public API (api/).
An oversight body's members (agencies/oversight.py) hold `view` — and nothing else — on the
published (or once-published, now superseded) documents of the agencies in their body's scope
during the document's year: never a draft, never a document issued but not yet published; they
are not members of the agency, so members()/members_q() (who is told) never list them.

STEPS pairs each workflow action with the right it needs and the statuses it starts from;
available_actions() lists what a user may do to a document now, awaiting_q() what waits for them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from agencies.models import Membership, OversightScope, Role
from agencies.oversight import oversight_memberships_of, scope_rows
from agencies.permissions import membership_in, memberships_of
from documents import oversight_documents
from documents.models import EDITABLE_STATUSES, IssueMethod, Status

READABLE_STATUSES = (Status.PUBLISHED, Status.SUPERSEDED)
NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Grant:
    roles: frozenset[str]
    own_department_head: bool = False
    # Roles that hold the right only while no active member of the agency holds one of `roles`.
    stand_in: frozenset[str] = frozenset()
    # Statuses in which the document's readers (see _addressed_to) hold the right too.
    readers_when: tuple[str, ...] = ()
    # Whether the oversight bodies of the document's agency hold it on a published document.
    overseers: bool = False
    # The anonymous role: everyone holds it on a published (or once published) document, and
    # nobody on any other; there is no list of its holders.
    anyone: bool = False


GRANTS: dict[str, Grant] = {
    "draft": Grant(frozenset({Role.ISO_OFFICER}), own_department_head=True),
    "approve": Grant(frozenset({Role.HEAD, Role.DEPUTY})),
    "issue": Grant(frozenset({Role.RECORDS_OFFICER}), stand_in=frozenset({Role.HEAD, Role.DEPUTY})),
    "publish": Grant(frozenset({Role.ISO_OFFICER, Role.HEAD}), own_department_head=True),
    "see_readers": Grant(
        frozenset({Role.ISO_OFFICER, Role.HEAD, Role.DEPUTY}), own_department_head=True
    ),
    # The people who work on documents (drafters, approvers, records officers) see every one;
    # its readers see a published (or superseded) one.
    "view": Grant(
        frozenset({Role.ISO_OFFICER, Role.HEAD, Role.DEPUTY, Role.RECORDS_OFFICER}),
        own_department_head=True,
        readers_when=READABLE_STATUSES,
        overseers=True,
    ),
    "view_public": Grant(frozenset(), anyone=True),
}
# Rights that are another right held on a document in one of these statuses.
STATUS_BOUND = {"acknowledge": ("view", (Status.PUBLISHED,))}
# The rights held through the agency (or an oversight body), and those held by everyone.
RIGHTS = (*(name for name, grant in GRANTS.items() if not grant.anyone), *STATUS_BOUND)
PUBLIC_RIGHTS = tuple(name for name, grant in GRANTS.items() if grant.anyone)


def _prepared(document) -> bool:
    return document.issue_method == IssueMethod.EXTERNAL_SIGNING


def _not_prepared(document) -> bool:
    return not _prepared(document)


@dataclass(frozen=True)
class Step:
    right: str
    from_statuses: tuple[str, ...]
    # A further condition on the document (beside its status), as the service checks it.
    applies: Callable[[object], bool] | None = None


# Each workflow action: the right it needs and the statuses it is taken from (the services in
# documents/workflow.py, issuing.py and external_signing.py check the same).
STEPS: dict[str, Step] = {
    "edit": Step("draft", EDITABLE_STATUSES),
    "submit": Step("draft", EDITABLE_STATUSES),
    "withdraw": Step("draft", EDITABLE_STATUSES),
    "return": Step("approve", (Status.SUBMITTED, Status.APPROVED)),
    "approve": Step("approve", (Status.SUBMITTED,)),
    "issue": Step("issue", (Status.APPROVED,)),
    "prepare_external": Step("issue", (Status.APPROVED,), _not_prepared),
    "register_external": Step("issue", (Status.APPROVED,), _not_prepared),
    "accept_signed_upload": Step("issue", (Status.APPROVED,), _prepared),
    "publish": Step("publish", (Status.ISSUED,)),
    "revise": Step("draft", (Status.ISSUED, Status.PUBLISHED)),
    "acknowledge": Step("acknowledge", (Status.PUBLISHED,)),
}
# What waits in a user's inbox: the steps taken by someone other than the drafters.
AWAITING_STEPS = ("approve", "issue")


def _has_any(membership, roles) -> bool:
    return any(membership.has_role(role) for role in roles)


def _roles_q(roles) -> Q:
    condition = NOTHING
    for role in sorted(roles):
        condition |= Q(**{Membership.role_field(role): True})
    return condition


def _held(roles):
    return Membership.objects.active().filter(_roles_q(roles))


def _vacant(roles) -> Q:
    """A filter on rows with an agency_id (documents, memberships): no active member of that
    agency holds one of `roles`. A subquery, so that the inbox badge stays one query."""
    return ~Q(Exists(_held(roles).filter(agency_id=OuterRef("agency_id"))))


def _grant_holds(grant: Grant, membership, document) -> bool:
    if membership is None:
        return False
    if _has_any(membership, grant.roles):
        return True
    if grant.own_department_head and (
        membership.is_department_head
        and document.department_id is not None
        and membership.department_id == document.department_id
    ):
        return True
    # Rights without readers never read the status: monitoring asks "draft" of a bare unit.
    if (
        grant.readers_when
        and document.status in grant.readers_when
        and _addressed_to(membership, document)
    ):
        return True
    return (
        _has_any(membership, grant.stand_in)
        and not _held(grant.roles).filter(agency_id=document.agency_id).exists()
    )


def _addressed_to(membership, document) -> bool:
    """A reader of the published document: a member of its agency, for a department's
    document a member of that department."""
    return membership is not None and (
        document.department_id is None or membership.department_id == document.department_id
    )


def _was_published(document) -> bool:
    return document.status == Status.PUBLISHED or (
        document.status == Status.SUPERSEDED and document.published_at is not None
    )


PUBLISHED_Q = Q(status=Status.PUBLISHED) | Q(status=Status.SUPERSEDED, published_at__isnull=False)


def _overseen(user, document) -> bool:
    """An oversight body of the user had the document's agency in scope in its year."""
    bodies = oversight_memberships_of(user)
    return bool(bodies) and (
        scope_rows(year=document.year)
        .filter(body_id__in=bodies, agency_id=document.agency_id)
        .exists()
    )


def _overseen_q(user) -> Q:
    """The documents of the agencies in the scope of the user's oversight bodies, each for the
    years its scope row covers (rows grouped by their span of years: one OR per span)."""
    bodies = oversight_memberships_of(user)
    if not bodies:
        return NOTHING
    spans: dict[tuple, list[int]] = {}
    rows = OversightScope.objects.filter(body_id__in=bodies, body__is_active=True)
    for agency_id, start, end in rows.values_list("agency_id", "valid_from", "valid_until"):
        spans.setdefault((start.year, end.year if end else None), []).append(agency_id)
    condition = NOTHING
    for (first, last), agency_ids in spans.items():
        span = Q(agency_id__in=sorted(set(agency_ids)), year__gte=first)
        condition |= (span & Q(year__lte=last)) if last is not None else span
    return condition


def _is_anyones(right: str) -> bool:
    """A right of the anonymous role (held by everyone alike, whoever is asking)."""
    return right in GRANTS and GRANTS[right].anyone


def allows(right: str, user, document) -> bool:
    if document is None:
        return False
    if _is_anyones(right):
        return _was_published(document)
    if right in STATUS_BOUND:
        # A right bound to a status is a member's (acknowledging is not an overseer's).
        base, statuses = STATUS_BOUND[right]
        return document.status in statuses and _grant_holds(
            GRANTS[base], membership_in(user, document.agency_id), document
        )
    grant = GRANTS[right]
    if _grant_holds(grant, membership_in(user, document.agency_id), document):
        return True
    if oversight_documents.body_people_hold(right, user, document):
        return True
    return grant.overseers and _was_published(document) and _overseen(user, document)


def documents_q(right: str, user, model=None) -> Q:
    """The documents (of any kind) on which `user` holds `right`, as a filter. The rights of an
    oversight body's own people on its documents (documents.oversight_documents) are in it only
    when `model` is given."""
    if _is_anyones(right):
        return PUBLISHED_Q
    if right in STATUS_BOUND:
        base, statuses = STATUS_BOUND[right]
        return _members_documents_q(GRANTS[base], user) & Q(status__in=statuses)
    grant = GRANTS[right]
    condition = _members_documents_q(grant, user)
    if model is not None:
        condition |= oversight_documents.body_people_q(right, user, model)
    if grant.overseers:
        overseen = _overseen_q(user)
        if overseen is not NOTHING:
            condition |= PUBLISHED_Q & overseen
    return condition


def _members_documents_q(grant: Grant, user) -> Q:
    condition = NOTHING
    for m in memberships_of(user).values():
        if _has_any(m, grant.roles):
            condition |= Q(agency_id=m.agency_id)
        elif _has_any(m, grant.stand_in):
            condition |= Q(agency_id=m.agency_id) & _vacant(grant.roles)
        if grant.own_department_head and m.is_department_head and m.department_id:
            condition |= Q(agency_id=m.agency_id, department_id=m.department_id)
        if grant.readers_when:
            addressed = Q(department__isnull=True)
            if m.department_id:
                addressed |= Q(department_id=m.department_id)
            condition |= Q(agency_id=m.agency_id, status__in=grant.readers_when) & addressed
    return condition


def members_q(right: str, document) -> Q:
    """The active memberships of the document's agency holding `right` on it, as a filter."""
    if _is_anyones(right):
        raise ValueError(f"{right} is everyone's: there is no list of its holders")
    if right in STATUS_BOUND:
        base, statuses = STATUS_BOUND[right]
        return members_q(base, document) if document.status in statuses else NOTHING
    grant = GRANTS[right]
    condition = _roles_q(grant.roles)
    if grant.own_department_head and document.department_id is not None:
        condition |= Q(is_department_head=True, department_id=document.department_id)
    if grant.stand_in:
        condition |= _roles_q(grant.stand_in) & _vacant(grant.roles)
    if document.status in grant.readers_when:
        condition |= readers_q(document)
    return condition


def readers_q(document) -> Q:
    """The members a published document is addressed to (see _addressed_to)."""
    if document.department_id is None:
        return Q(pk__isnull=False)  # everyone (an empty Q() would vanish from an OR)
    return Q(department_id=document.department_id)


def _members(condition: Q, document, actor=None) -> list:
    memberships = (
        Membership.objects.active()
        .filter(condition, agency_id=document.agency_id)
        .select_related("user")
        .order_by("pk")
    )
    actor_id = getattr(actor, "pk", None)
    return [m.user for m in memberships if m.user_id != actor_id]


def members(right: str, document, actor=None) -> list:
    """The users holding `right` on the document, the actor left out (for a document of an
    oversight body, its own people holding it too: documents.oversight_documents)."""
    users = _members(members_q(right, document), document, actor)
    return users + oversight_documents.body_people(right, document, users, actor)


def readers(document, actor=None) -> list:
    """The users a published document is addressed to, the actor left out."""
    return _members(readers_q(document), document, actor)


def available_actions(user, document) -> set[str]:
    """The workflow actions `user` may take on `document` now: the right and the status allow."""
    if document is None:
        return set()
    held: dict[str, bool] = {}
    actions = set()
    for name, step in STEPS.items():
        if document.status not in step.from_statuses:
            continue
        if step.applies is not None and not step.applies(document):
            continue
        if step.right not in held:
            held[step.right] = allows(step.right, user, document)
        if held[step.right]:
            actions.add(name)
    return actions


def may_ever(right: str, membership) -> bool:
    """Could this member hold `right` on some document of their agency: by a role, a stand-in
    role, or as a department's head where the right says so? (What a home page offers.)"""
    if membership is None:
        return False
    grant = GRANTS[right]
    return _has_any(membership, grant.roles | grant.stand_in) or (
        grant.own_department_head and membership.is_department_head
    )


def may_await(user) -> bool:
    """Could anything ever wait for this user (the inbox and its badge)? A role, or a stand-in
    role, of a right an awaiting step needs."""
    grants = [GRANTS[STEPS[name].right] for name in AWAITING_STEPS]
    roles = {role for grant in grants for role in grant.roles | grant.stand_in}
    return any(_has_any(m, roles) for m in memberships_of(user).values())


def awaiting_q(user) -> Q:
    """The documents waiting for this user to act: to approve, to issue."""
    condition = NOTHING
    for name in AWAITING_STEPS:
        step = STEPS[name]
        condition |= documents_q(step.right, user) & Q(status__in=step.from_statuses)
    return condition
