"""URLs of the annual inspection plan (under /inspections/plans/)."""

from django.urls import path

from inspections import views_plan as views

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/start/<int:body_id>/", views.plan_start, name="plan_start"),
    path("plans/agency/<int:agency_id>/", views.plan_agency, name="plan_agency"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/preview/", views.plan_preview, name="plan_preview"),
    path("plans/<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/withdraw/", views.plan_withdraw, name="plan_withdraw"),
    path("plans/<int:pk>/return/", views.plan_return, name="plan_return"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/issue/", views.plan_issue, name="plan_issue"),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan_publish"),
]
