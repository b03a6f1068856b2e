"""Who reads a conformity announcement: whoever may read any document of the agency (the
rulebook), and the people of an oversight body that has (or had, in its year) the agency in its
scope, once the announcement is issued — they read it, they never draft or sign it."""

import rules

from conformity.selectors import READABLE_BY_OVERSEERS, oversees_now_or_then
from documents.rules import may_view


@rules.predicate
def may_read_announcement(user, announcement) -> bool:
    if announcement is None:
        return False
    if may_view(user, announcement):
        return True
    return announcement.status in READABLE_BY_OVERSEERS and oversees_now_or_then(user, announcement)


rules.add_perm("conformity.view_announcement", may_read_announcement)
