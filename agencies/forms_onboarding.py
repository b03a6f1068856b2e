"""Forms of the oversight body's pages and of an agency's settings. They only collect input;
agencies/onboarding.py and agencies/agency_settings.py decide."""

from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.agency_settings import SETTINGS_FIELDS
from agencies.imports import EXTENSIONS, MAX_UPLOAD_BYTES
from agencies.models import Agency, Department, OversightRole
from agencies.onboarding import AgencyDetails
from qms_objectives.fields import CleanCharField
from qms_objectives.uploads import check_size, validate_signature_image

_DETAIL_FIELDS = (
    "governing_body",
    "name",
    "name_in_documents",
    "short_name",
    "symbol",
    "place_name",
    "head_title",
    "deputy_title",
    "is_collective",
    "collective_name",
)


class AgencyCreateForm(forms.ModelForm):
    """One new agency, typed by an oversight body's administrator."""

    class Meta:
        model = Agency
        fields = _DETAIL_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["governing_body"].help_text = _(
            "In phía trên tên cơ quan, ví dụ “UBND TỈNH ĐỒNG NAI”."
        )
        self.fields["name_in_documents"].help_text = _(
            "Tên in hoa ở góc trái văn bản, ví dụ “SỞ TƯ PHÁP”; để trống thì dùng tên cơ quan."
        )

    def clean(self):
        data = super().clean()
        if data.get("is_collective") and not (data.get("collective_name") or "").strip():
            self.add_error(
                "collective_name",
                _("Cơ quan ký “TM.” phải có tên tập thể, ví dụ “Ủy ban nhân dân”."),
            )
        return data

    def details(self) -> AgencyDetails:
        return AgencyDetails(**{key: self.cleaned_data[key] for key in _DETAIL_FIELDS})


class AgencyImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách cơ quan (.xlsx hoặc .csv)"),
        help_text=_("Dùng tệp mẫu: một dòng tiêu đề, mỗi cơ quan một dòng."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if PurePath(uploaded.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        check_size(uploaded, MAX_UPLOAD_BYTES)
        return uploaded


class AgencyAdministratorInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email của quản trị cơ quan"),
        help_text=_("Người này nhận lời mời, tự đặt mật khẩu rồi cấu hình cơ quan."),
    )
    full_name = CleanCharField(label=_("Họ tên"), max_length=150, required=False)


class _OversightRoleFields(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Vai trò"),
        choices=OversightRole.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[OversightRole.INSPECTOR],
    )
    job_title = CleanCharField(label=_("Chức vụ"), max_length=120, required=False)


class OversightMemberAddForm(_OversightRoleFields):
    email = forms.EmailField(label=_("Email"))
    full_name = CleanCharField(
        label=_("Họ tên"),
        max_length=150,
        required=False,
        help_text=_("Gợi ý cho người chưa có tài khoản; họ tự sửa khi nhận lời mời."),
    )

    field_order = ["email", "full_name", "roles", "job_title"]


class OversightMemberEditForm(_OversightRoleFields):
    pass


class AgencySettingsForm(forms.ModelForm):
    """An agency's own settings. `governing_body` is saved through a dated term; the seal
    image is proven by the model's validator (PNG with a transparent background)."""

    CORRECT, CHANGE = "correct", "change"

    governing_body_mode = forms.ChoiceField(
        label=_("Khi sửa cơ quan chủ quản"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            (CORRECT, _("Sửa tên (vẫn cơ quan chủ quản này, ví dụ sửa lỗi chính tả)")),
            (CHANGE, _("Đổi sang cơ quan chủ quản khác từ hôm nay (các năm trước giữ tên cũ)")),
        ],
    )
    seal_clear = forms.BooleanField(label=_("Xóa hình con dấu"), required=False)

    class Meta:
        model = Agency
        fields = ("governing_body", *SETTINGS_FIELDS, "seal_image")
        widgets = {
            "quality_policy": forms.Textarea(attrs={"rows": 4}),
            # Not ClearableFileInput: it would link the file's storage URL, not the
            # permission-checked view; the page shows its own preview and "Xóa" box.
            "seal_image": forms.FileInput(attrs={"accept": ".png"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("is_collective") and not (data.get("collective_name") or "").strip():
            self.add_error(
                "collective_name",
                _("Cơ quan ký “TM.” phải có tên tập thể, ví dụ “Ủy ban nhân dân”."),
            )
        had = self.initial.get("governing_body")
        now = " ".join((data.get("governing_body") or "").split())
        if had and now and now != had and not data.get("governing_body_mode"):
            self.add_error(
                "governing_body_mode",
                _("Hãy chọn: sửa tên của cơ quan chủ quản hiện tại, hay đổi sang cơ quan khác."),
            )
        return data

    def governing_body_correction(self) -> bool:
        return self.cleaned_data.get("governing_body_mode") == self.CORRECT

    def settings_values(self) -> dict:
        return {key: self.cleaned_data[key] for key in SETTINGS_FIELDS}

    def new_seal(self):
        seal = self.cleaned_data.get("seal_image")
        uploaded = "seal_image" in self.changed_data and hasattr(seal, "content_type")
        return seal if uploaded else None


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ("name", "abbreviation", "order")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Để trống thì xếp cuối danh sách.")


class SignatureForm(forms.Form):
    image = forms.FileField(
        label=_("Hình chữ ký (PNG nền trong hoặc JPEG)"),
        validators=[validate_signature_image],
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg"}),
    )
