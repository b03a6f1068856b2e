"""The inspections' pages (beside the plan's in urls.py, same namespace)."""

from django.urls import path

from inspections import views_inspection as views

urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("plan-entry/<int:entry_id>/start/", views.inspection_start, name="inspection_start"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/checklist/", views.checklist, name="checklist"),
    path("<int:pk>/minutes.pdf", views.minutes_preview, name="minutes_preview"),
    path("<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes/reopen/", views.minutes_reopen, name="minutes_reopen"),
    path("<int:pk>/minutes/sign-unit/", views.minutes_sign_unit, name="minutes_sign_unit"),
    path("<int:pk>/minutes/prepare-unit/", views.minutes_prepare_unit, name="minutes_prepare_unit"),
    path("<int:pk>/minutes/upload-unit/", views.minutes_upload_unit, name="minutes_upload_unit"),
    path("<int:pk>/minutes/sign-agency/", views.minutes_sign_agency, name="minutes_sign_agency"),
    path(
        "<int:pk>/minutes/upload-agency/",
        views.minutes_upload_agency,
        name="minutes_upload_agency",
    ),
    path("<int:pk>/minutes/register/", views.minutes_register, name="minutes_register"),
    path("body/<int:body_id>/<int:year>/reports/", views.reports, name="reports"),
    path(
        "body/<int:body_id>/<int:year>/reports/<str:kind>.<str:extension>",
        views.report_file,
        name="report_file",
    ),
]
