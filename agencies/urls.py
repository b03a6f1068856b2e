"""The people pages of an agency (mounted at /people/)."""

from django.urls import path

from agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.people_home, name="people_home"),
    path("<int:agency_id>/", views.member_list, name="member_list"),
    path("<int:agency_id>/add/", views.member_add, name="member_add"),
    path("<int:agency_id>/import/", views.member_import, name="member_import"),
    path("<int:agency_id>/<int:pk>/", views.member_edit, name="member_edit"),
    path(
        "<int:agency_id>/<int:pk>/deactivate/",
        views.member_deactivate,
        name="member_deactivate",
    ),
    path(
        "<int:agency_id>/<int:pk>/reactivate/",
        views.member_reactivate,
        name="member_reactivate",
    ),
    path(
        "<int:agency_id>/<int:pk>/password-reset/",
        views.member_password_reset,
        name="member_password_reset",
    ),
    path(
        "<int:agency_id>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<int:agency_id>/invitations/<int:pk>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
