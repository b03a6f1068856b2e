"""The admin is for configuration and inspection. Statuses change only through the services;
anything issued is read-only here and nothing issued can be deleted."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from documents.models import WORKFLOW_FIELDS
from objectives.models import (
    Acknowledgement,
    Objective,
    ObjectiveSet,
    Section,
    SetImport,
    Target,
    fields_except,
)

# Read-only here: what the workflow services write (documents.models.WORKFLOW_FIELDS), who
# created the set and which set it revises; in the model's order.
WORKFLOW_SHOWN = [
    field.name
    for field in ObjectiveSet._meta.fields
    if field.name in WORKFLOW_FIELDS or field.name in ("created_by", "revision", "revises")
]


def _set_of(obj):
    if obj is None:
        return None
    if isinstance(obj, ObjectiveSet):
        return obj
    if isinstance(obj, Target):
        return obj.objective.objective_set
    return obj.objective_set


class FrozenWhenIssuedMixin:
    """Read-only once the set is issued; deletable only while a draft that was never issued."""

    def _is_frozen(self, obj) -> bool:
        objective_set = _set_of(obj)
        return objective_set is not None and not objective_set.is_editable

    def has_change_permission(self, request, obj=None):
        if self._is_frozen(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        if self._is_frozen(obj):
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        if self._is_frozen(obj):
            return False
        objective_set = _set_of(obj)
        if objective_set is not None and objective_set.issued_at:
            return False
        return super().has_delete_permission(request, obj)


class SectionInline(FrozenWhenIssuedMixin, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["order", "title"]


class ObjectiveInline(FrozenWhenIssuedMixin, admin.StackedInline):
    model = Objective
    extra = 0
    fields = ["order", "section", "content", "lead_unit", "timeframe", "reporting_wording"]
    show_change_link = True
    raw_id_fields = ["lead_unit"]


class TargetInline(FrozenWhenIssuedMixin, admin.TabularInline):
    model = Target
    extra = 0
    fields = ["order", *Target.CONTENT_FIELDS]


@admin.register(ObjectiveSet)
class ObjectiveSetAdmin(FrozenWhenIssuedMixin, SimpleHistoryAdmin):
    list_display = [
        "display_title",
        "agency",
        "department",
        "year",
        "status",
        "revision",
        "number_and_symbol",
        "issued_on",
    ]
    list_filter = ["status", "year", "form", "agency"]
    search_fields = ["title", "agency__name", "agency__short_name", "department__name"]
    list_select_related = ["agency", "department"]
    readonly_fields = WORKFLOW_SHOWN
    raw_id_fields = ["parent"]
    inlines = [SectionInline, ObjectiveInline]
    actions = None
    fieldsets = [
        (None, {"fields": ["agency", "department", "year", "parent", "template_key"]}),
        (
            _("Trình bày"),
            {"fields": fields_except(ObjectiveSet.CONTENT_FIELDS, *ObjectiveSet.DECISION_FIELDS)},
        ),
        (
            _("Quyết định"),
            {"fields": ObjectiveSet.DECISION_FIELDS, "classes": ["collapse"]},
        ),
        (_("Quy trình và ban hành"), {"fields": WORKFLOW_SHOWN}),
    ]


@admin.register(Objective)
class ObjectiveAdmin(FrozenWhenIssuedMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "objective_set", "section", "order"]
    list_filter = ["objective_set__year", "objective_set__agency", "objective_set__status"]
    search_fields = ["content", "measures", "objective_set__agency__name"]
    list_select_related = ["objective_set__agency", "objective_set__department", "section"]
    raw_id_fields = ["objective_set", "section", "copied_from", "parent", "lead_unit"]
    filter_horizontal = ["supporting_units"]
    readonly_fields = ["version"]
    inlines = [TargetInline]
    actions = None


@admin.register(Target)
class TargetAdmin(FrozenWhenIssuedMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "objective", "comparison", "value", "unit"]
    list_filter = ["comparison", "objective__objective_set__year"]
    search_fields = ["wording", "indicator", "objective__content"]
    raw_id_fields = ["objective", "copied_from", "parent"]
    actions = None


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    """Who has read which published set (ISO 9001 6.2.1 f): a record, never edited."""

    list_display = ["objective_set", "user", "at"]
    list_filter = ["objective_set__agency", "objective_set__year"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["objective_set__agency", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SetImport)
class SetImportAdmin(admin.ModelAdmin):
    """Excel imports run by the task engine: FAILED ones carry the error to look into."""

    list_display = ["original_name", "agency", "department", "year", "status", "created_by"]
    list_filter = ["status", "agency"]
    search_fields = ["original_name", "created_by__username"]
    list_select_related = ["agency", "department", "created_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
