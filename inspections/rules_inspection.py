"""Who may see and do what with an inspection (object: an Inspection, or an OversightBody for
starting one). Outside `view_inspection` an inspection is not known to exist (the views answer
404): the inspected agency sees its own inspections only, the people of the oversight body that
inspects see the body's, nobody else sees any."""

import rules

from agencies.models import OversightRole, Role
from agencies.oversight import has_oversight_role, oversight_memberships_of
from agencies.permissions import has_role

# The agency's people who meet the inspectors and answer for the system.
AGENCY_SIDE_ROLES = (Role.ISO_OFFICER, Role.HEAD, Role.DEPUTY, Role.RECORDS_OFFICER)


@rules.predicate
def is_body_member(user, inspection) -> bool:
    """The inspecting oversight body's people (inspectors and administrators)."""
    return inspection is not None and inspection.body_id in oversight_memberships_of(user)


@rules.predicate
def is_agency_side(user, inspection) -> bool:
    return inspection is not None and has_role(user, inspection.agency_id, *AGENCY_SIDE_ROLES)


@rules.predicate
def is_on_team(user, inspection) -> bool:
    """The team leader and the team's members, while they are the body's inspectors."""
    if inspection is None or not user.is_authenticated:
        return False
    if not has_oversight_role(user, inspection.body_id, OversightRole.INSPECTOR):
        return False
    if inspection.team_leader_id == user.pk:
        return True
    return inspection.inspectors.filter(pk=user.pk).exists()


@rules.predicate
def is_team_leader(user, inspection) -> bool:
    return (
        inspection is not None
        and user.is_authenticated
        and inspection.team_leader_id == user.pk
        and has_oversight_role(user, inspection.body_id, OversightRole.INSPECTOR)
    )


@rules.predicate
def is_agency_signer(user, inspection) -> bool:
    """The head (or deputy) of the agency named on the approved minutes to sign for it."""
    minutes = getattr(inspection, "minutes", None) if inspection is not None else None
    return (
        minutes is not None
        and user.is_authenticated
        and minutes.agency_signer_id == user.pk
        and has_role(user, inspection.agency_id, Role.HEAD, Role.DEPUTY)
    )


@rules.predicate
def may_start_inspections(user, body) -> bool:
    """The body's inspectors and administrators turn plan entries into inspections."""
    return body is not None and has_oversight_role(
        user, body.pk, OversightRole.INSPECTOR, OversightRole.ADMINISTRATOR
    )


@rules.predicate
def may_read_reports(user, body) -> bool:
    return body is not None and body.pk in oversight_memberships_of(user)


rules.add_perm("inspections.view_inspection", is_body_member | is_agency_side)
rules.add_perm("inspections.conduct_inspection", is_on_team)
rules.add_perm("inspections.lead_inspection", is_team_leader)
rules.add_perm("inspections.sign_for_agency", is_agency_signer)
rules.add_perm("inspections.start_inspection", may_start_inspections)
rules.add_perm("inspections.read_reports", may_read_reports)
