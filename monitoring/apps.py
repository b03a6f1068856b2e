from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Theo dõi thực hiện mục tiêu")

    def ready(self):
        # Cached dashboards are keyed by a version that receivers raise on every write they
        # show; see monitoring/dashboard_cache.py.
        from monitoring.dashboard_cache import connect_receivers

        connect_receivers()
