"""URL modules per area, so work on one area never touches another's routes."""

from django.urls import include, path

from objectives.views import sets

app_name = "objectives"

urlpatterns = [
    path("sets/<int:pk>/", sets.set_detail, name="set_detail"),
    path("", include("objectives.urls_documents")),
    path("", include("objectives.urls_workflow")),
    path("", include("objectives.urls_editor")),
    path("", include("objectives.urls_reading")),
    path("", include("objectives.urls_excel")),
]
