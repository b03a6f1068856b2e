"""URLs of the body's reports and decisions (one shared view per workflow step; `kind` is
"november", "december" or "decision")."""

from django.urls import path

from inspections import views_body_documents as views

PREFIX = "documents/<str:kind>/<int:pk>/"

urlpatterns = [
    path(PREFIX, views.body_document, name="body_document"),
    path(f"{PREFIX}pdf/", views.body_document_pdf, name="body_document_pdf"),
    path(f"{PREFIX}xlsx/", views.body_document_xlsx, name="body_document_xlsx"),
    path(f"{PREFIX}refresh/", views.body_document_refresh, name="body_document_refresh"),
    path(f"{PREFIX}submit/", views.body_document_submit, name="body_document_submit"),
    path(f"{PREFIX}withdraw/", views.body_document_withdraw, name="body_document_withdraw"),
    path(f"{PREFIX}return/", views.body_document_return, name="body_document_return"),
    path(f"{PREFIX}approve/", views.body_document_approve, name="body_document_approve"),
    path(f"{PREFIX}issue/", views.body_document_issue, name="body_document_issue"),
    path(
        "body/<int:body_id>/<int:year>/reports/<str:kind>/start/",
        views.report_start,
        name="report_start",
    ),
    path("<int:pk>/decision/start/", views.decision_start, name="decision_start"),
]
