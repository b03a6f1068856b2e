"""The forms of an internal audit and a management review; audits.services writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from audits.models import InternalAudit, ManagementReview
from audits.services import EDITABLE_FIELDS, report_kind


class _RecordForm(forms.ModelForm):
    report_file = forms.FileField(
        label=_("Báo cáo, biên bản (PDF hoặc DOCX; tối đa 20 MB)"), required=False
    )

    class Meta:
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "scope": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if self.year is not None and held_on.year != self.year:
            raise ValidationError(
                _("Ngày thực hiện phải thuộc năm %(year)s."), params={"year": self.year}
            )
        return held_on

    def clean_report_file(self):
        upload = self.cleaned_data.get("report_file")
        if upload:
            try:
                report_kind(upload)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return upload


class InternalAuditForm(_RecordForm):
    class Meta(_RecordForm.Meta):
        model = InternalAudit


class ManagementReviewForm(_RecordForm):
    class Meta(_RecordForm.Meta):
        model = ManagementReview


FORMS = {InternalAudit: InternalAuditForm, ManagementReview: ManagementReviewForm}
