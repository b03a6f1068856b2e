"""Routes of the reading area (included by objectives/urls.py)."""

from django.urls import path

from objectives.views import reading

urlpatterns = [
    path("reading/", reading.reading_list, name="reading_list"),
    path("reading/search/", reading.reading_search_view, name="reading_search"),
    path("reading/<int:pk>/", reading.reading_detail, name="reading_detail"),
    path("reading/<int:pk>/pdf/", reading.reading_pdf, name="reading_pdf"),
    path("reading/<int:pk>/acknowledge/", reading.reading_acknowledge, name="reading_acknowledge"),
    path("reading/<int:pk>/readers/", reading.reading_readers, name="reading_readers"),
    path(
        "reading/<int:pk>/readers.<str:extension>",
        reading.reading_readers_export,
        name="reading_readers_export",
    ),
]
