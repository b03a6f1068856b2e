"""The notification centre: the user's own notifications, and how they want to receive them.
Every view reads and changes only the signed-in user's rows: another user's notification is
a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from notifications.forms import PreferencesForm
from notifications.models import Notification
from notifications.selectors import grouped, notifications_of, unread_count
from notifications.services import notifications_mark_read, preferences_of, preferences_save

PER_PAGE = 50


@login_required
@require_safe
def notification_list(request):
    page = Paginator(notifications_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "groups": grouped(page.object_list),
            "unread": unread_count(request.user),
        },
    )


def _own(request, pk) -> Notification:
    return get_object_or_404(Notification, pk=pk, user=request.user)


@login_required
@require_POST
def notification_open(request, pk):
    """Mark read and go where the action is taken (a link inside this site only)."""
    notification = _own(request, pk)
    notifications_mark_read(user=request.user, pks=[notification.pk])
    url = notification.url
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = reverse("notifications:list")
    return redirect(url)


@login_required
@require_POST
def notification_read(request, pk):
    notifications_mark_read(user=request.user, pks=[_own(request, pk).pk])
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = notifications_mark_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "Đã đánh dấu %(count)d thông báo là đã đọc.",
            "Đã đánh dấu %(count)d thông báo là đã đọc.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_preferences(request):
    current = preferences_of(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST, preferences=current)
        if form.is_valid():
            preferences_save(user=request.user, by_mail=form.by_mail())
            messages.success(request, _("Đã lưu cách nhận thông báo."))
            return redirect("notifications:preferences")
        status = 400
    else:
        form = PreferencesForm(preferences=current)
        status = 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)
