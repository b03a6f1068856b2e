"""Django's own messages reach the user in Vietnamese: a null character, text too long, a date
that is not one, a choice that is not offered, a weak password. Django's vi catalogue leaves
some in English ("Null characters are not allowed.") and words others badly; locale/vi (a
catalogue of Django's messages only, written by hand) says them, and comes first."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from tests.qms.test_i18n import placeholders, po_entries, translations
from tests.security.conftest import client_as
from tests.security.property_support import EXTRA_FORMS, FORM_ARGUMENTS, discovered_forms

CATALOG = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
NULL_CHARACTER = "Nội dung có ký tự không hợp lệ (ký tự null); hãy xoá ký tự đó."

AUTH_FORMS = {
    auth_forms.AuthenticationForm: lambda w: {},
    auth_forms.PasswordChangeForm: lambda w: {"user": w.people["staff"]},
    auth_forms.PasswordResetForm: lambda w: {},
    auth_forms.SetPasswordForm: lambda w: {"user": w.people["staff"]},
}


def _forms(world):
    """An instance of every form of the project (a form not yet in FORM_ARGUMENTS is left to
    test_properties.test_every_form_of_the_project_is_covered) and of the account pages."""
    classes = [c for c in discovered_forms() + EXTRA_FORMS if c.__name__ in FORM_ARGUMENTS]
    built = [cls(**FORM_ARGUMENTS[cls.__name__](world)) for cls in classes]
    built += [cls(**arguments(world)) for cls, arguments in AUTH_FORMS.items()]
    return built


def _messages_of(form) -> list:
    """Every message a field of the form can give: its own error messages, its validators' and,
    for a model form, its model fields' (unique, blank, null…)."""
    found = []
    for name, field in form.fields.items():
        found += [(name, message) for message in field.error_messages.values()]
        found += [(name, v.message) for v in field.validators if hasattr(v, "message")]
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is not None:
        for field in model._meta.concrete_fields:
            found += [(field.name, message) for message in field.error_messages.values()]
            found += [(field.name, v.message) for v in field.validators if hasattr(v, "message")]
    return found


class _Any(dict):
    """Arguments for any placeholder of a message: %(limit_value)d, %(value)r, %(max)s…"""

    def __missing__(self, key):
        return 2


def _in_vietnamese(message) -> str:
    with translation.override("vi"):
        return str(message % _Any())


def _is_vietnamese(text: str) -> bool:
    """Django's messages are English (ASCII letters); ours and the catalogue's are Vietnamese,
    which no sentence writes without a letter outside ASCII (ă â đ ê ô ơ ư, the tone marks)."""
    return any(c.isalpha() and not c.isascii() for c in text)


def test_every_message_a_form_field_can_give_is_vietnamese(db, world):
    untranslated = sorted(
        {
            f"{type(form).__name__}.{name}: {_in_vietnamese(message)}"
            for form in _forms(world)
            for name, message in _messages_of(form)
            if not _is_vietnamese(_in_vietnamese(message))
        }
    )

    assert untranslated == [], "\n".join(untranslated)


def test_the_password_validators_speak_vietnamese(db, world):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password("12345", world.people["staff"])

    assert refused.value.messages == [
        "Mật khẩu quá ngắn; mật khẩu phải có ít nhất 8 ký tự.",
        "Mật khẩu này quá phổ biến.",
        "Mật khẩu này hoàn toàn là số.",
    ]


def test_a_null_character_and_too_long_text_are_refused_in_vietnamese(db, world):
    client = client_as(world, "administrator")
    url = reverse("agencies:member_add", kwargs={"agency_id": world.agency.pk})

    response = client.post(
        url,
        {
            "email": "moi@example.gov.vn",
            "full_name": "Nguyễn\x00An",
            "roles": ["staff"],
            "job_title": "x" * 121,
        },
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["full_name"] == [NULL_CHARACTER]
    assert errors["job_title"] == ["Hãy nhập tối đa 120 ký tự (hiện có 121)."]
    page = response.content.decode()
    assert "ký tự null" in page and "Hãy nhập tối đa 120 ký tự" in page
    assert "Null characters" not in page and "Ensure this value" not in page


def test_a_null_character_in_a_password_is_refused_in_vietnamese(db, world):
    client = client_as(world, "staff")

    response = client.post(
        reverse("password_change"),
        {"old_password": "\x00", "new_password1": "a\x00b", "new_password2": "a\x00b"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["old_password"] == [NULL_CHARACTER]
    assert errors["new_password1"] == [NULL_CHARACTER]
    assert "Null characters" not in response.content.decode()


def test_the_catalogue_keeps_every_placeholder_and_ships_compiled():
    entries = po_entries(CATALOG / "django.po")[1:]
    with (CATALOG / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    assert len(entries) > 80
    for entry in entries:
        assert all(translations(entry)) and "fuzzy" not in entry["flags"], entry["msgid"]
        for text in translations(entry):
            assert placeholders(text) == placeholders(entry["msgid"]), entry["msgid"]
        if "msgid_plural" in entry:
            said = compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2)
            assert said == entry["msgstr[0]"]
        elif "msgctxt" in entry:
            assert compiled.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
