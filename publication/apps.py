"""Public pages (no login) of what agencies have published, served from a whole-page cache."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "publication"
    verbose_name = _("Trang công khai")

    def ready(self):
        from publication import receivers

        receivers.connect()
