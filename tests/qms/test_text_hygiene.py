"""Issue 17: legacy encodings in short text and names, bidirectional controls, and length
limits, in every text field of every model and form."""

import importlib
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from qms_objectives.fields import CleanCharField, LongTextField, TextLineField
from qms_objectives.text import looks_like_legacy_encoding, to_nfc
from tests.factories import ObjectiveFactory, ObjectiveSetFactory
from tests.objectives.test_views_objectives import objective_data
from tests.objectives.views_support import client_for

TCVN3_NAME = "NguyÔn V¨n A"
VNI_NAME = "Nguyeãn Vaên An"
VNI_PERSON = "Leâ Thò Hoa"
RLO = "\u202e"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

# Plain CharField/TextField left on purpose: what the application writes itself, never a user.
SYSTEM_TEXT = {
    ("agencies.Invitation", "email"): "an address, checked by EmailValidator",
    ("agencies.Invitation", "token_hash"): "a hash",
    ("agencies.Agency", "slug"): "a SlugField: ASCII letters, digits and hyphens only",
    ("agencies.OversightBody", "slug"): "a SlugField: ASCII letters, digits and hyphens only",
    ("corrective.CorrectiveAction", "source_url"): "a local path the app writes (the page of the "
    "thing not met); anything else is dropped (corrective.views._source_url)",
    ("corrective.Evidence", "kind"): "a file type the app detects",
    ("documents.DocumentEvent", "action"): "an action code",
    ("documents.IssuableDocument", "issued_sha256"): "a hash",
    ("documents.IssuableDocument", "prepared_sha256"): "a hash",
    ("documents.IssuableDocument", "approved_body_sha256"): "a hash",
    ("documents.IssuableDocument", "verification_code"): "generated",
    ("documents.RenderedPages", "body_sha256"): "a hash",
    ("monitoring.Evidence", "kind"): "a file type the app detects",
    ("monitoring.Result", "period_key"): "a period code",
    ("monitoring.UnitPeriod", "period_key"): "a period code",
    ("objectives.ObjectiveSet", "template_key"): "a template's key",
    ("objectives.SearchEntry", "text"): "the folded search index of clean fields",
    ("objectives.SetImport", "original_name"): "the file's name, NFC without bidi controls "
    "(excel.jobs.set_import_queue); a name is not refused for its encoding",
    ("objectives.SetImport", "error"): "the exception of a failed task, for the administrator",
    ("dossiers.DossierImport", "original_name"): "the file's name, NFC without bidi controls "
    "(services.dossier_import_queue); a name is not refused for its encoding",
    ("dossiers.DossierImport", "file_format"): "csv or xlsx, detected from the content",
    ("dossiers.DossierImport", "sha256"): "a hash",
    ("dossiers.DossierImport", "error"): "the type of a failed task's exception",
    ("api.ApiToken", "prefix"): "the first characters of a generated key",
    ("api.ApiToken", "token_hash"): "a hash",
    ("audits.AgencyRecord", "report_kind"): "a file type the app detects",
    ("dossiers.MeasureFigure", "period_key"): "a period code",
    ("oversight.DeadlineReminder", "period_key"): "a period code",
    ("notifications.Notification", "kind"): "a kind code",
    ("notifications.Notification", "message"): "composed by the app from clean fields",
    ("notifications.Notification", "url"): "a URL the app builds",
    ("notifications.NotificationPreference", "kind"): "a kind code",
}


def _project_models():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts:
            yield from config.get_models()


def _text_fields():
    for model in _project_models():
        if model.__name__.startswith("Historical"):
            continue  # simple-history's copies of the fields below
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                yield model, field


def _label(model, field) -> tuple[str, str]:
    """(the model that declares the field, possibly an abstract parent, its name)."""
    for klass in reversed(model.__mro__):
        meta = getattr(klass, "_meta", None)
        if meta is not None and field.name in {f.name for f in meta.local_fields}:
            return meta.label, field.name
    return model._meta.label, field.name


def _user_text_fields():
    return [
        pytest.param(field, id=f"{model._meta.label}.{field.name}")
        for model, field in _text_fields()
        if isinstance(field, TextLineField | LongTextField)
    ]


# --- the detector ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TCVN3_NAME, "TCVN3"),
        ("Lª ThÞ Hoa", "TCVN3"),
        ("Phßng Tæng hîp", "TCVN3"),  # was labelled VNI
        (VNI_NAME, "VNI"),
        (VNI_PERSON, "VNI"),
        ("Phaïm Vaên Ñoàng", "VNI"),
        ("Nguyễn Văn An", None),
        ("Lê Thị Hoa; Thuý, quá, giá, hoà, ngoãn, khuê, giúp, xuân, luôn", None),
    ],
)
def test_it_names_the_legacy_encoding_of_short_text_and_names(text, encoding):
    assert looks_like_legacy_encoding(text) == encoding


def test_the_demo_and_the_official_templates_read_as_unicode():
    import yaml

    texts = []

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            texts.append(node)

    root = Path(settings.BASE_DIR)
    for path in [
        *root.glob("objectives/demo/data/*.yaml"),
        root / "objectives/reference/templates.yaml",
    ]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert len(texts) > 300
    assert [t for t in texts if looks_like_legacy_encoding(t)] == []


# --- every model field -----------------------------------------------------------------------


def test_every_text_field_of_every_model_keeps_text_clean():
    """A CharField or TextField is a TextLineField or LongTextField, a choice, or something the
    application writes itself (SYSTEM_TEXT, with the reason)."""
    bypassing = sorted(
        _label(model, field)
        for model, field in _text_fields()
        if not isinstance(field, TextLineField | LongTextField)
        and not field.choices
        and _label(model, field) not in SYSTEM_TEXT
    )
    assert bypassing == []
    assert len(_user_text_fields()) > 50


@pytest.mark.parametrize("field", _user_text_fields())
def test_each_user_text_field_refuses_both_legacy_encodings_and_drops_bidi_controls(field):
    for name, encoding in ((VNI_PERSON, "VNI"), (TCVN3_NAME, "TCVN3")):
        with pytest.raises(ValidationError) as refused:
            field.clean(name, None)
        assert f"bảng mã cũ {encoding}" in " ".join(refused.value.messages)
    assert field.clean(f"Hồ sơ{BIDI} đúng hạn", None) == "Hồ sơ đúng hạn"
    assert field.max_length is not None
    with pytest.raises(ValidationError):
        field.clean("a" * (field.max_length + 1), None)


def test_a_saved_objective_loses_its_bidi_controls(db):
    objective = ObjectiveFactory(
        content=f"Tỷ lệ {RLO}%69 hạn đúng{BIDI}", responsible_person=f"{RLO}Lê Thị Hoa"
    )
    objective.refresh_from_db()
    assert objective.content == "Tỷ lệ %69 hạn đúng"
    assert objective.responsible_person == "Lê Thị Hoa"
    assert to_nfc(f"a{BIDI}b") == "ab"


def test_an_objective_of_100000_characters_is_refused_by_the_model(db):
    objective = ObjectiveFactory.build(content="Hồ sơ đúng hạn. " * 6250)
    with pytest.raises(ValidationError) as refused:
        objective.full_clean(exclude=["objective_set"])
    assert "content" in refused.value.message_dict


# --- every form field ------------------------------------------------------------------------


def _project_forms():
    base = Path(settings.BASE_DIR)
    for path in sorted(base.glob("*/forms.py")) + sorted(base.glob("*/excel/forms.py")):
        if ".venv" in path.parts:
            continue
        module = importlib.import_module(".".join(path.relative_to(base).with_suffix("").parts))
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield value


def test_every_text_field_of_every_form_keeps_text_clean():
    plain = sorted(
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if type(field) is forms.CharField and not isinstance(field.widget, forms.PasswordInput)
    )
    assert plain == []  # a password is taken as typed: no NFC, nothing dropped


def test_a_long_box_counts_characters_instead_of_cutting_a_paste():
    field = CleanCharField(max_length=4000, widget=forms.Textarea)
    html = field.widget.render("content", "", attrs=field.widget_attrs(field.widget))
    assert 'data-max-length="4000"' in html and "maxlength" not in html
    assert 'data-max-length-text="%(count)s / %(limit)s ký tự"' in html


@pytest.mark.parametrize(
    ("form_path", "name"),
    [
        ("agencies.forms.MemberAddForm", "full_name"),
        ("agencies.forms.MemberEditForm", "printed_name"),
        ("agencies.forms.InvitationAcceptForm", "full_name"),
        ("objectives.forms.ReturnForm", "comment"),
        ("monitoring.forms.ResultForm", "note"),
        ("risks.forms.CloseForm", "outcome"),
        ("evaluation.forms.ReturnForm", "comment"),
    ],
)
def test_declared_form_fields_refuse_legacy_names_and_drop_bidi(form_path, name):
    module, form_name = form_path.rsplit(".", 1)
    field = getattr(importlib.import_module(module), form_name).base_fields[name]
    with pytest.raises(ValidationError) as refused:
        field.clean(VNI_NAME)
    assert "bảng mã cũ VNI" in " ".join(refused.value.messages)
    assert field.clean(f"{RLO}Lê Thị Hoa") == "Lê Thị Hoa"
    assert field.max_length is not None


# --- the editor ------------------------------------------------------------------------------


def test_the_editor_refuses_an_overlong_or_legacy_objective_next_to_the_field(agency, people):
    draft = ObjectiveSetFactory(agency=agency, with_objectives=1)
    objective = draft.objectives.get()
    before = (objective.content, objective.responsible_person)
    client = client_for(people["iso_officer"])
    url = reverse("objectives:objective_edit", args=[objective.pk])

    page = client.get(url).content.decode()
    assert 'data-max-length="4000"' in page and "js/char-count.js" in page

    huge = "Hồ sơ đúng hạn. " * 6250
    response = client.post(
        url, objective_data(objective, content=huge, responsible_person=VNI_PERSON)
    )
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors
    assert "4000" in errors["content"][0].replace(".", "")
    assert "bảng mã cũ VNI" in errors["responsible_person"][0]
    html = response.content.decode()
    assert huge in html and VNI_PERSON in html  # nothing typed is lost
    objective.refresh_from_db()
    assert (objective.content, objective.responsible_person) == before
