"""Routes of the Excel area (included by objectives/urls.py)."""

from django.urls import path

from objectives.views import downloads, excel

urlpatterns = [
    path("sets/<int:pk>/export.xlsx", excel.set_export_xlsx, name="set_export_xlsx"),
    path("sets/<int:pk>/document.docx", downloads.set_export_docx, name="set_export_docx"),
    path("agencies/<int:agency_id>/import/", excel.set_import, name="set_import"),
    path("imports/<int:pk>/", excel.set_import_detail, name="set_import_detail"),
    path(
        "agencies/<int:agency_id>/import/template.xlsx",
        excel.import_template,
        name="import_template",
    ),
]
