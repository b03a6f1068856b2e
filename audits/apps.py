"""Internal audits and management reviews an agency records (ISO 9001 9.2, 9.3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Đánh giá nội bộ và xem xét của lãnh đạo")

    def ready(self):
        from audits import rules  # noqa: F401  (registers the permissions)
