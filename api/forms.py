"""The form of the token pages: only the token's name (what the token covers comes from the page:
the agency or the oversight body)."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
