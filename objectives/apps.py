from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectivesConfig(AppConfig):
    name = "objectives"
    verbose_name = _("Mục tiêu chất lượng")

    def ready(self):
        from documents.kinds import DocumentKind, register
        from objectives.models import ObjectiveSet
        from objectives.printing.canonical import set_body
        from objectives.printing.render import render_set
        from objectives.search import connect_receivers

        register(
            DocumentKind(
                model=ObjectiveSet, render=render_set, name=_("Mục tiêu chất lượng"), body=set_body
            )
        )
        # The search index is a derived copy of every set's text; see objectives/search.py
        # for why receivers (not each service) keep it in sync.
        connect_receivers()
