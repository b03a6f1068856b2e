"""Who may make and revoke API tokens: an agency's administrator for the agency, an oversight
body's administrator for the body (its tokens read the agencies of the body's scope)."""

import rules

from agencies.oversight import is_oversight_administrator
from agencies.permissions import is_agency_administrator


@rules.predicate
def may_manage_token(user, token) -> bool:
    if token is None:
        return False
    if token.agency_id:
        return is_agency_administrator(user, token.agency)
    return is_oversight_administrator(user, token.oversight_body)


rules.add_perm("api.manage_agency_tokens", is_agency_administrator)
rules.add_perm("api.manage_body_tokens", is_oversight_administrator)
rules.add_perm("api.manage_token", may_manage_token)
