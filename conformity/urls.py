"""Conformity announcements (QĐ 19/2014/QĐ-TTg, TT 26/2014/TT-BKHCN), under /conformity/."""

from django.urls import path

from conformity import views

app_name = "conformity"

urlpatterns = [
    path("", views.conformity_home, name="home"),
    path("agency/<int:agency_id>/", views.conformity_agency, name="agency"),
    path("agency/<int:agency_id>/scope/", views.conformity_scope, name="scope"),
    path("agency/<int:agency_id>/start/", views.conformity_start, name="start"),
    path("<int:pk>/", views.conformity_detail, name="detail"),
    path("<int:pk>/preview/", views.conformity_preview, name="preview"),
    path("<int:pk>/submit/", views.conformity_submit, name="submit"),
    path("<int:pk>/withdraw/", views.conformity_withdraw, name="withdraw"),
    path("<int:pk>/return/", views.conformity_return, name="return"),
    path("<int:pk>/approve/", views.conformity_approve, name="approve"),
    path("<int:pk>/issue/", views.conformity_issue, name="issue"),
    path("<int:pk>/register/", views.conformity_register, name="register"),
    path("<int:pk>/publish/", views.conformity_publish, name="publish"),
]
