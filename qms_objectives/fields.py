"""Fields that keep user text clean (Unicode NFC, no bidirectional controls, no legacy TCVN3/VNI
encodings, a length real documents never reach), and the link to a user that records who did
something.

Models use TextLineField (one line) and LongTextField (paragraphs); a plain models.CharField or
TextField is for what the application writes itself (tests/qms/test_text_hygiene.py lists them).
Their form fields are CleanCharField, which forms declaring a field of their own use too."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from qms_objectives.text import to_nfc, validate_unicode_text

# Paragraphs: the longest in the reference documents and the demo are about 500 characters (an
# objective's content under 300, a set's articles or measures under 500, a whole Phụ lục 3
# under 5,000). The limits leave room several times over and stop a pasted book.
PARAGRAPH_MAX_LENGTH = 4000
LONG_PARAGRAPH_MAX_LENGTH = 10000


class CleanCharField(forms.CharField):
    """A form's text: NFC without bidirectional controls, refused when typed in TCVN3 or VNI.
    A multi-line box gets no `maxlength` (a browser would cut a paste silently) but
    `data-max-length`, which static/js/app.js shows as a live character count."""

    default_validators = [validate_unicode_text]

    def to_python(self, value):
        value = super().to_python(value)
        return to_nfc(value) if isinstance(value, str) else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.Textarea) and self.max_length is not None:
            attrs.pop("maxlength", None)
            attrs["data-max-length"] = str(self.max_length)
            attrs["data-max-length-text"] = _("%(count)s / %(limit)s ký tự")
        return attrs


class _CleanTextMixin:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [])
        kwargs["validators"] = [*kwargs["validators"], validate_unicode_text]
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["validators"] = [
            v for v in kwargs.get("validators", []) if v is not validate_unicode_text
        ]
        if not kwargs["validators"]:
            del kwargs["validators"]
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        return to_nfc(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = to_nfc(value)
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanCharField, **kwargs})


class TextLineField(_CleanTextMixin, models.CharField):
    """A one-line text (names, titles, wordings) kept in NFC."""


class LongTextField(_CleanTextMixin, models.TextField):
    """Paragraphs (content, measures, preambles) kept in NFC, at most `max_length` characters
    (PARAGRAPH_MAX_LENGTH unless given). The limit is a validation rule, not a column size:
    like the validators it stays out of migrations."""

    def __init__(self, *args, max_length=PARAGRAPH_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs


def user_field(verbose_name, *, optional: bool = True) -> models.ForeignKey:
    """Who signed, approved, created, recorded…: a user kept (PROTECT) while anything names
    them, with no reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=optional,
        blank=optional,
        related_name="+",
        verbose_name=verbose_name,
    )
