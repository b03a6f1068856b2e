from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running an installation: backup and restore commands, the bench floor view. No models."""

    name = "operations"
    verbose_name = _("Vận hành")
