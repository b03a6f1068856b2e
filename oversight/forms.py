"""Forms of the oversight side: the table's filters and a deadline; oversight.services writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oversight.models import Deadline, DeadlineKind, ObjectivesStatus
from oversight.selectors import SORTS, Filters
from qms_objectives.fields import CleanCharField


class TableFilterForm(forms.Form):
    governing_body = CleanCharField(label=_("Cơ quan chủ quản"), required=False, max_length=255)
    status = forms.ChoiceField(
        label=_("Tình trạng mục tiêu"),
        required=False,
        choices=[("", _("Tất cả"))] + list(ObjectivesStatus.choices),
    )
    late = forms.BooleanField(label=_("Chỉ cơ quan chậm hạn"), required=False)
    sort = forms.ChoiceField(required=False, choices=[(key, key) for key in SORTS])
    desc = forms.BooleanField(required=False)

    def filters(self) -> Filters:
        """The filters asked for; anything invalid is ignored (the whole table)."""
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            governing_body=data["governing_body"],
            status=data["status"],
            late=data["late"],
            sort=data["sort"] or "agency",
            descending=data["desc"],
        )


class DeadlineForm(forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["kind", "due_on", "days_after_period", "note"]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == DeadlineKind.RESULTS_REPORTED:
            if data.get("days_after_period") is None:
                self.add_error("days_after_period", _("Hãy nhập số ngày sau khi hết kỳ, ví dụ 10."))
            data["due_on"] = None
        elif kind:
            if data.get("due_on") is None and "due_on" not in self.errors:
                self.add_error("due_on", _("Hãy nhập hạn, ví dụ 31/01."))
            data["days_after_period"] = None
        due_on = data.get("due_on")
        if due_on is not None and not self.year <= due_on.year <= self.year + 1:
            self.add_error(
                "due_on",
                ValidationError(
                    _("Hạn phải thuộc năm %(year)s hoặc năm sau."), params={"year": self.year}
                ),
            )
        return data
