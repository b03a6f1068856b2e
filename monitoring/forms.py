from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies.models import Department
from monitoring.dashboard import ObjectiveState
from monitoring.evidence import evidence_kind
from monitoring.models import (
    COMPUTED_REFUSAL,
    ObjectivePlan,
    Result,
    allowed_frequencies,
    listed_frequencies,
)
from monitoring.numbers import plain
from monitoring.periods import ReportingFrequency
from objectives.models import Comparison
from qms_objectives.fields import PARAGRAPH_MAX_LENGTH, CleanCharField
from qms_objectives.numbers import LocalDecimalField

NUMBER = {"max_digits": 14, "decimal_places": 4, "min_value": 0, "required": False}


def _plain(value):
    return None if value is None else plain(value)


def _bootstrap(form) -> None:
    """Bootstrap classes on every widget (the templates render fields one by one)."""
    for field in form.fields.values():
        is_select = isinstance(field.widget, forms.Select)
        css = "form-select form-select-sm" if is_select else "form-control form-control-sm"
        field.widget.attrs.setdefault("class", css)


class DashboardFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Department.objects.none(), required=False
    )
    section = forms.IntegerField(label=_("Mục"), required=False, min_value=1)
    state = forms.ChoiceField(
        label=_("Tình trạng"),
        choices=[("", _("Tất cả"))] + ObjectiveState.choices,
        required=False,
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            agency=agency, is_active=True
        )


class ResultForm(forms.Form):
    """One target's result for the period: a value, or numerator and denominator; a written
    assessment for targets that are not scored; a note and an evidence file."""

    value = LocalDecimalField(label=_("Kết quả"), **NUMBER)
    numerator = LocalDecimalField(label=_("Tử số"), **NUMBER)
    denominator = LocalDecimalField(label=_("Mẫu số"), **NUMBER)
    assessment = CleanCharField(
        label=_("Đánh giá bằng văn bản"),
        required=False,
        max_length=PARAGRAPH_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = CleanCharField(label=_("Ghi chú"), required=False, max_length=2000)
    evidence = forms.FileField(label=_("Minh chứng"), required=False)

    def __init__(self, *args, target, result=None, **kwargs):
        self.target, self.result = target, result
        if result is not None:
            kwargs["initial"] = {
                "value": None if result.numerator is not None else _plain(result.value),
                "numerator": _plain(result.numerator),
                "denominator": _plain(result.denominator),
                "assessment": result.assessment,
                "note": result.note,
            }
        super().__init__(*args, **kwargs)
        if target.comparison == Comparison.NOT_SCORED:
            for name in ("value", "numerator", "denominator"):
                del self.fields[name]
        else:
            del self.fields["assessment"]
        if result is not None and result.is_computed:
            # Computed from records: shown, not typed over (clean() refuses a crafted post).
            for name in ("value", "numerator", "denominator", "note"):
                if name in self.fields:
                    self.fields[name].widget.attrs.update(
                        readonly=True,
                        tabindex="-1",
                        **{"class": "form-control form-control-sm bg-body-secondary"},
                    )
        _bootstrap(self)

    def clean_evidence(self):
        uploaded = self.cleaned_data.get("evidence")
        if uploaded:
            evidence_kind(uploaded)
        return uploaded

    def clean(self):
        data = super().clean()
        if self.result is not None and self.result.is_computed and self.has_values():
            raise ValidationError(COMPUTED_REFUSAL, code="computed")
        if data.get("evidence") and self.result is None and not self.has_values():
            raise ValidationError(_("Nhập kết quả trước khi đính kèm minh chứng."))
        return data

    def has_values(self) -> bool:
        changed = set(self.changed_data) - {"evidence"}
        return bool(changed)


class CorrectionForm(forms.Form):
    reason = CleanCharField(
        label=_("Lý do đính chính"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_("Bắt buộc khi sửa kết quả của kỳ đã được xác nhận."),
    )


class EntryDateForm(forms.Form):
    day = forms.DateField(label=_("Ngày cập nhật"), widget=forms.DateInput(attrs={"type": "date"}))


class ObjectivePlanForm(forms.ModelForm):
    class Meta:
        model = ObjectivePlan
        fields = ["frequency", "roll_up", "department", "reporter"]

    def __init__(self, *args, objective, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = allowed_frequencies(objective)
        self.fields["frequency"].choices = [
            (value, label) for value, label in ReportingFrequency.choices if value in allowed
        ]
        agency = objective.objective_set.agency
        if not listed_frequencies(objective):
            # The issued text names no period: the plan chooses, the agency's default offered.
            self.fields["frequency"].help_text = _(
                "Văn bản ban hành không nêu kỳ báo cáo: hãy chọn kỳ (mặc định của cơ quan: "
                "%(frequency)s)."
            ) % {"frequency": agency.get_default_reporting_frequency_display()}
        agency_id = objective.objective_set.agency_id
        self.fields["department"].queryset = Department.objects.filter(agency_id=agency_id)
        self.fields["reporter"].queryset = get_user_model().objects.filter(
            memberships__agency_id=agency_id, memberships__is_active=True
        )
        self.fields["reporter"].label_from_instance = lambda u: u.get_full_name() or u.username
        _bootstrap(self)


class ResultOverrideForm(forms.Form):
    """Replace a computed result by hand: the figure and, always, why."""

    value = LocalDecimalField(label=_("Kết quả"), **NUMBER)
    numerator = LocalDecimalField(label=_("Tử số"), **NUMBER)
    denominator = LocalDecimalField(label=_("Mẫu số"), **NUMBER)
    reason = CleanCharField(
        label=_("Lý do ghi đè"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bắt buộc. Lý do được lưu cùng kết quả và trong lịch sử đính chính; kết quả ghi đè "
            "không còn được tính lại khi nhập hồ sơ mới."
        ),
    )

    def __init__(self, *args, result: Result, **kwargs):
        self.result = result
        kwargs.setdefault(
            "initial",
            {"numerator": _plain(result.numerator), "denominator": _plain(result.denominator)},
        )
        super().__init__(*args, **kwargs)
        _bootstrap(self)
