"""The people pages of an agency, its settings, and the oversight body's pages of its
agencies and people (mounted at /people/)."""

from django.urls import path

from agencies import views, views_oversight, views_settings

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
    # An agency's own settings (its administrators).
    path("<int:agency_id>/settings/", views_settings.agency_settings_edit, name="agency_settings"),
    path("<int:agency_id>/departments/", views_settings.department_list, name="department_list"),
    path(
        "<int:agency_id>/departments/<int:pk>/",
        views_settings.department_edit,
        name="department_edit",
    ),
    path(
        "<int:agency_id>/departments/<int:pk>/deactivate/",
        views_settings.department_deactivate,
        name="department_deactivate",
    ),
    path(
        "<int:agency_id>/departments/<int:pk>/reactivate/",
        views_settings.department_reactivate,
        name="department_reactivate",
    ),
    path(
        "<int:agency_id>/<int:pk>/signature/",
        views_settings.member_signature,
        name="member_signature",
    ),
    # An oversight body's administrators: its agencies and its people.
    path("oversight/", views_oversight.body_home, name="body_home"),
    path("oversight/<int:body_id>/", views_oversight.body_agencies, name="body_agencies"),
    path(
        "oversight/<int:body_id>/agencies/new/",
        views_oversight.agency_create,
        name="body_agency_create",
    ),
    path(
        "oversight/<int:body_id>/agencies/import/",
        views_oversight.agency_import,
        name="body_agency_import",
    ),
    path(
        "oversight/<int:body_id>/agencies/import/template.xlsx",
        views_oversight.agency_import_template,
        name="body_agency_import_template",
    ),
    path(
        "oversight/<int:body_id>/agencies/<int:agency_id>/invite/",
        views_oversight.agency_invite,
        name="agency_invite",
    ),
    path(
        "oversight/<int:body_id>/invitations/<int:pk>/resend/",
        views_oversight.body_invitation_resend,
        name="body_invitation_resend",
    ),
    path(
        "oversight/<int:body_id>/invitations/<int:pk>/cancel/",
        views_oversight.body_invitation_cancel,
        name="body_invitation_cancel",
    ),
    path("oversight/<int:body_id>/people/", views_oversight.body_people, name="body_people"),
    path(
        "oversight/<int:body_id>/people/add/",
        views_oversight.body_member_add,
        name="body_member_add",
    ),
    path(
        "oversight/<int:body_id>/people/<int:pk>/",
        views_oversight.body_member_edit,
        name="body_member_edit",
    ),
    path(
        "oversight/<int:body_id>/people/<int:pk>/deactivate/",
        views_oversight.body_member_deactivate,
        name="body_member_deactivate",
    ),
    path(
        "oversight/<int:body_id>/people/<int:pk>/reactivate/",
        views_oversight.body_member_reactivate,
        name="body_member_reactivate",
    ),
]
