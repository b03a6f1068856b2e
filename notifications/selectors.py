"""What the notification centre reads."""

from dataclasses import dataclass, field

from notifications.models import Notification


def unread_count(user) -> int:
    """The bell's number: one query."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@dataclass
class Group:
    """The notifications about one document (or a lone one without a target), newest first."""

    title: str
    notifications: list = field(default_factory=list)

    @property
    def unread(self) -> int:
        return sum(1 for n in self.notifications if n.read_at is None)


def grouped(notifications) -> list[Group]:
    """Group a newest-first sequence by target, each group where its newest notification falls;
    a group takes the document's name from its newest notification."""
    groups: dict = {}
    for n in notifications:
        key = (n.target_type_id, n.target_id) if n.target_id is not None else ("one", n.pk)
        if key not in groups:
            title = n.params.get("document", "") if n.target_id is not None else ""
            groups[key] = Group(title=title)
        groups[key].notifications.append(n)
    return list(groups.values())


def notifications_of(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")
