"""The bell on every page: how many of the user's notifications are unread."""

from notifications.selectors import unread_count


def bell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    counted: list[int] = []

    def count() -> int:
        if not counted:
            counted.append(unread_count(user))
        return counted[0]

    # A callable: the template evaluates it only where the bell is drawn, and the one query
    # once however often it is drawn (the phone's bell beside the menu button, the desktop's).
    return {"nav_unread_count": count}
