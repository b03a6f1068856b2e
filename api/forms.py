"""The form of the token pages: the token's name and, for an agency's token, whether it may also
push the agency's dossiers (what the token covers comes from the page: the agency or the
oversight body, whose tokens only read)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import TokenScope
from qms_objectives.fields import CleanCharField


class TokenForm(forms.Form):
    name = CleanCharField(
        label=_("Tên gợi nhớ"),
        max_length=120,
        help_text=_(
            "Hệ thống nào dùng khóa này, ví dụ “Cổng thông tin điện tử của Sở”. "
            "Mỗi hệ thống một khóa, để thu hồi riêng được."
        ),
    )
    scope = forms.ChoiceField(
        label=_("Quyền của khóa"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        required=False,  # not chosen: read only
        widget=forms.RadioSelect,
        help_text=_(
            "Mặc định khóa chỉ đọc. Chỉ chọn “đẩy hồ sơ” cho hệ thống một cửa của cơ quan "
            "gửi hồ sơ TTHC lên (POST /api/v1/dossiers/)."
        ),
    )

    def __init__(self, *args, may_push: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_push:  # an oversight body's token only reads: nothing to choose
            del self.fields["scope"]
