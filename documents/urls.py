"""Public verification of issued documents (/v/): no login."""

from django.urls import include, path

from documents import views as verify

app_name = "documents"

urlpatterns = [
    path("v/", verify.verify_home, name="verify_home"),
    path("v/<str:code>/", verify.verify_code, name="verify"),
    path("v/<str:code>/file/", verify.verify_download, name="verify_file"),
    # The rendered pages of a document, for those who may view it (not public).
    path("documents/pages/", include("documents.urls_pages")),
]
