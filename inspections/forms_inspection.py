"""Forms of an inspection. They only collect and check input; services_inspection writes."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from agencies.models import OversightMembership
from inspections.checklist import ITEMS, Result
from qms_objectives.fields import LONG_PARAGRAPH_MAX_LENGTH, PARAGRAPH_MAX_LENGTH, CleanCharField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _inspectors_of(body):
    ids = OversightMembership.objects.active().filter(body=body, is_inspector=True)
    return (
        get_user_model()
        .objects.filter(pk__in=ids.values("user_id"))
        .order_by("last_name", "first_name", "username")
    )


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


class InspectionStartForm(forms.Form):
    inspected_on = forms.DateField(label=_("Ngày kiểm tra"), widget=DATE_INPUT)
    team_leader = forms.ModelChoiceField(label=_("Trưởng đoàn kiểm tra"), queryset=None)
    inspectors = forms.ModelMultipleChoiceField(
        label=_("Thành viên đoàn"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    venue = CleanCharField(label=_("Địa điểm"), max_length=255, required=False)
    agency_representatives = CleanCharField(
        label=_("Đại diện cơ quan được kiểm tra"),
        help_text=_("Mỗi người một dòng: họ tên – chức vụ."),
        max_length=PARAGRAPH_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("team_leader", "inspectors"):
            self.fields[name].queryset = _inspectors_of(body)
            self.fields[name].label_from_instance = _name


class ChecklistForm(forms.Form):
    """One result and one text per art. 36 item, then the minutes' conclusion and the agency's
    opinion. A nonconformity or an observation must say what was seen."""

    conclusion = CleanCharField(
        label=_("Kết luận của đoàn kiểm tra"),
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agency_opinion = CleanCharField(
        label=_("Ý kiến của cơ quan được kiểm tra"),
        max_length=LONG_PARAGRAPH_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Chưa đánh giá")), *Result.choices]
        for item in ITEMS:
            self.fields[f"result_{item.code}"] = forms.ChoiceField(
                label=item.label,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"text_{item.code}"] = CleanCharField(
                label=_("Ghi nhận"),
                max_length=PARAGRAPH_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        for item in ITEMS:
            result = data.get(f"result_{item.code}")
            if result in (Result.NONCONFORMITY, Result.OBSERVATION) and not data.get(
                f"text_{item.code}"
            ):
                self.add_error(
                    f"text_{item.code}",
                    _("Hãy ghi rõ điều ghi nhận được khi kết luận “%(result)s”.")
                    % {"result": Result(result).label},
                )
        return data

    def findings(self) -> dict[str, tuple[str, str]]:
        return {
            item.code: (
                self.cleaned_data.get(f"result_{item.code}") or "",
                self.cleaned_data.get(f"text_{item.code}") or "",
            )
            for item in ITEMS
        }

    def rows(self):
        """(item, result field, text field) in the printed order, for the template."""
        return [(item, self[f"result_{item.code}"], self[f"text_{item.code}"]) for item in ITEMS]


class MinutesNumberForm(forms.Form):
    number = forms.IntegerField(
        label=_("Số biên bản"),
        min_value=1,
        required=False,
        help_text=_("Để trống nếu biên bản không đánh số."),
    )
    issued_on = forms.DateField(label=_("Ngày của biên bản"), widget=DATE_INPUT)


class MinutesPaperForm(MinutesNumberForm):
    file = forms.FileField(label=_("Bản quét biên bản đã ký (PDF, tối đa 20 MB)"))


class MinutesSignedUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp biên bản đã ký số (PDF)"))
