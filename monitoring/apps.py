from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Theo dõi thực hiện mục tiêu")

    def ready(self):
        # Cached dashboards are keyed by a version that receivers raise on every write they
        # show; see monitoring/dashboard_cache.py.
        from corrective.sources import register as register_corrective_source
        from monitoring.dashboard_cache import connect_receivers
        from monitoring.home import monitoring_cards
        from objectives.home_cards import register

        connect_receivers()
        # A year's "Không đạt" on a target is what a corrective action may point at.
        register_corrective_source(
            "objectives.target", lambda target: target.objective.objective_set.agency_id
        )
        # So is one period's "Không đạt" (a result the head confirms on the entry page).
        register_corrective_source(
            "monitoring.result", lambda result: result.target.objective.objective_set.agency_id
        )
        # Periods to confirm and reports due, on the home page (objectives may not import us).
        register(monitoring_cards)
