"""Forms of the people pages. They only collect input; agencies/services.py decides."""

from pathlib import PurePath

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from agencies.imports import EXTENSIONS, MAX_UPLOAD_BYTES
from agencies.models import Agency, Department, Membership, Role
from qms_objectives.fields import CleanCharField
from qms_objectives.uploads import check_size


class _MembershipFields(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Phòng, đơn vị"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("— Lãnh đạo, văn phòng cơ quan —"),
    )
    roles = forms.MultipleChoiceField(
        label=_("Vai trò"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Role.STAFF],
        help_text=_("Một người có thể giữ nhiều vai trò."),
    )
    job_title = CleanCharField(label=_("Chức vụ"), max_length=120, required=False)

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            agency=agency, is_active=True
        )


class MemberAddForm(_MembershipFields):
    email = forms.EmailField(
        label=_("Email"),
        help_text=_(
            "Một lời mời được gửi tới email này; người đó chỉ thành thành viên khi tự nhận lời mời."
        ),
    )
    full_name = CleanCharField(
        label=_("Họ tên"),
        max_length=150,
        required=False,
        help_text=_("Gợi ý cho người chưa có tài khoản; họ tự sửa khi nhận lời mời."),
    )

    field_order = ["email", "full_name", "department", "roles", "job_title"]


class MemberEditForm(_MembershipFields):
    printed_name = CleanCharField(
        label=_("Họ tên in dưới chữ ký"),
        max_length=120,
        required=False,
        help_text=_("Để trống thì dùng họ tên của người dùng."),
    )

    @classmethod
    def for_membership(cls, membership: Membership, data=None):
        initial = {
            "department": membership.department_id,
            "roles": membership.roles,
            "job_title": membership.job_title,
            "printed_name": membership.printed_name,
        }
        return cls(data, agency=membership.agency, initial=initial)


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách (.csv hoặc .xlsx)"),
        help_text=_(
            "Dòng đầu là tiêu đề với các cột: họ tên, email, phòng/đơn vị, vai trò. "
            "Nhiều vai trò cách nhau bằng dấu chấm phẩy."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if PurePath(uploaded.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
        check_size(uploaded, MAX_UPLOAD_BYTES)
        return uploaded


class InvitationAcceptForm(forms.Form):
    """Someone without an account accepting an invitation: their name and password."""

    full_name = CleanCharField(
        label=_("Họ tên"), max_length=150, help_text=_("Ví dụ “Nguyễn Văn An”.")
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        rules = password_validation.password_validators_help_text_html()
        self.fields["password1"].help_text = rules

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Hãy nhập họ tên."), code="required")
        return name

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Hai mật khẩu không khớp nhau."))
        elif first:
            user = get_user_model()(email=self.email, first_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
