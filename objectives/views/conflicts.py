"""What the refused form of an edit conflict shows (issue 18): per field both the user and someone
else changed, what is saved now and what this user typed, with a choice between them ("keep-<key>"
radios, on what is saved by default). Read back by `kept_saved` when the form is sent again."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _

from objectives.forms import plain_decimal

KEEP = "keep-"


def kept_saved(request) -> set[str]:
    """The conflicts the user left on (or set to) what is saved now."""
    return {
        name.removeprefix(KEEP)
        for name, value in request.POST.items()
        if name.startswith(KEEP) and value == "saved"
    }


def put_saved(data, saved, key: str) -> None:
    """Make the posted `data[key]` what the unbound form field `saved` shows (the value saved
    now), as its widget would post it: a field the user kept as saved is then, for the form's
    own checks too, one they did not change."""
    widget, value = saved.field.widget, saved.field.prepare_value(saved.initial)
    if isinstance(widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
        return
    shown_value = widget.format_value(value)
    if isinstance(value, list | tuple):
        data.setlist(key, [str(item) for item in value])
    elif isinstance(shown_value, list):
        data.setlist(key, shown_value)
    else:
        data[key] = "" if shown_value is None else str(shown_value)


@dataclass
class Choice:
    key: str
    label: str
    saved: str
    mine: str
    saved_label: str
    mine_label: str
    choosable: bool = True
    input_name: str = ""  # the field in the form: editing it again chooses "mine" (app.js)


def shown(value, field: forms.Field | None = None) -> str:
    """A value as the user reads it: a unit by its name, a choice by its label, "95,5", a date
    dd/mm/yyyy, "Có"/"Không"; "(để trống)" for nothing."""
    if value is None or value == "" or value == [] or value == ():
        return _("(để trống)")
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, Decimal):
        return formats.number_format(plain_decimal(value), use_l10n=True)
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, models.QuerySet | list | tuple | set):
        return ", ".join(shown(item, field) for item in value)
    if isinstance(value, models.Model):
        return str(value)
    choices = getattr(field, "choices", None)
    if choices is not None and not isinstance(field, forms.ModelChoiceField):
        return str(dict(choices).get(value, value))
    return str(value)


def field_choice(conflict, field: forms.Field, label: str | None = None, input_name="") -> Choice:
    return Choice(
        key=conflict.key,
        label=label or str(field.label),
        saved=shown(conflict.saved, field),
        mine=shown(conflict.mine, field),
        saved_label=_("Giữ bản đang lưu"),
        mine_label=_("Dùng nội dung bạn nhập (trong ô bên dưới)"),
        input_name=input_name or conflict.name,
    )
