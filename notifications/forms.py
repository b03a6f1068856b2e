from django import forms

from notifications import kinds

BY_MAIL = "mail"
IN_APP = "app"


class PreferencesForm(forms.Form):
    """One choice per kind: in the app only, or in the app and by mail."""

    def __init__(self, *args, preferences: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.choosable_kinds():
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label,
                choices=[(BY_MAIL, kinds.IN_APP_AND_MAIL), (IN_APP, kinds.IN_APP_ONLY)],
                widget=forms.RadioSelect,
                initial=BY_MAIL if preferences.get(kind.code, True) else IN_APP,
            )

    def by_mail(self) -> dict[str, bool]:
        return {code: value == BY_MAIL for code, value in self.cleaned_data.items()}
