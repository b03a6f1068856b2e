"""Model fields that keep user text clean (Unicode NFC, and no legacy TCVN3/VNI encodings), and
the link to a user that records who did something."""

from django.conf import settings
from django.db import models

from qms_objectives.text import to_nfc, validate_unicode_text


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


class TextLineField(_CleanTextMixin, models.CharField):
    """A one-line text (names, titles, wordings) kept in NFC."""


class LongTextField(_CleanTextMixin, models.TextField):
    """Paragraphs (content, measures, preambles) kept in NFC."""


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
