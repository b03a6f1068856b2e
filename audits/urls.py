from django.urls import path

from audits import views

app_name = "audits"

urlpatterns = [
    path("", views.home, name="home"),
    path("agency/<int:agency_id>/<int:year>/", views.record_list, name="list"),
    path("agency/<int:agency_id>/<int:year>/<slug:kind>/new/", views.record_new, name="new"),
    path("<slug:kind>/<int:pk>/", views.record_detail, name="detail"),
    path("<slug:kind>/<int:pk>/edit/", views.record_edit, name="edit"),
]
