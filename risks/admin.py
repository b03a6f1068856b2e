"""The admin is for inspection and correction; the pages (through risks.services) are the way in."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from risks.models import Risk


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agency", "department", "year", "kind", "level", "status"]
    list_filter = ["kind", "status", "year", "agency"]
    search_fields = ["description", "cause", "treatment", "agency__name", "department__name"]
    list_select_related = ["agency", "department"]
    raw_id_fields = ["agency", "department", "owner_department", "owner_person", "created_by"]
    filter_horizontal = ["objectives"]
    readonly_fields = ["closed_at", "created_by", "created_at", "updated_at"]
    actions = None

    @admin.display(description="L × I")
    def level(self, obj):
        return obj.level
