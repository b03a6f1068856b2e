"""Routes of a document's rendered pages (documents.pages_views), under documents/urls.py."""

from django.urls import path

from documents import pages_views

urlpatterns = [
    path("<int:pk>/", pages_views.pages_fragment, name="pages_fragment"),
    path("<int:pk>/<int:number>.png", pages_views.page_image, name="page_image"),
    path("<int:pk>/document.pdf", pages_views.pages_pdf, name="pages_pdf"),
]
