from django.urls import path

from oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:body_id>/<int:year>/", views.agency_table, name="table"),
    path("<int:body_id>/<int:year>/tong-hop.xlsx", views.agency_table_xlsx, name="table_xlsx"),
    path(
        "<int:body_id>/<int:year>/co-quan/<int:agency_id>/",
        views.agency_detail,
        name="agency",
    ),
    path("<int:body_id>/<int:year>/han/", views.deadlines, name="deadlines"),
    path("han/<int:pk>/xoa/", views.deadline_remove, name="deadline_remove"),
]
