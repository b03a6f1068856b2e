"""The inspecting unit's annual plan, inspections, minutes, findings and its reports (TT 26)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Kiểm tra hệ thống quản lý chất lượng")

    def ready(self):
        from inspections.registration_inspection import register as register_inspections

        register_inspections()

        from inspections.registration_plan import register as register_plan

        register_plan()
