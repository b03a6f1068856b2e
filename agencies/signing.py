"""The signing block (NĐ30, Phụ lục I, II.8): who signs for an agency and how the lines above
the signature read — "CHÁNH VĂN PHÒNG", "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG", "TM. ỦY BAN
NHÂN DÂN" for a collective body. Titles and roles live in this app, so the rule lives here."""

from django.utils.translation import gettext as _

from agencies.models import Membership
from agencies.permissions import membership_in
from qms_objectives.errors import WorkflowError
from qms_objectives.text import to_nfc


def _upper(text: str) -> str:
    return to_nfc(text.strip().upper())


def signing_block_for(*, agency, actor) -> tuple[list[str], str]:
    """The signing lines and printed name for `actor` signing for `agency` (NĐ30):
    head → ["CHÁNH VĂN PHÒNG"]; deputy → ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"];
    a collective body adds "TM. ỦY BAN NHÂN DÂN" above ("CHỦ TỊCH" or "KT. CHỦ TỊCH" /
    "PHÓ CHỦ TỊCH")."""
    membership = membership_in(actor, agency.pk)
    if membership is None or not (membership.is_head or membership.is_deputy):
        raise WorkflowError(
            _("Chỉ thủ trưởng hoặc cấp phó của cơ quan mới ký được văn bản."), code="forbidden"
        )
    head = _upper(agency.head_title)
    if membership.is_head:
        lines = [head]
    else:
        lines = ["KT. " + head, _upper(agency.deputy_title) or "PHÓ " + head]
    if agency.is_collective:
        lines.insert(0, "TM. " + _upper(agency.collective_name or agency.printed_name))
    return lines, membership.display_name


def head_signing_block(agency) -> tuple[list[str], str]:
    """Before approval: the block the head would sign with, so that a draft reads right."""
    head = Membership.objects.active().filter(agency=agency, is_head=True).first()
    if head is None:
        return [], ""
    return signing_block_for(agency=agency, actor=head.user)
