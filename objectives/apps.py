from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectivesConfig(AppConfig):
    name = "objectives"
    verbose_name = _("Mục tiêu chất lượng")

    def ready(self):
        # The search index is a derived copy of every set's text; see objectives/search.py
        # for why receivers (not each service) keep it in sync.
        from objectives.search import connect_receivers

        connect_receivers()
