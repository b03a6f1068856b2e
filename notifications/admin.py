from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import Notification, OutboundEmail
from notifications.services import emails_requeue


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """The outbox: what was sent, what waits, and what FAILED with its last error."""

    list_display = ["subject", "state", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["state"]
    search_fields = ["subject", "to"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]
    actions = ["requeue"]

    @admin.action(description=_("Gửi lại các thư gửi lỗi đã chọn"), permissions=["change"])
    def requeue(self, request, queryset):
        count = emails_requeue(emails=queryset)
        self.message_user(
            request,
            ngettext("Đã xếp %(count)d thư để gửi lại.", "Đã xếp %(count)d thư để gửi lại.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["message", "user", "agency", "created_at", "read_at"]
    list_filter = ["agency"]
    search_fields = ["message", "user__username"]
    raw_id_fields = ["user"]
