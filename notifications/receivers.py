"""What people are told when something in a lower app happens (it announces, we tell)."""

from django.dispatch import receiver

from agencies.signals import member_added
from notifications import kinds
from notifications.services import notification_send


@receiver(member_added)
def tell_member_added(sender, *, membership, **kwargs) -> None:
    notification_send(
        users=[membership.user],
        agency=membership.agency,
        kind=kinds.MEMBER_ADDED,
        params={"agency": membership.agency.name},
        url="/",
    )
