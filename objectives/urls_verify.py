"""Routes of the verify area (included by objectives/urls.py)."""

urlpatterns = []
