from django.contrib import admin

from documents.models import DocumentEvent, DocumentNumber
from qms_objectives.admin import ReadOnlyAdmin


@admin.register(DocumentNumber)
class DocumentNumberAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "agency", "issued_on", "content_type", "object_id"]
    list_filter = ["agency", "year", "symbol"]


@admin.register(DocumentEvent)
class DocumentEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "document", "action", "from_status", "to_status", "actor"]
    list_filter = ["action", "to_status"]
    search_fields = ["comment"]
