"""Forms of the editor and the workflow pages. They validate; the services write.

ModelForms localize every field, so "95,5" reads as 95.5 and dates are typed dd/mm/yyyy;
numbers read "1.000" as one thousand (qms_objectives/numbers.py).
"""

import datetime
from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Department
from documents.models import MAX_YEAR, MIN_YEAR
from objectives.models import (
    DocumentForm,
    Frequency,
    Objective,
    ObjectiveSet,
    Section,
    Target,
)
from objectives.services.editing import HEADER_FIELDS, OBJECTIVE_FIELDS, TARGET_FIELDS
from objectives.wording import follows_number
from qms_objectives.fields import PARAGRAPH_MAX_LENGTH, CleanCharField
from qms_objectives.numbers import LocalDecimalField


def _rows(n: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": n})


def plain_decimal(value):
    """96.0000 → 96 and 95.5000 → 95.5, so that a form shows what the user once typed."""
    if not isinstance(value, Decimal):
        return value
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


# --- header, sections, objectives, targets ----------------------------------------------------


class SetHeaderForm(forms.ModelForm):
    class Meta:
        model = ObjectiveSet
        fields = HEADER_FIELDS
        localized_fields = "__all__"
        widgets = {
            "preamble": _rows(3),
            "set_measures_intro": _rows(2),
            "set_measures": _rows(5),
            "closing_text": _rows(3),
            "decision_subject": _rows(2),
            "legal_bases": _rows(4),
            "articles": _rows(6),
            "recipients": _rows(4),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields and self.instance.year:
            self.fields["title"].help_text = _(
                "Để trống thì in “MỤC TIÊU CHẤT LƯỢNG NĂM %(year)s”."
            ) % {"year": self.instance.year}


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]
        localized_fields = "__all__"


class ObjectiveForm(forms.ModelForm):
    reporting_frequencies = forms.MultipleChoiceField(
        label=_("Kỳ báo cáo cho phép"),
        choices=Frequency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Để trống khi cập nhật liên tục."),
    )

    class Meta:
        model = Objective
        fields = [*OBJECTIVE_FIELDS, "supporting_units"]
        localized_fields = "__all__"
        widgets = {
            "content": _rows(3),
            "measures": _rows(3),
            "resources": _rows(2),
            "evaluation_method": _rows(2),
            "printed_targets": _rows(2),
            "printed_measures": _rows(2),
            "printed_time": _rows(2),
            "supporting_units": forms.CheckboxSelectMultiple,
            # The browser's own date picker (dd/mm/yyyy on a Vietnamese system); it sends ISO.
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "deadline": {"invalid": _("Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2026.")},
        }

    def __init__(self, *args, objective_set: ObjectiveSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.objective_set = objective_set
        departments = Department.objects.filter(agency_id=objective_set.agency_id, is_active=True)
        self.fields["lead_unit"].queryset = departments
        self.fields["supporting_units"].queryset = departments
        self.fields["section"].queryset = Section.objects.filter(objective_set=objective_set)
        self.fields["section"].empty_label = _("(không thuộc mục nào)")

    def editable_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in OBJECTIVE_FIELDS}


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = TARGET_FIELDS
        localized_fields = "__all__"
        field_classes = {"value": LocalDecimalField, "baseline": LocalDecimalField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("value", "baseline"):
            self.initial[name] = plain_decimal(self.initial.get(name))
        # One hint under the targets replaces the per-field help: the rows stay compact.
        for field in self.fields.values():
            field.help_text = ""

    def clean(self):
        """A wording that is only what the old number printed follows a new number (it is
        cleared, so the number prints itself); a wording the drafter wrote stays theirs."""
        cleaned = super().clean()
        number_changed = {"comparison", "value", "unit"} & set(self.changed_data)
        if (
            self.instance.pk
            and number_changed
            and "wording" not in self.changed_data
            and follows_number(loaded=self.initial, wording=cleaned.get("wording", ""))
        ):
            cleaned["wording"] = ""
        return cleaned


class _TargetFormSetBase(forms.BaseInlineFormSet):
    """Targets in the order of their "Thứ tự" numbers (empty: after the numbered ones); rows
    beyond the blank one are added in the browser from the formset's empty form."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Thứ tự")
        form.fields["ORDER"].widget.attrs.update(min=1, step=1)
        opened = index is not None and index < self.initial_form_count()
        if form.is_bound and opened and form.instance._state.adding:
            # A target someone removed since the form was opened: its row still posts the id,
            # which the editing service reads (targets_from) to tell what became of it.
            form.fields[self._pk_field.name] = forms.IntegerField(widget=forms.HiddenInput)


TargetFormSet = forms.inlineformset_factory(
    Objective,
    Target,
    form=TargetForm,
    formset=_TargetFormSetBase,
    fields=TARGET_FIELDS,
    extra=1,
    can_delete=True,
    can_order=True,
)


def _posted_id(form) -> int | None:
    """The id a target's row was opened with (one removed since included), None for a new row."""
    posted = form.cleaned_data.get("id")
    return posted.pk if isinstance(posted, Target) else posted


def targets_from(formset) -> list[dict]:
    """The targets the user kept, in the order they numbered them, as the editing service takes
    them (ordered_forms leaves out deleted rows and blank new ones)."""
    return [
        {"id": _posted_id(form), **{name: form.cleaned_data.get(name) for name in TARGET_FIELDS}}
        for form in formset.ordered_forms
    ]


def targets_removed(formset) -> list[int]:
    """The ids of the targets the user deleted ("Xóa" ticked on a row they opened)."""
    return [pk for form in formset.deleted_forms if (pk := _posted_id(form))]


# --- starting a set -----------------------------------------------------------------------------


def _next_year() -> int:
    today = timezone.localdate()
    return today.year + 1 if today.month >= 10 else today.year


class _StartForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, initial=_next_year, localize=False
    )
    department = forms.ModelChoiceField(
        label=_("Phòng, đơn vị"), queryset=Department.objects.none(), required=False
    )

    def __init__(self, *args, departments, agency_level: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        field.queryset = departments
        field.empty_label = _("Cả cơ quan") if agency_level else None
        field.required = not agency_level


class BlankStartForm(_StartForm):
    form = forms.ChoiceField(
        label=_("Hình thức văn bản"), choices=DocumentForm.choices, initial=DocumentForm.LIST
    )


class TemplateStartForm(_StartForm):
    pass


class _SourceSelect(forms.Select):
    """Each source carries the year after its own, which the page puts into "Cho năm" when the
    user picks it (static/js/app.js, data-next-year)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-next-year"] = instance.year + 1
        return option


class CopyStartForm(forms.Form):
    """Copy a set; the year is the one after the copied set's unless the user types another."""

    source = forms.ModelChoiceField(
        label=_("Sao chép từ"), queryset=ObjectiveSet.objects.none(), widget=_SourceSelect
    )
    year = forms.IntegerField(
        label=_("Cho năm"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        localize=False,
        help_text=_("Để trống thì lấy năm sau năm của bộ mục tiêu được sao chép."),
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["source"].label_from_instance = _source_label
        self.fields["year"].widget.attrs["data-next-year-of"] = self.add_prefix("source")
        source = self.initial.get("source")
        if source is not None and "year" not in self.initial:
            self.initial["year"] = source.year + 1

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source")
        if source is not None and cleaned.get("year") is None and "year" not in self.errors:
            cleaned["year"] = source.year + 1
        return cleaned


def _source_label(objective_set) -> str:
    owner = objective_set.department.name if objective_set.department_id else ""
    parts = [objective_set.display_title, owner, objective_set.get_status_display()]
    return " – ".join(p for p in parts if p)


class DeriveForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    department = forms.ModelChoiceField(
        label=_("Phòng, đơn vị"), queryset=Department.objects.none()
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("Mục tiêu của cơ quan được kế thừa"),
        queryset=Objective.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agency_set, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["objectives"].queryset = agency_set.objectives.order_by("order", "id")
        self.fields["objectives"].label_from_instance = lambda o: o.content
        self.fields["year"].initial = agency_set.year


# --- workflow ---------------------------------------------------------------------------------


class ReturnForm(forms.Form):
    comment = CleanCharField(
        label=_("Ý kiến khi trả lại"),
        max_length=PARAGRAPH_MAX_LENGTH,
        widget=_rows(4),
        help_text=_("Bắt buộc: nêu rõ điều cần sửa."),
        error_messages={"required": _("Hãy nhập ý kiến khi trả lại.")},
    )


class IssueForm(forms.Form):
    number = forms.IntegerField(
        label=_("Số"),
        min_value=1,
        required=False,
        help_text=_("Số tiếp theo còn trống đã được điền sẵn; để trống nếu văn bản không mang số."),
    )
    symbol = CleanCharField(
        label=_("Ký hiệu"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ “QĐ-VP” cho quyết định; để trống nếu cơ quan không đặt ký hiệu."),
    )
    issued_on = forms.DateField(label=_("Ngày ban hành"), initial=timezone.localdate, localize=True)

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("Ngày ban hành không được ở tương lai."))
        return issued_on


class RegisterForm(IssueForm):
    uploaded_file = forms.FileField(
        label=_("Tệp văn bản đã ban hành (PDF)"),
        validators=[FileExtensionValidator(["pdf"])],
    )


class SignedUploadForm(forms.Form):
    uploaded_file = forms.FileField(
        label=_("Tệp PDF đã ký số"),
        validators=[FileExtensionValidator(["pdf"])],
        help_text=_("Tệp do phần mềm ký số (USB token) tạo ra từ đúng bản PDF đã tải về."),
    )


def suggested_symbol(objective_set) -> str:
    """A decision is a Quyết định: "QĐ-VP" (NĐ30, Phụ lục III). The list and table forms are no
    document type of NĐ30 with an abbreviation: their symbol is the agency's to set, none by
    default."""
    if objective_set.form == DocumentForm.DECISION:
        return f"QĐ-{objective_set.agency.symbol}"
    return ""
