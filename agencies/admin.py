from django import forms
from django.contrib import admin, messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from agencies.models import (
    Agency,
    Department,
    GoverningBodyTerm,
    Membership,
    OversightBody,
    OversightMembership,
    OversightScope,
)
from agencies.onboarding import agency_move
from qms_objectives.errors import WorkflowError
from qms_objectives.fields import CleanCharField


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
    actions = ["move_agencies"]
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

    def get_actions(self, request):
        # Agencies are deactivated, never deleted: only the move is offered.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Chuyển cơ quan chủ quản / đơn vị quản lý (sắp xếp địa giới)"))
    def move_agencies(self, request, queryset):
        """The 2025 mergers: the selected agencies are under a new governing body and body from
        a date (agencies.onboarding.agency_move, one agency at a time)."""
        form = AgencyMoveForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            moved = 0
            for agency in queryset:
                try:
                    agency_move(
                        agency=agency,
                        governing_body=form.cleaned_data["governing_body"],
                        body=form.cleaned_data["body"],
                        on=form.cleaned_data["on"],
                        actor=request.user,
                    )
                except WorkflowError as error:
                    self.message_user(request, f"{agency}: {error.message}", messages.ERROR)
                else:
                    moved += 1
            if moved:
                self.message_user(
                    request, _("Đã chuyển %(count)s cơ quan.") % {"count": moved}, messages.SUCCESS
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Chuyển cơ quan"),
            "agencies": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/agencies/move_agencies.html", context)


class AgencyMoveForm(forms.Form):
    governing_body = CleanCharField(
        label=_("Cơ quan chủ quản mới"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ “UBND THÀNH PHỐ ĐÀ NẴNG”; để trống nếu không có."),
    )
    body = forms.ModelChoiceField(
        label=_("Đơn vị quản lý mới"),
        queryset=OversightBody.objects.filter(is_active=True),
        required=False,
        empty_label=_("— Không thuộc đơn vị quản lý nào —"),
    )
    on = forms.DateField(
        label=_("Có hiệu lực từ ngày"),
        initial=timezone.localdate,
        input_formats=["%d/%m/%Y"],
        help_text=_("dd/mm/yyyy, ví dụ 01/07/2025"),
    )


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
    autocomplete_fields = ["user", "agency"]
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


class OversightMembershipInline(admin.TabularInline):
    model = OversightMembership
    extra = 0
    fields = ["user", "job_title", "is_administrator", "is_inspector", "is_active"]
    autocomplete_fields = ["user"]
    can_delete = False


class OversightScopeInline(admin.TabularInline):
    model = OversightScope
    extra = 0
    fields = ["agency", "valid_from", "valid_until"]
    autocomplete_fields = ["agency"]
    can_delete = False


@admin.register(OversightBody)
class OversightBodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region_name", "slug", "inspecting_unit", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "region_name", "slug"]
    autocomplete_fields = ["agency"]
    inlines = [OversightMembershipInline, OversightScopeInline]
    actions = None  # bodies are deactivated, never deleted

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GoverningBodyTerm)
class GoverningBodyTermAdmin(admin.ModelAdmin):
    list_display = ["agency", "name", "valid_from", "valid_until"]
    search_fields = ["agency__name", "agency__short_name", "name"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    date_hierarchy = "valid_from"
