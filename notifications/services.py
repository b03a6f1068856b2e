"""Notifications in the app and by email. The in-app rows and the mail are written once the
transaction commits, never inside a refused or rolled-back action; mail goes through Django's
standard API (EmailMultiAlternatives and get_connection().send_messages), whose configured
EMAIL_BACKEND queues it for sending outside the request."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from notifications import kinds
from notifications.models import Notification, NotificationPreference

MAIL_LANGUAGE = "vi"  # documents and mail are in Vietnamese, whatever language a reader uses


def notification_send(
    *,
    users: Iterable,
    agency,
    kind: str = kinds.LEGACY,
    params: dict | None = None,
    target=None,
    url: str = "",
    message: str = "",
) -> None:
    """Tell each active user, once the transaction commits: a notification of `kind` about
    `target` (a document, or None) with the parameters of its sentence, and a mail unless the
    user chose this kind in the app only (NotificationPreference). `message` is the finished
    text of a LEGACY notification (a caller that has no kind of its own)."""
    users = [u for u in users if u.is_active]
    if not users:
        return
    if kind not in kinds.KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    params = dict(params or {})
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    target_id = target.pk if target is not None else None

    def _write():
        rows = Notification.objects.bulk_create(
            Notification(
                user=u,
                agency=agency,
                kind=kind,
                target_type=target_type,
                target_id=target_id,
                params=params,
                message=message[:500],
                url=url,
            )
            for u in users
        )
        in_app_only = set(
            NotificationPreference.objects.filter(
                user__in=users, kind=kind, by_mail=False
            ).values_list("user_id", flat=True)
        )
        messages = [
            notification_mail(row)
            for row in rows
            if row.user.email and row.user_id not in in_app_only
        ]
        if messages:
            get_connection().send_messages(messages)

    transaction.on_commit(_write)


def notification_mail(notification: Notification) -> EmailMultiAlternatives:
    """The mail of one notification, in Vietnamese: its sentence as subject and body, the link
    to where the action is taken, and where to choose not to receive this kind by mail."""
    with translation.override(MAIL_LANGUAGE):
        text = str(notification.text)
        link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
        preferences = f"{settings.SITE_URL}{reverse('notifications:preferences')}"
        footer = _("Chọn cách nhận từng loại thông báo: %(url)s") % {"url": preferences}
        body = f"{text}\n\n{link}\n\n-- \n{footer}\n"
        html = format_html(
            '{}<p><a href="{}">{}</a></p><hr><p style="color:#666;font-size:small">'
            '<a href="{}">{}</a></p>',
            mark_safe(linebreaks(text, autoescape=True)),  # noqa: S308 - escaped by linebreaks
            link,
            _("Mở trong ứng dụng"),
            preferences,
            _("Chọn cách nhận từng loại thông báo"),
        )
    subject = " ".join(text.split())  # a return comment's line breaks never reach a header
    message = EmailMultiAlternatives(
        subject[:200], body, settings.DEFAULT_FROM_EMAIL, [notification.user.email]
    )
    message.attach_alternative(str(html), "text/html")
    return message


def notifications_mark_read(*, user, pks: Iterable[int] | None = None, target=None) -> int:
    """Mark the user's unread notifications read (those of `pks`, those about `target`, or
    all); returns how many. Another user's notifications are never touched."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=list(pks))
    if target is not None:
        unread = unread.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )
    return unread.update(read_at=timezone.now())


def preferences_of(user) -> dict[str, bool]:
    """{kind: by mail?} for every kind the user may choose, the default (by mail) filled in."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "by_mail"))
    return {k.code: chosen.get(k.code, True) for k in kinds.choosable_kinds()}


def preferences_save(*, user, by_mail: dict[str, bool]) -> None:
    """Keep the user's choice for each kind named in `by_mail` (unknown kinds refused)."""
    unknown = set(by_mail) - {k.code for k in kinds.choosable_kinds()}
    if unknown:
        raise ValueError(f"unknown notification kinds {sorted(unknown)}")
    with transaction.atomic():
        for kind, value in by_mail.items():
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"by_mail": value}
            )
