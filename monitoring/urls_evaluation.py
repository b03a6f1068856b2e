"""URLs of the year-end evaluation report (in the monitoring namespace)."""

from django.urls import path

from monitoring import views_evaluation as views

urlpatterns = [
    path("<int:agency_id>/<int:year>/evaluation/", views.evaluation_list, name="evaluation_list"),
    path("evaluation/start/<int:set_id>/", views.evaluation_start, name="evaluation_start"),
    path("evaluation/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluation/<int:pk>/preview/", views.evaluation_preview, name="evaluation_preview"),
    path("evaluation/<int:pk>/xlsx/", views.evaluation_xlsx, name="evaluation_xlsx"),
    path("evaluation/<int:pk>/submit/", views.evaluation_submit, name="evaluation_submit"),
    path("evaluation/<int:pk>/withdraw/", views.evaluation_withdraw, name="evaluation_withdraw"),
    path("evaluation/<int:pk>/return/", views.evaluation_return, name="evaluation_return"),
    path("evaluation/<int:pk>/approve/", views.evaluation_approve, name="evaluation_approve"),
    path("evaluation/<int:pk>/issue/", views.evaluation_issue, name="evaluation_issue"),
    path("evaluation/<int:pk>/publish/", views.evaluation_publish, name="evaluation_publish"),
]
