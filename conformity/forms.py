"""Forms of the conformity pages: the agency's current scope, the announcement's texts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conformity.models import ConformityAnnouncement, ConformityScope, website_validator
from conformity.services import TEXT_FIELDS


class ScopeForm(forms.Form):
    activities = ConformityScope._meta.get_field("activities").formfield()
    procedures = ConformityScope._meta.get_field("procedures").formfield()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["rows"] = 5


class AnnouncementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, announcement, **kwargs):
        kwargs.setdefault("initial", {"version": announcement.version})
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            field = ConformityAnnouncement._meta.get_field(name).formfield()
            if hasattr(field.widget, "attrs") and name not in ("proposer", "website_url"):
                field.widget.attrs["rows"] = 4
            field.initial = getattr(announcement, name)
            self.fields[name] = field
        self.fields["website_url"].validators.append(website_validator)
        self.fields["activities"].error_messages["required"] = _(
            "Hãy ghi ít nhất một lĩnh vực hoạt động áp dụng hệ thống."
        )

    def text_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in TEXT_FIELDS}
