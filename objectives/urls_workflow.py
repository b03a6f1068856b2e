"""Routes of the workflow area (included by objectives/urls.py)."""

from django.urls import path

from objectives.views import review, workflow

urlpatterns = [
    path("agency/switch/", workflow.agency_switch, name="agency_switch"),
    path("inbox/", workflow.inbox, name="inbox"),
    path("sets/<int:pk>/review/", review.set_review, name="set_review"),
    path("sets/<int:pk>/return/", review.set_return, name="set_return"),
    path("sets/<int:pk>/approve/", review.set_approve, name="set_approve"),
    path("sets/<int:pk>/submit/", workflow.set_submit, name="set_submit"),
    path("sets/<int:pk>/withdraw/", workflow.set_withdraw, name="set_withdraw"),
    path("sets/<int:pk>/revise/", workflow.set_revise, name="set_revise"),
    path("sets/<int:pk>/publish/", workflow.set_publish, name="set_publish"),
    path("sets/<int:pk>/issue/", workflow.set_issue, name="set_issue"),
    path("sets/<int:pk>/register/", workflow.set_register, name="set_register"),
    path(
        "sets/<int:pk>/prepare-external/",
        workflow.set_prepare_external,
        name="set_prepare_external",
    ),
    path("sets/<int:pk>/signed-upload/", workflow.set_signed_upload, name="set_signed_upload"),
]
