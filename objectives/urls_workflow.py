"""Routes of the workflow area (included by objectives/urls.py)."""

urlpatterns = []
