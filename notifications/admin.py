from django.contrib import admin

from notifications.models import Notification, OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """The outbox: what was sent, what waits, and what FAILED with its last error."""

    list_display = ["subject", "state", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["state"]
    search_fields = ["subject", "to"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["message", "user", "agency", "created_at", "read_at"]
    list_filter = ["agency"]
    search_fields = ["message", "user__username"]
    raw_id_fields = ["user"]
