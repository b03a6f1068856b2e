from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agencies.models import Agency, Department, Membership


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    fields = ["name", "abbreviation", "head", "order", "is_active"]
    raw_id_fields = ["head"]
    can_delete = False


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "governing_body", "symbol", "place_name", "is_active"]
    list_filter = ["is_active", "is_collective"]
    search_fields = ["name", "short_name", "governing_body"]
    inlines = [DepartmentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "short_name",
                    "name_in_documents",
                    "governing_body",
                    "symbol",
                    "place_name",
                    "address",
                    "is_active",
                ]
            },
        ),
        (
            _("Chức danh ký"),
            {
                "fields": [
                    "head_title",
                    "deputy_title",
                    "acting_head_title",
                    "is_collective",
                    "collective_name",
                ]
            },
        ),
        (_("Hệ thống quản lý chất lượng"), {"fields": ["iso_standard", "quality_policy"]}),
        (_("Con dấu"), {"fields": ["seal_image", "seal_diameter_mm"]}),
        (
            _("Theo dõi và nhắc báo cáo"),
            {
                "fields": [
                    "default_reporting_frequency",
                    "year_grace_days",
                    "reminder_head_after_days",
                    "reminder_iso_after_days",
                ]
            },
        ),
    ]
    actions = None  # agencies are deactivated, never deleted

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "agency", "abbreviation", "head", "is_active"]
    list_filter = ["is_active", "agency"]
    search_fields = ["name", "abbreviation", "agency__name"]
    raw_id_fields = ["head"]
    actions = None

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "agency", "department", "role_list", "is_active"]
    list_filter = [
        "is_active",
        "agency",
        "is_iso_officer",
        "is_records_officer",
        "is_head",
        "is_deputy",
        "is_department_head",
        "is_administrator",
    ]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "printed_name",
    ]
    raw_id_fields = ["user"]
    list_select_related = ["user", "agency", "department"]
    fieldsets = [
        (None, {"fields": ["user", "agency", "department", "job_title", "is_active"]}),
        (
            _("Vai trò"),
            {
                "fields": [
                    "is_iso_officer",
                    "is_records_officer",
                    "is_department_head",
                    "is_head",
                    "is_deputy",
                    "is_staff_member",
                    "is_administrator",
                ]
            },
        ),
        (_("Ký văn bản"), {"fields": ["printed_name", "signature_image"]}),
    ]
    actions = None  # memberships are deactivated, never deleted

    @admin.display(description=_("vai trò"))
    def role_list(self, obj):
        return ", ".join(str(label) for label in obj.role_labels)

    def has_delete_permission(self, request, obj=None):
        return False
