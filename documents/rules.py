"""Who may do what to an issued document (objective sets, evaluation reports, any later kind):
draft, approve, issue, publish, read, acknowledge. The predicates read only agency_id,
department_id and status, so they serve every kind built on IssuableDocument."""

import rules

from agencies.models import Membership, Role
from agencies.permissions import has_role, is_own_department_head, membership_in
from documents.models import Status


@rules.predicate
def may_draft(user, document) -> bool:
    """Drafters: ISO officers for everything of their agency; a department head for the
    sets of their own department."""
    if document is None:
        return False
    if has_role(user, document.agency_id, Role.ISO_OFFICER):
        return True
    return is_own_department_head(user, document)


@rules.predicate
def may_approve(user, document) -> bool:
    """The head of agency, or a deputy who signs "KT." on the head's behalf."""
    return document is not None and has_role(user, document.agency_id, Role.HEAD, Role.DEPUTY)


@rules.predicate
def may_issue(user, document) -> bool:
    """The records officer; where the agency has none, the approvers."""
    if document is None:
        return False
    if has_role(user, document.agency_id, Role.RECORDS_OFFICER):
        return True
    if not has_role(user, document.agency_id, Role.HEAD, Role.DEPUTY):
        return False
    return not (
        Membership.objects.active()
        .with_role(Role.RECORDS_OFFICER)
        .filter(agency_id=document.agency_id)
        .exists()
    )


@rules.predicate
def may_publish(user, document) -> bool:
    if document is None:
        return False
    if has_role(user, document.agency_id, Role.ISO_OFFICER, Role.HEAD):
        return True
    return is_own_department_head(user, document)


@rules.predicate
def may_view(user, document) -> bool:
    """Published (and superseded) documents: every member of the agency, or for a department's
    document its own staff. Anything else, and department documents of other departments: the
    people who work on documents (drafters, approvers, records officers)."""
    if document is None:
        return False
    membership = membership_in(user, document.agency_id)
    if membership is None:
        return False
    in_reach = document.department_id is None or membership.department_id == document.department_id
    if document.status in (Status.PUBLISHED, Status.SUPERSEDED) and in_reach:
        return True
    return bool(
        may_draft(user, document)
        or has_role(user, document.agency_id, Role.HEAD, Role.DEPUTY, Role.RECORDS_OFFICER)
    )


@rules.predicate
def may_acknowledge(user, document) -> bool:
    """ "Tôi đã đọc": anyone who may read a document in force."""
    return document is not None and document.status == Status.PUBLISHED and may_view(user, document)


@rules.predicate
def may_see_readers(user, document) -> bool:
    """Who has read a published document (ISO 9001 6.2.1 f): ISO officers, the head and the
    deputies; for a department's document also its own head."""
    if document is None:
        return False
    if has_role(user, document.agency_id, Role.ISO_OFFICER, Role.HEAD, Role.DEPUTY):
        return True
    return is_own_department_head(user, document)


rules.add_perm("objectives.view_set", may_view)
rules.add_perm("documents.view_document", may_view)
rules.add_perm("objectives.draft_set", may_draft)
rules.add_perm("objectives.approve_set", may_approve)
rules.add_perm("objectives.issue_set", may_issue)
rules.add_perm("objectives.publish_set", may_publish)
rules.add_perm("objectives.acknowledge_set", may_acknowledge)
rules.add_perm("objectives.see_readers", may_see_readers)
