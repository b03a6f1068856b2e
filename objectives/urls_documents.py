"""Routes of the documents area (included by objectives/urls.py)."""

urlpatterns = []
