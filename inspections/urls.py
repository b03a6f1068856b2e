from django.urls import path  # noqa: F401

from inspections import urls_inspection

app_name = "inspections"

urlpatterns: list = [*urls_inspection.urlpatterns]
