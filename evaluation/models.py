"""The year-end evaluation report, "Báo cáo kết quả thực hiện Mục tiêu chất lượng năm YYYY":
per objective of a published set its targets, the year's results, reached or not, and the
unit's comment; the input of the management review, whose conclusions and actions the ISO
officer adds before it is issued through the same workflow as an objective set.

The figures are never typed: they are computed from the monitoring data (evaluation.selectors)
while the report is a draft, and frozen into `figures` when it is submitted, so that what the
head approves is what the issued PDF prints.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models import IssuableDocument, one_in_force_constraints, revision_fields
from objectives.models.sets import FrozenWithSetMixin
from qms_objectives.fields import LONG_PARAGRAPH_MAX_LENGTH, LongTextField


class EvaluationReport(IssuableDocument):
    objective_set = models.ForeignKey(
        "objectives.ObjectiveSet",
        on_delete=models.PROTECT,
        related_name="evaluation_reports",
        verbose_name=_("bộ mục tiêu được đánh giá"),
    )
    revision, revises = revision_fields(_("sửa đổi báo cáo"))
    summary = LongTextField(
        _("đánh giá chung"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Nhận xét chung của đơn vị; các số liệu do hệ thống tính, không nhập tay."),
    )
    review_conclusions = LongTextField(
        _("kết luận của xem xét của lãnh đạo"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi đoạn một dòng."),
    )
    review_actions = LongTextField(
        _("hành động sau xem xét của lãnh đạo"),
        blank=True,
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        help_text=_("Mỗi hành động một dòng: việc cần làm, đơn vị thực hiện, thời hạn."),
    )
    # Computed figures frozen on submit (evaluation.selectors.Evaluation.as_data()).
    figures = models.JSONField(_("số liệu đã chốt"), default=dict, blank=True)

    # Tables keep the names they had in the monitoring app (evaluation/migrations/0001).
    history = HistoricalRecords(table_name="monitoring_historicalevaluationreport")

    class Meta:
        db_table = "monitoring_evaluationreport"
        verbose_name = _("báo cáo đánh giá mục tiêu")
        verbose_name_plural = _("báo cáo đánh giá mục tiêu")
        ordering = ["agency", "-year", "department", "-revision"]
        # "In force" means Published: one per agency (or department) and year.
        constraints = one_in_force_constraints("evaluation")
        indexes = [models.Index(fields=["agency", "year", "status"])]

    def get_absolute_url(self):
        return reverse("evaluation:detail", args=[self.pk])

    # The report's own page holds every step of its workflow (edit, approve, issue).
    get_edit_url = get_review_url = get_issue_url = get_absolute_url

    @property
    def display_title(self) -> str:
        return f"Báo cáo kết quả thực hiện Mục tiêu chất lượng năm {self.year}"

    @property
    def subject(self) -> str:
        """The line under "BÁO CÁO" (NĐ30 Mẫu 1.4: type name, then the subject)."""
        return f"Kết quả thực hiện Mục tiêu chất lượng năm {self.year}"


class EvaluationComment(FrozenWithSetMixin, models.Model):
    """The unit's comment on one objective: why it was (not) reached, what follows."""

    report = models.ForeignKey(
        EvaluationReport,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("báo cáo"),
    )
    objective = models.ForeignKey(
        "objectives.Objective",
        on_delete=models.PROTECT,
        related_name="evaluation_comments",
        verbose_name=_("mục tiêu"),
    )
    comment = LongTextField(_("nhận xét của đơn vị"), blank=True)

    history = HistoricalRecords(table_name="monitoring_historicalevaluationcomment")

    class Meta:
        db_table = "monitoring_evaluationcomment"
        verbose_name = _("nhận xét mục tiêu")
        verbose_name_plural = _("nhận xét mục tiêu")
        ordering = ["report", "objective__order", "objective_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "objective"], name="evaluation_comment_once_per_objective"
            )
        ]

    def __str__(self):
        return self.comment[:80]

    def _own_set(self):
        # FrozenWithSetMixin refuses changes once the owning document is issued.
        return EvaluationReport.objects.filter(pk=self.report_id)
