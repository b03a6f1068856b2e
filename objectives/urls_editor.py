"""Routes of the editor area (included by objectives/urls.py)."""

urlpatterns = []
