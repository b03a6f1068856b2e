from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectiveConfig(AppConfig):
    name = "corrective"
    verbose_name = _("Hành động khắc phục")
