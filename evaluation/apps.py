from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Báo cáo đánh giá năm")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from documents.kinds import DocumentKind, register
        from evaluation.canonical import report_body
        from evaluation.models import EvaluationReport
        from evaluation.pdf import render_report
        from evaluation.selectors import year_records
        from monitoring import year_records as monitoring_year_records
        from monitoring.dashboard_cache import dashboard_changed

        register(
            DocumentKind(
                model=EvaluationReport, render=render_report, name=_("Báo cáo"), body=report_body
            )
        )
        # The dashboard reads a closed year and results changed since from issued reports
        # (monitoring/year_records.py); a report's every write retires its cached pages. The
        # receiver is local to ready(): connected strongly, or it is collected on return.
        monitoring_year_records.register(year_records)

        def report_written(sender, instance, raw=False, **kwargs):
            if not raw:
                dashboard_changed(instance.agency_id)

        post_save.connect(
            report_written, sender=EvaluationReport, weak=False, dispatch_uid="dashboard_report"
        )
        post_delete.connect(
            report_written,
            sender=EvaluationReport,
            weak=False,
            dispatch_uid="dashboard_report_deleted",
        )
