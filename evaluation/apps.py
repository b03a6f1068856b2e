from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Báo cáo đánh giá năm")

    def ready(self):
        from documents.kinds import DocumentKind, register
        from evaluation.canonical import report_body
        from evaluation.models import EvaluationReport
        from evaluation.pdf import render_report

        register(
            DocumentKind(
                model=EvaluationReport, render=render_report, name=_("Báo cáo"), body=report_body
            )
        )
