"""The bell on every page: how many of the user's notifications are unread."""

from notifications.selectors import unread_count


def bell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        return unread_count(user)

    # A callable: the template evaluates it (one query) only where the bell is drawn.
    return {"nav_unread_count": count}
