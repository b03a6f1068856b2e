"""The token pages (mounted at /api-tokens/, outside /api/v1/ and its CORS)."""

from django.urls import path

from api import views

app_name = "api_tokens"

urlpatterns = [
    path("agency/<int:agency_id>/", views.agency_tokens, name="agency_tokens"),
    path("oversight/<int:body_id>/", views.body_tokens, name="body_tokens"),
    path("<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
