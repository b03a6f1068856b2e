"""Forms of the dossier import: the upload (checked cheaply here: size, an XLSX container with a
bounded unpacked size or a text file; the rows are read by the task), the column mapping and
the agency's retention of uploaded files."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dossiers.mapping import FIELDS, looks_personal
from dossiers.models import DossierImport, DossierSettings
from dossiers.reading import ZIP_MAGIC
from qms_objectives.uploads import check_size, office_kind, upload_bytes, zip_names

MAX_UPLOAD_BYTES = 64 * 1024 * 1024
# 100,000 dossiers of 20 columns unpack to about 100 MB of sheet XML.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]


class DossierUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại tệp"),
        choices=[
            (DossierImport.Kind.DOSSIERS, _("Danh sách hồ sơ từ hệ thống một cửa (CSV, XLSX)")),
            (DossierImport.Kind.TOTALS, _("Biểu 06: số liệu tổng hợp theo đơn vị (XLSX)")),
        ],
        initial=DossierImport.Kind.DOSSIERS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Tệp"),
        help_text=_("CSV hoặc Excel (.xlsx), tối đa 64 MB (khoảng 200.000 hồ sơ)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    period_start = forms.DateField(
        label=_("Kỳ báo cáo từ ngày"),
        required=False,
        input_formats=DATE_INPUT,
        help_text=_("Chỉ cho Biểu 06 mà tiêu đề không ghi kỳ báo cáo (dd/mm/yyyy)."),
    )
    period_end = forms.DateField(label=_("đến ngày"), required=False, input_formats=DATE_INPUT)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload, MAX_UPLOAD_BYTES)
        head = upload_bytes(upload, MAX_UPLOAD_BYTES)[:65536]
        if head.startswith(ZIP_MAGIC):
            upload.seek(0)
            if office_kind(zip_names(upload, max_unpacked=MAX_UNPACKED_BYTES) or []) != "xlsx":
                raise ValidationError(
                    _("Tệp nén này không phải bảng tính Excel (.xlsx)."), code="not_xlsx"
                )
        elif b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ValidationError(
                _("Chỉ nhận tệp CSV hoặc Excel (.xlsx); tệp .xls cũ hãy lưu lại thành .xlsx."),
                code="file_type",
            )
        elif not head.strip():
            raise ValidationError(_("Tệp rỗng."), code="empty")
        upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if bool(start) != bool(end):
            self.add_error("period_end", _("Hãy nhập cả ngày đầu và ngày cuối của kỳ."))
        elif start and end and end < start:
            self.add_error("period_end", _("Ngày cuối kỳ trước ngày đầu kỳ."))
        upload = cleaned.get("file")
        if cleaned.get("kind") == DossierImport.Kind.TOTALS and upload is not None:
            upload.seek(0)
            if not upload.read(4).startswith(ZIP_MAGIC):
                self.add_error("file", _("Biểu 06 cần tệp Excel (.xlsx)."))
            upload.seek(0)
        return cleaned

    def period(self):
        start, end = self.cleaned_data.get("period_start"), self.cleaned_data.get("period_end")
        return (start, end) if start and end else None


class DossierMappingForm(forms.Form):
    """One choice per field among the file's headers (personal-data columns never offered)."""

    def __init__(self, *args, headers, initial_columns, **kwargs):
        super().__init__(*args, **kwargs)
        offered = [h for h in dict.fromkeys(headers) if h and not looks_personal(h)]
        choices = [("", _("— không dùng —")), *((h, h) for h in offered)]
        for field in FIELDS:
            self.fields[field.key] = forms.ChoiceField(
                label=field.label,
                help_text=field.national,
                choices=choices,
                required=field.required,
                initial=initial_columns.get(field.key, ""),
            )

    def clean(self):
        cleaned = super().clean()
        chosen = {}
        for key, header in list(cleaned.items()):
            if not header:
                continue
            if header in chosen:
                self.add_error(
                    key,
                    _("Cột này đã được chọn cho “%(field)s”.")
                    % {"field": self.fields[chosen[header]].label},
                )
            chosen.setdefault(header, key)
        return cleaned

    def columns(self) -> dict[str, str]:
        return {key: header for key, header in self.cleaned_data.items() if header}


class DossierSettingsForm(forms.ModelForm):
    class Meta:
        model = DossierSettings
        fields = ["file_retention_days"]
