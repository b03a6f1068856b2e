"""The inspection plan's form: its texts and, per agency, the mode, the month and a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inspections.models import InspectionMode, InspectionPlan
from inspections.plans import TEXT_FIELDS
from qms_objectives.fields import CleanCharField

MONTHS = [(m, _("Tháng %(m)02d") % {"m": m}) for m in range(1, 13)]


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, plan, entries=(), **kwargs):
        kwargs.setdefault("initial", {"version": plan.version})
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            field = InspectionPlan._meta.get_field(name).formfield()
            field.widget.attrs["rows"] = 4
            field.initial = getattr(plan, name)
            self.fields[name] = field
        self.entry_rows = []
        for entry in entries:
            mode = forms.ChoiceField(
                label=_("Hình thức"), choices=InspectionMode.choices, initial=entry.mode
            )
            month = forms.TypedChoiceField(
                label=_("Tháng"), choices=MONTHS, coerce=int, initial=entry.month
            )
            note = CleanCharField(label=_("Ghi chú"), max_length=255, required=False)
            note.initial = entry.note
            self.fields[f"mode_{entry.pk}"] = mode
            self.fields[f"month_{entry.pk}"] = month
            self.fields[f"note_{entry.pk}"] = note
            self.entry_rows.append(
                (
                    entry,
                    self[f"mode_{entry.pk}"],
                    self[f"month_{entry.pk}"],
                    self[f"note_{entry.pk}"],
                )
            )

    def text_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in TEXT_FIELDS}

    def entries(self) -> dict:
        return {
            entry.pk: (
                self.cleaned_data[f"mode_{entry.pk}"],
                self.cleaned_data[f"month_{entry.pk}"],
                self.cleaned_data[f"note_{entry.pk}"],
            )
            for entry, *_fields in self.entry_rows
        }


class PlanStartForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "min_value": _("Năm phải từ 2000 trở đi."),
            "max_value": _("Năm không được quá 2100."),
        },
    )
