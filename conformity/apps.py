"""An agency's announcement that its QMS conforms to TCVN ISO 9001 (QĐ 19/2014 Phụ lục I)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConformityConfig(AppConfig):
    name = "conformity"
    verbose_name = _("Công bố hệ thống quản lý chất lượng phù hợp")
