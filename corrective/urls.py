from django.urls import path

from corrective import views

app_name = "corrective"

urlpatterns = [
    path("", views.home, name="home"),
    path("agency/<int:agency_id>/<int:year>/", views.action_list, name="list"),
    path("agency/<int:agency_id>/<int:year>/new/", views.action_new, name="new"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/edit/", views.action_edit, name="edit"),
    path("<int:pk>/done/", views.action_done, name="done"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence"),
    path("<int:pk>/close/", views.action_close, name="close"),
    path("<int:pk>/reopen/", views.action_reopen, name="reopen"),
]
