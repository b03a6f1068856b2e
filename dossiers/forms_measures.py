"""The form that binds a target to a measure of the agency's dossiers."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Department
from documents.models import Status
from dossiers.models import Measure
from objectives.models import Target
from qms_objectives.fields import CleanCharField


class TargetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, target):
        objective = target.objective
        unit = objective.objective_set.department
        owner = unit.name if unit else _("Cơ quan")
        text = (target.wording or objective.content or "").strip()
        return f"{objective.objective_set.year} · {owner} · {text[:120]}"


class TargetMeasureForm(forms.Form):
    target = TargetChoiceField(label=_("Chỉ tiêu"), queryset=Target.objects.none())
    measure = forms.ChoiceField(label=_("Tính bằng"), choices=Measure.choices)
    procedure_codes = CleanCharField(
        label=_("Chỉ các thủ tục (mã TTHC)"),
        required=False,
        max_length=2000,
        help_text=_("Để trống: mọi thủ tục. Nhiều mã cách nhau bằng dấu phẩy hoặc xuống dòng."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Chỉ các phòng, đơn vị xử lý"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_(
            "Để trống: cả cơ quan. Chỉ tiêu của một phòng luôn chỉ tính hồ sơ của phòng đó."
        ),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Target.objects.filter(
                objective__objective_set__agency=agency,
                objective__objective_set__status=Status.PUBLISHED,
            )
            .select_related("objective__objective_set__department")
            .order_by("-objective__objective_set__year", "objective__objective_set__department_id")
        )
        self.fields["departments"].queryset = Department.objects.filter(
            agency=agency, is_active=True
        )
        for name in ("target", "measure"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["procedure_codes"].widget.attrs["class"] = "form-control"

    def clean_procedure_codes(self) -> list[str]:
        text = self.cleaned_data.get("procedure_codes") or ""
        codes = [c.strip() for c in re.split(r"[,;\s]+", text) if c.strip()]
        if any(len(code) > 64 for code in codes):
            raise forms.ValidationError(_("Mỗi mã thủ tục tối đa 64 ký tự."))
        return codes
