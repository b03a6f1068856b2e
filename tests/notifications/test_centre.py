"""The notification centre: the bell's count (one query), the list (newest first, grouped by
document, in the reader's language), open / mark read / mark all read on one's own notifications
only, and the per-kind choice of mail."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import kinds
from notifications.context_processors import bell
from notifications.models import Notification, NotificationPreference
from tests.factories import ObjectiveSetFactory

LIST = reverse("notifications:list")


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def notify(user, document=None, kind=kinds.DOCUMENT_SUBMITTED, **fields):
    params = {"document": str(document)} if document is not None else {"agency": "Sở Y tế"}
    if document is None and kind == kinds.DOCUMENT_SUBMITTED:
        kind = kinds.MEMBER_ADDED
    return Notification.objects.create(
        user=user,
        kind=kind,
        params=fields.pop("params", params),
        target_type=ContentType.objects.get_for_model(document) if document else None,
        target_id=document.pk if document else None,
        url=fields.pop("url", document.get_review_url() if document else "/"),
        **fields,
    )


def unread(notification) -> bool:
    notification.refresh_from_db()
    return notification.read_at is None


def test_the_bell_counts_the_unread_in_one_query(people):
    staff = people["staff"]
    notify(staff)
    notify(staff)
    read = notify(staff)
    Notification.objects.filter(pk=read.pk).update(read_at="2026-01-01T00:00Z")
    notify(people["head"])  # someone else's
    request = RequestFactory().get("/")
    request.user = staff
    count = bell(request)["nav_unread_count"]
    with CaptureQueriesContext(connection) as queries:
        assert count() == 2
        assert count() == 2  # drawn twice (phone and desktop bells), counted once
    assert len(queries) == 1


def test_every_page_shows_the_bell_with_the_count(people):
    notify(people["staff"])
    html = client_for(people["staff"]).get(reverse("objectives:reading_list")).content.decode()
    assert 'data-testid="nav-bell"' in html
    assert 'data-testid="bell-badge">1<' in html
    html = client_for(people["head"]).get("/").content.decode()
    assert 'data-testid="nav-bell"' in html and 'data-testid="bell-badge"' not in html


def test_the_list_is_newest_first_grouped_by_document(people, agency):
    head = people["head"]
    first = ObjectiveSetFactory(agency=agency, year=2024)
    second = ObjectiveSetFactory(agency=agency, year=2025)
    a = notify(head, first)
    b = notify(head, second)
    c = notify(head, first, kind=kinds.DOCUMENT_TO_PUBLISH)
    lone = notify(head)
    response = client_for(head).get(LIST)
    groups = response.context["groups"]
    assert [[n.pk for n in g.notifications] for g in groups] == [
        [lone.pk],
        [c.pk, a.pk],
        [b.pk],
    ]
    assert groups[1].title == str(first) and groups[1].unread == 2
    html = response.content.decode()
    assert f"“{first}” đã ban hành, chờ công bố." in html
    assert html.index(str(first)) < html.index(str(second))


def test_the_list_speaks_the_readers_language(people, agency):
    document = ObjectiveSetFactory(agency=agency)
    notify(people["head"], document)
    client = client_for(people["head"])
    client.post(reverse("set_language"), {"language": "en", "next": LIST})
    html = client.get(LIST).content.decode()
    assert f"“{document}” has been submitted for approval" in html


def test_a_legacy_notification_keeps_its_text(people):
    Notification.objects.create(user=people["staff"], kind=kinds.LEGACY, message="Cũ: có việc.")
    assert "Cũ: có việc." in client_for(people["staff"]).get(LIST).content.decode()


def test_opening_marks_read_and_goes_where_the_action_is(people, agency):
    document = ObjectiveSetFactory(agency=agency, submitted=True)
    notice = notify(people["head"], document)
    response = client_for(people["head"]).post(reverse("notifications:open", args=[notice.pk]))
    assert response.status_code == 302 and response.url == document.get_review_url()
    assert not unread(notice)


def test_opening_never_leaves_the_site(people):
    notice = notify(people["head"], url="https://evil.example/")
    response = client_for(people["head"]).post(reverse("notifications:open", args=[notice.pk]))
    assert response.url == LIST


@pytest.mark.parametrize("role", ["iso_officer", "head", "outsider"])  # editor, approver, outsider
def test_nobody_opens_or_marks_another_users_notification(people, role):
    notice = notify(people["staff"])
    client = client_for(people[role])
    for name in ("notifications:open", "notifications:read"):
        assert client.post(reverse(name, args=[notice.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    assert unread(notice)  # nothing changed
    assert notice.pk not in [
        n.pk for g in client.get(LIST).context["groups"] for n in g.notifications
    ]


def test_mark_read_and_mark_all_read_touch_only_ones_own(people):
    mine = [notify(people["staff"]) for _ in range(3)]
    theirs = notify(people["head"])
    client = client_for(people["staff"])
    response = client.post(reverse("notifications:read", args=[mine[0].pk]))
    assert response.status_code == 302 and not unread(mine[0]) and unread(mine[1])
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Đã đánh dấu 2 thông báo là đã đọc." in response.content.decode()
    assert not any(unread(n) for n in mine)
    assert unread(theirs)


def test_posts_need_the_csrf_token(people):
    notice = notify(people["staff"])
    client = client_for(people["staff"], enforce_csrf_checks=True)
    assert client.post(reverse("notifications:read", args=[notice.pk])).status_code == 403
    assert client.post(reverse("notifications:read_all")).status_code == 403
    assert client.post(reverse("notifications:preferences"), {}).status_code == 403
    assert unread(notice)


def test_the_preferences_default_to_mail_and_keep_a_choice(people):
    client = client_for(people["staff"])
    form = client.get(reverse("notifications:preferences")).context["form"]
    assert {f.name: f.initial for f in form} == dict.fromkeys(
        [k.code for k in kinds.choosable_kinds()], "mail"
    )
    data = {k.code: "mail" for k in kinds.choosable_kinds()} | {kinds.DOCUMENT_PUBLISHED: "app"}
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert list(
        NotificationPreference.objects.filter(by_mail=False).values_list("user", "kind")
    ) == [(people["staff"].pk, kinds.DOCUMENT_PUBLISHED)]
    assert reverse("notifications:preferences") in client.get(LIST).content.decode()


def test_a_bad_choice_is_refused_with_a_clear_error_and_saves_nothing(people):
    client = client_for(people["staff"])
    data = {k.code: "mail" for k in kinds.choosable_kinds()} | {kinds.DOCUMENT_PUBLISHED: "fax"}
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 400
    assert "Lựa chọn không hợp lệ" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_admin_lists_the_rendered_sentence(people, agency, admin_client):
    document = ObjectiveSetFactory(agency=agency)
    notify(people["head"], document)
    html = admin_client.get(reverse("admin:notifications_notification_changelist")).content
    assert f"“{document}” đã được gửi duyệt".encode() in html
