"""What a reader does with a published set: acknowledge having read it."""

from django.db import transaction
from django.utils.translation import gettext as _

from documents.models import Status
from documents.rules import may_acknowledge, may_view
from notifications.services import notifications_mark_read
from objectives.models import Acknowledgement
from qms_objectives.errors import WorkflowError


def set_acknowledge(*, objective_set, actor) -> Acknowledgement:
    """Record once that `actor` has read the published set ("Tôi đã đọc")."""
    with transaction.atomic():
        if not may_view(actor, objective_set):
            raise WorkflowError(_("Bạn không có quyền xem văn bản này."), code="forbidden")
        if objective_set.status != Status.PUBLISHED or not may_acknowledge(actor, objective_set):
            raise WorkflowError(
                _("Chỉ xác nhận đã đọc được văn bản đang có hiệu lực."), code="state"
            )
        acknowledgement, created = Acknowledgement.objects.get_or_create(
            objective_set=objective_set, user=actor
        )
    if not created:
        raise WorkflowError(_("Bạn đã xác nhận đọc văn bản này trước đó."), code="already")
    # What told them to read it is done with.
    notifications_mark_read(user=actor, target=objective_set)
    return acknowledgement
