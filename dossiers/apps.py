"""One-stop-shop dossier records imported or pushed, and the results computed from them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = _("Hồ sơ thủ tục hành chính")

    def ready(self):
        # Who may import and read the exports joins the one django-rules registry.
        from dossiers import rules  # noqa: F401
        from dossiers.sources import register_sources

        # Computed results name the import (or the binding) they come from on monitoring's
        # pages; monitoring may not import this app.
        register_sources()
        # The report page of monitoring offers to bind a target, or leads to its figures.
        from dossiers.panels import register_panels

        register_panels()
        # The demo computes one agency's on-time target from a synthetic export.
        from dossiers.demo import demo_dossiers_load
        from objectives.demo.hooks import register as register_demo

        register_demo(demo_dossiers_load)
