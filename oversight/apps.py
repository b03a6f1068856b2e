"""The oversight body's side: its agencies, the table across them per year, deadlines."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Theo dõi, kiểm tra của đơn vị quản lý")

    def ready(self):
        # The yearly summaries are recomputed inside the transaction of every write they show
        # (oversight/summaries.py), and the cached table retired with them
        # (oversight/table_cache.py); the apps below may not import us.
        from objectives.home_cards import register
        from oversight import summaries, table_cache
        from oversight.home import oversight_cards

        summaries.connect_receivers()
        table_cache.connect_receivers()
        register(oversight_cards, without_membership=True)
