"""The upload form of the Excel import. It checks in the request what costs nothing (size, an
XLSX container by its ZIP directory, its unpacked size, its rows counted by streaming up to
the limit, who may start which set); the cells
are checked by the task (import_.set_import_xlsx, run by objectives.tasks.set_import_run)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Department, Role
from agencies.permissions import has_role, membership_in
from documents.models import year_validators
from objectives.excel.import_ import (
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    is_xlsx_container,
    not_xlsx_message,
    too_many_rows,
)
from qms_objectives.uploads import check_size, zip_names


def default_year() -> int:
    """Objectives are drafted in the last quarter for the next year."""
    today = timezone.localdate()
    return today.year + 1 if today.month >= 10 else today.year


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Tệp mẫu đã điền, hoặc tệp xuất từ bộ mục tiêu năm trước; tối đa 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    year = forms.IntegerField(label=_("Năm của bộ mục tiêu mới"), validators=year_validators())
    department = forms.ModelChoiceField(
        label=_("Bộ mục tiêu của"), queryset=Department.objects.none(), required=False
    )

    def __init__(self, *args, agency, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = default_year()
        departments = Department.objects.filter(agency=agency, is_active=True)
        field = self.fields["department"]
        if has_role(user, agency.pk, Role.ISO_OFFICER):
            field.queryset = departments
            field.empty_label = _("Cả cơ quan")
        else:
            field.queryset = departments.filter(pk=membership_in(user, agency.pk).department_id)
            field.required = True
            field.empty_label = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload, MAX_UPLOAD_BYTES)
        if not is_xlsx_container(zip_names(upload, max_unpacked=MAX_UNPACKED_BYTES)):
            raise ValidationError(not_xlsx_message(), code="not_xlsx")
        upload.seek(0)
        too_long = too_many_rows(upload.read())
        if too_long:
            raise ValidationError(too_long, code="too_many_rows")
        upload.seek(0)
        return upload
