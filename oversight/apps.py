"""The oversight body's side: its agencies, the table across them per year, deadlines."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Theo dõi, kiểm tra của đơn vị quản lý")
