"""The admin is for inspection: results change only through the services (with their locks and
corrections), so results, corrections, confirmations and reminders are read-only here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from monitoring.models import (
    Correction,
    Evidence,
    MonitoringPlan,
    ObjectivePlan,
    PeriodConfirmation,
    PersonReminder,
    Result,
    SentReminder,
)
from qms_objectives.admin import ReadOnlyAdmin


class ObjectivePlanInline(admin.TabularInline):
    model = ObjectivePlan
    fields = ["objective", "frequency", "roll_up", "department", "reporter"]
    readonly_fields = ["objective"]
    raw_id_fields = ["reporter"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MonitoringPlan)
class MonitoringPlanAdmin(admin.ModelAdmin):
    list_display = ["objective_set", "updated_at"]
    list_select_related = ["objective_set__agency", "objective_set__department"]
    readonly_fields = ["objective_set"]
    inlines = [ObjectivePlanInline]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ObjectivePlan)
class ObjectivePlanAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ["objective", "frequency", "roll_up", "department", "reporter"]
    list_filter = ["frequency", "roll_up", "agency"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["original_name", "kind", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class CorrectionInline(admin.TabularInline):
    model = Correction
    fields = ["at", "by", "reason", "old", "new"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["target", "period_key", "value", "numerator", "denominator", "recorded_by"]
    list_select_related = ["target", "recorded_by"]
    search_fields = ["target__indicator", "target__wording", "note"]
    list_filter = ["period_start"]
    inlines = [EvidenceInline, CorrectionInline]


@admin.register(PeriodConfirmation)
class PeriodConfirmationAdmin(ReadOnlyAdmin):
    list_display = ["agency", "department", "period_key", "confirmed_by", "confirmed_at"]
    list_filter = ["agency"]


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ["agency", "department", "period_key", "sent_at"]
    list_filter = ["agency"]


@admin.register(PersonReminder)
class PersonReminderAdmin(ReadOnlyAdmin):
    list_display = ["agency", "department", "period_key", "user", "step", "sent_on"]
    list_filter = ["agency", "step"]
