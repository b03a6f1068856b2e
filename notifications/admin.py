from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from post_office import admin as post_office_admin
from post_office.models import STATUS, Email

from notifications.models import Notification
from notifications.tasks import mail_send_queued
from qms_objectives.tasks import enqueue_on_commit

admin.site.unregister(Email)


@admin.register(Email)
class EmailAdmin(post_office_admin.EmailAdmin):
    """django-post-office's mail admin (the queue, each mail's log of attempts, its preview), with
    its two ways of sending again — the action and the button on a mail's page — putting the mail
    back in the queue for the task instead of sending it inside the admin's request."""

    actions = ["requeue"]

    @admin.action(description=gettext_lazy("Gửi lại các thư đã chọn"), permissions=["change"])
    def requeue(self, request, queryset):
        count = _requeue(queryset)
        self.message_user(
            request,
            ngettext("Đã xếp %(count)d thư để gửi lại.", "Đã xếp %(count)d thư để gửi lại.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def resend(self, request, pk):
        email = self.get_object(request, pk)
        if email is None:
            raise Http404
        if not self.has_change_permission(request, email):
            raise PermissionDenied
        _requeue(Email.objects.filter(pk=email.pk))
        self.message_user(request, _("Đã xếp thư để gửi lại."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:post_office_email_change", args=[email.pk]))


def _requeue(queryset) -> int:
    """Back in the queue with its retries reset, sent by the task after commit."""
    count = queryset.update(status=STATUS.queued, number_of_retries=0, scheduled_time=None)
    if count:
        enqueue_on_commit(mail_send_queued)
    return count


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    # The sentence is rendered from kind and parameters (Notification.text) in the admin's language.
    list_display = ["__str__", "kind", "user", "agency", "created_at", "read_at"]
    list_filter = ["kind", "agency"]
    search_fields = ["message", "params", "user__username"]
    raw_id_fields = ["user"]
