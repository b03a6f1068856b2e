"""An agency's announcement that its QMS conforms to TCVN ISO 9001 (QĐ 19/2014 Phụ lục I)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConformityConfig(AppConfig):
    name = "conformity"
    verbose_name = _("Công bố hệ thống quản lý chất lượng phù hợp")

    def ready(self):
        from conformity import rules  # noqa: F401 - registers conformity.view_announcement
        from conformity.canonical import announcement_body
        from conformity.models import ConformityAnnouncement
        from conformity.pdf import render_announcement
        from documents.kinds import DocumentKind, register

        register(
            DocumentKind(
                model=ConformityAnnouncement,
                render=render_announcement,
                name=_("Quyết định công bố hệ thống quản lý chất lượng"),
                body=announcement_body,
            )
        )
