from django.urls import path

from dossiers import views, views_measures

app_name = "dossiers"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:agency_id>/nhap/", views.import_upload, name="import"),
    path("<int:agency_id>/cot/", views.mapping_edit, name="mapping"),
    path("<int:agency_id>/thiet-lap/", views.settings_edit, name="settings"),
    path("nhap/<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:agency_id>/chi-tieu/", views_measures.measures_view, name="measures"),
    path("chi-tieu/<int:pk>/", views_measures.measure_detail, name="measure_detail"),
    path("chi-tieu/<int:pk>/tinh-lai/", views_measures.measure_recompute, name="measure_recompute"),
    path("chi-tieu/<int:pk>/bo-gan/", views_measures.measure_unbind, name="measure_unbind"),
    path(
        "chi-tieu/<int:pk>/tro-lai/<str:period_key>/",
        views_measures.measure_restore,
        name="measure_restore",
    ),
]
