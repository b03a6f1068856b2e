from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audits.models import InternalAudit, ManagementReview


@admin.register(InternalAudit, ManagementReview)
class RecordAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "held_on", "findings_count", "nonconformities_count"]
    list_filter = ["agency"]
    date_hierarchy = "held_on"
