from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:agency_id>/<int:year>/", views.dashboard_view, name="dashboard"),
    path(
        "<int:agency_id>/<int:year>/departments/<int:department_id>/",
        views.dashboard_view,
        name="department_dashboard",
    ),
    path("<int:agency_id>/<int:year>/due/", views.due_view, name="due"),
    path("<int:agency_id>/<int:year>/summary.pdf", views.summary_view, name="summary_pdf"),
    path("<int:agency_id>/agency/<str:period_key>/", views.entry_view, name="agency_entry"),
    path(
        "<int:agency_id>/agency/<str:period_key>/confirm/",
        views.confirm_view,
        name="agency_confirm",
    ),
    path(
        "<int:agency_id>/departments/<int:department_id>/<str:period_key>/",
        views.entry_view,
        name="department_entry",
    ),
    path(
        "<int:agency_id>/departments/<int:department_id>/<str:period_key>/confirm/",
        views.confirm_view,
        name="department_confirm",
    ),
    path("plans/<int:set_id>/", views.plan_view, name="plan"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("results/<int:pk>/override/", views.override_view, name="result_override"),
]
