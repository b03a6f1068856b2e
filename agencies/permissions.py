"""The one place that answers "may this user do this to this object".

Views, templates ({% has_perm %}), services and the admin all ask here. Roles are held per
agency through Membership; a user of several agencies has different roles in each.

Document predicates accept anything built on objectives.models.IssuableDocument: they read
only agency_id, department_id and status.
"""

import rules

from agencies.models import Membership, Role

_CACHE_ATTR = "_qms_memberships"


def memberships_of(user) -> dict[int, Membership]:
    """Active memberships of the user, by agency id, fetched once per user object (request)."""
    if not user or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {
            m.agency_id: m
            for m in Membership.objects.active().filter(user=user).select_related("agency")
        }
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


def _is_own_department_head(user, document) -> bool:
    membership = membership_in(user, document.agency_id)
    return (
        membership is not None
        and document.department_id is not None
        and membership.is_department_head
        and membership.department_id == document.department_id
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


# --- document questions (object: an ObjectiveSet or another IssuableDocument) ---------------


@rules.predicate
def may_draft(user, document) -> bool:
    """Drafters: ISO officers for everything of their agency; a department head for the
    sets of their own department."""
    if document is None:
        return False
    if has_role(user, document.agency_id, Role.ISO_OFFICER):
        return True
    return _is_own_department_head(user, document)


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
    return _is_own_department_head(user, document)


@rules.predicate
def may_view(user, document) -> bool:
    """Published (and superseded) documents: every member of the agency, or for a department's
    document its own staff. Anything else, and department documents of other departments: the
    people who work on documents (drafters, approvers, records officers)."""
    if document is None:
        return False
    from objectives.models import Status

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
    from objectives.models import Status

    return document is not None and document.status == Status.PUBLISHED and may_view(user, document)


@rules.predicate
def may_see_readers(user, document) -> bool:
    """Who has read a published document (ISO 9001 6.2.1 f): ISO officers, the head and the
    deputies; for a department's document also its own head."""
    if document is None:
        return False
    if has_role(user, document.agency_id, Role.ISO_OFFICER, Role.HEAD, Role.DEPUTY):
        return True
    return _is_own_department_head(user, document)


rules.add_perm("agencies.view_agency", is_member)
rules.add_perm("agencies.manage_members", is_agency_administrator)
rules.add_perm("objectives.start_agency_set", may_start_agency_set)
rules.add_perm("objectives.start_department_set", may_start_department_set)
rules.add_perm("objectives.view_set", may_view)
rules.add_perm("objectives.draft_set", may_draft)
rules.add_perm("objectives.approve_set", may_approve)
rules.add_perm("objectives.issue_set", may_issue)
rules.add_perm("objectives.publish_set", may_publish)
rules.add_perm("objectives.acknowledge_set", may_acknowledge)
rules.add_perm("objectives.see_readers", may_see_readers)


# --- monitoring questions (object: a reporting unit — anything with agency_id and
# department_id, None for the agency itself; an ObjectivePlan also has reporter_id) ----------


@rules.predicate
def may_view_dashboard(user, agency) -> bool:
    """Every member of the agency follows its results."""
    return agency is not None and membership_in(user, agency.pk) is not None


@rules.predicate
def may_plan_monitoring(user, document) -> bool:
    """Frequencies, roll-up rules and reporters of a published set: its drafters."""
    return may_draft(user, document)


@rules.predicate
def may_record_results(user, unit) -> bool:
    """ISO officers for every unit; a department head for their own department; the person
    named as reporter of an objective for that objective."""
    if unit is None:
        return False
    if has_role(user, unit.agency_id, Role.ISO_OFFICER):
        return True
    reporter_id = getattr(unit, "reporter_id", None)
    if reporter_id is not None and reporter_id == user.pk and membership_in(user, unit.agency_id):
        return True
    return _is_own_department_head(user, unit)


@rules.predicate
def may_confirm_period(user, unit) -> bool:
    """The head of the unit: the department head, or for the agency itself its head or deputy."""
    if unit is None:
        return False
    if unit.department_id is None:
        return has_role(user, unit.agency_id, Role.HEAD, Role.DEPUTY)
    return _is_own_department_head(user, unit)


rules.add_perm("monitoring.view_dashboard", may_view_dashboard)
rules.add_perm("monitoring.plan_monitoring", may_plan_monitoring)
rules.add_perm("monitoring.record_results", may_record_results)
rules.add_perm("monitoring.confirm_period", may_confirm_period)


# --- risks and opportunities (risks app; object: a Risk, or an unsaved one naming the scope) ---


@rules.predicate
def may_read_risks(user, agency) -> bool:
    """Every member of the agency reads its registers of risks and opportunities."""
    return agency is not None and membership_in(user, agency.pk) is not None


@rules.predicate
def may_edit_risk(user, risk) -> bool:
    """ISO officers for every register of their agency; a department head for the register of
    their own department."""
    if risk is None:
        return False
    if has_role(user, risk.agency_id, Role.ISO_OFFICER):
        return True
    return _is_own_department_head(user, risk)


def _drafts_somewhere(user, agency) -> bool:
    """An ISO officer of the agency, or the head of one of its departments."""
    if agency is None:
        return False
    if has_role(user, agency.pk, Role.ISO_OFFICER):
        return True
    membership = membership_in(user, agency.pk)
    return bool(membership and membership.is_department_head and membership.department_id)


@rules.predicate
def may_add_risks(user, agency) -> bool:
    """Whoever may edit some register of the agency: its ISO officers and department heads."""
    return _drafts_somewhere(user, agency)


@rules.predicate
def may_import_sets(user, agency) -> bool:
    """Excel template and import page: whoever may start some set of the agency (the import
    itself checks may_start_agency_set / may_start_department_set for the chosen one)."""
    return _drafts_somewhere(user, agency)


rules.add_perm("risks.view_risk", may_read_risks)
rules.add_perm("risks.add_risk", may_add_risks)
rules.add_perm("risks.change_risk", may_edit_risk)
rules.add_perm("objectives.import_sets", may_import_sets)
