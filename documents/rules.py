"""Who may do what to an issued document (objective sets, evaluation reports, any later kind):
the predicates of the rulebook (documents/rulebook.py), registered with django-rules for views,
templates ({% has_perm %}), services and the admin. The predicates read only agency_id,
department_id, status and published_at, so they serve every kind built on IssuableDocument."""

import rules

from documents.rulebook import allows


@rules.predicate
def may_draft(user, document) -> bool:
    """ISO officers for everything of their agency; a department head for the documents of
    their own department."""
    return allows("draft", user, document)


@rules.predicate
def may_approve(user, document) -> bool:
    """The head of agency, or a deputy who signs "KT." on the head's behalf."""
    return allows("approve", user, document)


@rules.predicate
def may_issue(user, document) -> bool:
    """The records officer; where the agency has none, the approvers."""
    return allows("issue", user, document)


@rules.predicate
def may_publish(user, document) -> bool:
    return allows("publish", user, document)


@rules.predicate
def may_view(user, document) -> bool:
    """Published (and superseded) documents: every member of the agency, or for a department's
    document its own staff. Anything else, and department documents of other departments: the
    people who work on documents (drafters, approvers, records officers)."""
    return allows("view", user, document)


@rules.predicate
def may_acknowledge(user, document) -> bool:
    """ "Tôi đã đọc": anyone who may read a document in force."""
    return allows("acknowledge", user, document)


@rules.predicate
def may_see_readers(user, document) -> bool:
    """Who has read a published document (ISO 9001 6.2.1 f): ISO officers, the head and the
    deputies; for a department's document also its own head."""
    return allows("see_readers", user, document)


@rules.predicate
def may_view_public(user, document) -> bool:
    """Anyone, signed in or not, on the public verification page: a published document, or one
    superseded after having been published."""
    return allows("view_public", user, document)


rules.add_perm("objectives.view_set", may_view)
rules.add_perm("documents.view_document", may_view)
rules.add_perm("documents.view_public", may_view_public)
rules.add_perm("objectives.draft_set", may_draft)
rules.add_perm("objectives.approve_set", may_approve)
rules.add_perm("objectives.issue_set", may_issue)
rules.add_perm("objectives.publish_set", may_publish)
rules.add_perm("objectives.acknowledge_set", may_acknowledge)
rules.add_perm("objectives.see_readers", may_see_readers)
