"""Routes of the reading area (included by objectives/urls.py)."""

urlpatterns = []
