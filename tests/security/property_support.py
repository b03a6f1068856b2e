"""What the property tests need: every form class of the project (found in */forms*.py), how to
build each one in the security world, and Hypothesis strategies for what a browser could post
to each kind of field."""

import importlib
from datetime import date
from pathlib import Path

from django import forms
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from agencies.models import Agency
from audits.models import InternalAudit, ManagementReview
from conformity.models import ConformityAnnouncement
from documents.models import FROZEN_STATUSES
from documents.views import VerifyUploadForm
from evaluation.selectors import report_evaluation
from inspections.models import InspectionPlan, PlanEntry
from monitoring.models import Result
from objectives.models import Objective, ObjectiveSet
from risks.models import Risk

# Bounded and repeatable: the same examples on every run (derandomize), nothing written to disk.
PROPERTY = settings(
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FEW = settings(PROPERTY, max_examples=15)

# What people type where numbers, dates and names are expected (Vietnamese and not).
TYPED = (
    "",
    " ",
    "95,5",
    "95.5",
    "1.000",
    "1.000,5",
    "1,2,3",
    "abc",
    "-1",
    "0",
    "100",
    "1e400",
    "9" * 40,
    "NaN",
    "Infinity",
    "15/01/2024",
    "31/02/2024",
    "2024-01-15",
    "00/00/0000",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil")',
    "ĐỒNG NAI",
    "\u0301",
)
TEXT = st.text(max_size=120)
NASTY = st.sampled_from(TYPED)


def discovered_forms() -> list[type]:
    """Every public form class defined in a */forms*.py module of the project."""
    root = Path(django_settings.BASE_DIR)
    paths = sorted(root.glob("*/forms*.py")) + sorted(root.glob("*/*/forms*.py"))
    found = []
    for path in paths:
        if path.parts[len(root.parts)].startswith((".", "tests", "var")):
            continue
        module = importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
                and not value.__name__.startswith("_")
            ):
                found.append(value)
    return found


def _departments(w):
    return w.agency.departments.all()


def _report_objectives(w):
    return report_evaluation(w.report, today=date(2025, 1, 15)).objectives


# How each form is built in the world: the arguments its view passes.
FORM_ARGUMENTS = {
    "MemberAddForm": lambda w: {"agency": w.agency},
    "MemberEditForm": lambda w: {"agency": w.agency},
    "MemberImportForm": lambda w: {},
    "InvitationAcceptForm": lambda w: {"email": "moi.moi@example.gov.vn"},
    "PreferencesForm": lambda w: {"preferences": {}},
    "DashboardFilterForm": lambda w: {"agency": w.agency},
    "ResultForm": lambda w: {
        "target": w.published.objectives.get().targets.get(),
        "result": Result.objects.first(),
    },
    "CorrectionForm": lambda w: {},
    "ResultOverrideForm": lambda w: {"result": Result.objects.first()},
    "TargetMeasureForm": lambda w: {"agency": w.agency},
    "EntryDateForm": lambda w: {},
    "ObjectivePlanForm": lambda w: {"objective": w.published.objectives.get()},
    "ReportForm": lambda w: {"report": w.report, "objectives": _report_objectives(w)},
    "ReturnForm": lambda w: {},
    "SetHeaderForm": lambda w: {"instance": ObjectiveSet.objects.get(pk=w.draft.pk)},
    "SectionForm": lambda w: {},
    "ObjectiveForm": lambda w: {
        "objective_set": w.draft,
        "instance": Objective(objective_set=w.draft),
    },
    "TargetForm": lambda w: {},
    "BlankStartForm": lambda w: {"departments": _departments(w), "agency_level": True},
    "TemplateStartForm": lambda w: {"departments": _departments(w), "agency_level": False},
    "CopyStartForm": lambda w: {
        "sources": ObjectiveSet.objects.filter(agency=w.agency, status__in=FROZEN_STATUSES)
    },
    "DeriveForm": lambda w: {"agency_set": w.published, "departments": _departments(w)},
    "IssueForm": lambda w: {},
    "TokenForm": lambda w: {},  # the API token pages (issue 22)
    # Inspections (issue 21).
    "InspectionStartForm": lambda w: {"body": w.oversight_body},
    "ChecklistForm": lambda w: {},
    "MinutesNumberForm": lambda w: {},
    "MinutesPaperForm": lambda w: {},
    "MinutesSignedUploadForm": lambda w: {},
    "RegisterForm": lambda w: {},
    "SignedUploadForm": lambda w: {},
    "ImportForm": lambda w: {"agency": w.agency, "user": w.people["iso_officer"]},
    "RiskForm": lambda w: {
        "instance": Risk(agency=w.agency, year=2024),
        "agency": w.agency,
        "year": 2024,
        "user": w.people["department_head"],
    },
    "CloseForm": lambda w: {},
    "FilterForm": lambda w: {"agency": w.agency},
    "VerifyUploadForm": lambda w: {},
    "CorrectiveActionForm": lambda w: {"agency": w.agency},
    "CorrectiveOutcomeForm": lambda w: {},
    "CorrectiveDoneForm": lambda w: {},
    "CorrectiveEvidenceForm": lambda w: {},
    "CorrectiveFilterForm": lambda w: {},
    "DossierUploadForm": lambda w: {},
    "DossierMappingForm": lambda w: {
        "headers": ["MaHoSo", "Họ tên", "NgayTiepNhan", "NgayHenTra"],
        "initial_columns": {"code": "MaHoSo"},
    },
    "DossierSettingsForm": lambda w: {},
    # Issue 20: the oversight body's pages and an agency's settings (agencies/forms_onboarding.py).
    "AgencyCreateForm": lambda w: {},
    "AgencyImportForm": lambda w: {},
    "AgencyAdministratorInviteForm": lambda w: {},
    "OversightMemberAddForm": lambda w: {},
    "OversightMemberEditForm": lambda w: {},
    "AgencySettingsForm": lambda w: {"instance": Agency.objects.get(pk=w.agency.pk)},
    "DepartmentForm": lambda w: {},
    "SignatureForm": lambda w: {},
    # Issue 20: an agency's internal audits and management reviews, the oversight table.
    "InternalAuditForm": lambda w: {"instance": InternalAudit(agency=w.agency), "year": 2024},
    "ManagementReviewForm": lambda w: {"instance": ManagementReview(agency=w.agency), "year": 2024},
    "TableFilterForm": lambda w: {},
    "DeadlineForm": lambda w: {"year": 2024},
    # Issue 21: conformity announcements and the annual inspection plan.
    "ScopeForm": lambda w: {},
    "AnnouncementForm": lambda w: {
        "announcement": ConformityAnnouncement(agency=w.agency, year=2031)
    },
    "PlanForm": lambda w: {
        "plan": InspectionPlan(body=w.oversight_body, agency=w.oversight_body.agency, year=2030),
        "entries": [PlanEntry(pk=1, agency=w.agency, mode="on_site", month=5)],
    },
    "PlanStartForm": lambda w: {},
}
EXTRA_FORMS = [VerifyUploadForm]  # defined beside its view (objectives/views/verify.py)


def _choices(field) -> list[str]:
    values = []
    for key, label in field.choices:
        if isinstance(label, list | tuple):  # an option group
            values += [str(k) for k, _ in label]
        else:
            values.append(str(key))
    return values


def _pks(field) -> list[str]:
    return [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]] or ["1"]


def _typed(field):
    """Values of the field's own kind, good and bad."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return st.lists(st.sampled_from([*_pks(field), "0", "-1", "x"]), max_size=4)
    if isinstance(field, forms.ModelChoiceField):
        return st.one_of(st.sampled_from(_pks(field)), st.integers().map(str))
    if isinstance(field, forms.MultipleChoiceField):
        return st.lists(st.one_of(st.sampled_from(_choices(field) or [""]), TEXT), max_size=4)
    if isinstance(field, forms.ChoiceField):
        return st.sampled_from(_choices(field) or [""])
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "true", "false", "", "1"])
    if isinstance(field, forms.DecimalField | forms.FloatField):
        decimals = st.decimals(allow_nan=True, allow_infinity=True).map(str)
        return st.one_of(decimals, decimals.map(lambda s: s.replace(".", ",")))
    if isinstance(field, forms.IntegerField):
        return st.integers().map(str)
    if isinstance(field, forms.DateField):
        return st.dates().map(lambda d: f"{d.day:02d}/{d.month:02d}/{d.year:04d}")
    return TEXT


def field_values(field):
    """What a browser (or someone without one) could post for this field; None: left out."""
    if isinstance(field, forms.FileField):
        files = st.binary(max_size=600).map(lambda b: SimpleUploadedFile("tep.pdf", b))
        return st.one_of(st.none(), files)
    return st.one_of(st.none(), NASTY, TEXT, _typed(field))


def form_data(form, prefix: str = ""):
    """(data, files) for a bound copy of `form`: a value (or nothing) for each of its fields."""
    strategies = {name: field_values(field) for name, field in form.fields.items()}

    def split(values):
        data, files = {}, {}
        for name, value in values.items():
            key = f"{prefix}-{name}" if prefix else name
            if isinstance(value, SimpleUploadedFile):
                files[key] = value
            elif value is not None:
                data[key] = value
        return data, files

    return st.fixed_dictionaries(strategies).map(split)
