from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from corrective.models import CorrectiveAction, Evidence


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ("file", "original_name", "kind", "size", "uploaded_by", "uploaded_at")


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(SimpleHistoryAdmin):
    list_display = ("nonconformity", "agency", "year", "due_date", "status")
    list_filter = ("status", "year", "agency")
    search_fields = ("nonconformity", "cause", "action")
    raw_id_fields = ("owner_person", "created_by", "closed_by", "done_by")
    inlines = [EvidenceInline]
