"""An evaluation report's content as its document body (documents.body): its texts, the figures
frozen when it was submitted and the unit's comment on each objective. Read from the database,
so the hash taken at approval and the one checked at issue see the stored rows."""

from evaluation.models import EvaluationComment, EvaluationReport
from evaluation.services import TEXT_FIELDS


def report_body(report: EvaluationReport) -> dict:
    fields = ("objective_set_id", "figures", *TEXT_FIELDS)
    comments = (
        EvaluationComment.objects.filter(report_id=report.pk)
        .order_by("objective_id")
        .values_list("objective_id", "comment")
    )
    return {
        "report": EvaluationReport.objects.filter(pk=report.pk).values(*fields).get(),
        "comments": [[objective_id, comment] for objective_id, comment in comments],
    }
