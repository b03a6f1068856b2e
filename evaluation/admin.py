from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from evaluation.models import EvaluationComment, EvaluationReport
from qms_objectives.admin import ReadOnlyAdmin


class EvaluationCommentInline(admin.TabularInline):
    model = EvaluationComment
    extra = 0
    can_delete = False
    readonly_fields = ["objective", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EvaluationReport)
class EvaluationReportAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    """Reports change only through their services and the workflow: inspection only here."""

    list_display = ["display_title", "agency", "department", "year", "status", "revision"]
    list_filter = ["status", "year", "agency"]
    search_fields = ["agency__name", "department__name", "summary"]
    list_select_related = ["agency", "department"]
    inlines = [EvaluationCommentInline]
    actions = None

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or super().has_view_permission(request, obj)
