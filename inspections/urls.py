from django.urls import path  # noqa: F401

from inspections import urls_body_documents, urls_inspection, urls_plan

app_name = "inspections"

urlpatterns: list = [
    *urls_plan.urlpatterns,
    *urls_inspection.urlpatterns,
    *urls_body_documents.urlpatterns,
]
