from django.urls import path

from dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:agency_id>/nhap/", views.import_upload, name="import"),
    path("<int:agency_id>/cot/", views.mapping_edit, name="mapping"),
    path("<int:agency_id>/thiet-lap/", views.settings_edit, name="settings"),
    path("nhap/<int:pk>/", views.import_detail, name="import_detail"),
]
