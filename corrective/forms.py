"""Forms of corrective actions. They only collect and check input; corrective.services writes."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies.models import Department, Membership
from corrective.models import CorrectiveAction
from corrective.services import EDITABLE_FIELDS, evidence_kind
from qms_objectives.fields import PARAGRAPH_MAX_LENGTH, CleanCharField


class CorrectiveActionForm(forms.ModelForm):
    class Meta:
        model = CorrectiveAction
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "nonconformity": forms.Textarea(attrs={"rows": 2}),
            "cause": forms.Textarea(attrs={"rows": 3}),
            "action": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(agency=agency, is_active=True)
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = _("(Cả cơ quan)")
        self.fields["owner_department"].queryset = departments
        self.fields["owner_person"].queryset = (
            get_user_model()
            .objects.filter(
                pk__in=Membership.objects.active().filter(agency=agency).values("user_id")
            )
            .order_by("last_name", "first_name", "username")
        )
        self.fields["owner_person"].label_from_instance = lambda u: u.get_full_name() or u.username


class CorrectiveOutcomeForm(forms.Form):
    outcome = CleanCharField(
        label=_("Kết quả"),
        max_length=PARAGRAPH_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectiveDoneForm(forms.Form):
    outcome = CleanCharField(
        label=_("Đã làm gì, kết quả ra sao"),
        max_length=PARAGRAPH_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CorrectiveEvidenceForm(forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng (PDF, PNG, JPEG, XLSX, DOCX; tối đa 10 MB)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            evidence_kind(upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        return upload


class CorrectiveFilterForm(forms.Form):
    STATES = (
        ("", _("Tất cả")),
        ("open", _("Chưa đóng")),
        ("overdue", _("Quá hạn")),
        ("closed", _("Đã đóng")),
    )
    state = forms.ChoiceField(label=_("Tình trạng"), choices=STATES, required=False)

    def state_value(self) -> str:
        return self.cleaned_data.get("state", "") if self.is_valid() else ""
