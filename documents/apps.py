from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _

from documents.verification import site_url_is_loopback


def site_url_check(app_configs, **kwargs) -> list:
    """A warning at start-up, before anyone tries to issue (documents.verification)."""
    if settings.SITE_URL_LOOPBACK_ALLOWED or not site_url_is_loopback():
        return []
    return [
        checks.Warning(
            f"SITE_URL ({settings.SITE_URL}) is a loopback address: issuing is refused, since "
            "every issued document prints it in its QR code and never changes.",
            hint="Set SITE_URL to the address people open the app at (docs/DEPLOYMENT.md).",
            id="documents.W001",
        )
    ]


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản ban hành")

    def ready(self):
        checks.register(site_url_check, checks.Tags.security)
