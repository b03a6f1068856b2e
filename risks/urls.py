from django.urls import path

from risks import views

app_name = "risks"

urlpatterns = [
    path("", views.register_home, name="home"),
    path("agency/<int:agency_id>/<int:year>/", views.register, name="register"),
    path(
        "agency/<int:agency_id>/<int:year>/export.xlsx",
        views.register_export,
        {"fmt": "xlsx"},
        name="register_xlsx",
    ),
    path(
        "agency/<int:agency_id>/<int:year>/export.pdf",
        views.register_export,
        {"fmt": "pdf"},
        name="register_pdf",
    ),
    path("agency/<int:agency_id>/<int:year>/new/", views.risk_new, name="risk_new"),
    path("<int:pk>/", views.risk_detail, name="risk_detail"),
    path("<int:pk>/edit/", views.risk_edit, name="risk_edit"),
    path("<int:pk>/close/", views.risk_close, name="risk_close"),
    path("<int:pk>/reopen/", views.risk_reopen, name="risk_reopen"),
]
