"""URLs of the year-end evaluation report (under /monitoring/, beside the results it reports)."""

from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("<int:agency_id>/<int:year>/evaluation/", views.evaluation_list, name="list"),
    path("evaluation/start/<int:set_id>/", views.evaluation_start, name="start"),
    path("evaluation/<int:pk>/", views.evaluation_detail, name="detail"),
    path("evaluation/<int:pk>/preview/", views.evaluation_preview, name="preview"),
    path("evaluation/<int:pk>/xlsx/", views.evaluation_xlsx, name="xlsx"),
    path("evaluation/<int:pk>/submit/", views.evaluation_submit, name="submit"),
    path("evaluation/<int:pk>/withdraw/", views.evaluation_withdraw, name="withdraw"),
    path("evaluation/<int:pk>/return/", views.evaluation_return, name="return"),
    path("evaluation/<int:pk>/approve/", views.evaluation_approve, name="approve"),
    path("evaluation/<int:pk>/issue/", views.evaluation_issue, name="issue"),
    path("evaluation/<int:pk>/publish/", views.evaluation_publish, name="publish"),
]
