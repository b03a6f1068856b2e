"""The oversight body's side: its agencies, the table across them per year, deadlines."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Theo dõi, kiểm tra của đơn vị quản lý")

    def ready(self):
        # The yearly summaries are recomputed inside the transaction of every write they show
        # (oversight/summaries.py); the apps below may not import us.
        from objectives.home_cards import register
        from oversight.home import oversight_cards
        from oversight.summaries import connect_receivers

        connect_receivers()
        register(oversight_cards, without_membership=True)
