"""Routes of the verify area (included by objectives/urls.py): public, no login."""

from django.urls import path

from objectives.views import verify

urlpatterns = [
    path("v/", verify.verify_home, name="verify_home"),
    path("v/<str:code>/", verify.verify_code, name="verify"),
    path("v/<str:code>/file/", verify.verify_download, name="verify_file"),
]
