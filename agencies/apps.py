from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Cơ quan và nhân sự")

    def ready(self):
        # The oversight rules join the one django-rules registry when the app loads.
        from agencies import oversight  # noqa: F401
