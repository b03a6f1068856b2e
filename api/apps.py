"""The read-only API under /api/v1/ (OpenAPI schema), its tokens, open-data downloads."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API chỉ đọc")
