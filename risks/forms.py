"""Forms of the register. They only collect and check input; risks.services writes."""

import json

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from agencies.models import Department, Membership, Role
from agencies.permissions import has_role, membership_in
from documents.models import Status
from objectives.models import Objective
from qms_objectives.fields import PARAGRAPH_MAX_LENGTH, CleanCharField
from risks.models import (
    IMPACT_LABELS,
    LIKELIHOOD_LABELS,
    Band,
    Kind,
    Risk,
    RiskStatus,
    impact_labels,
)
from risks.selectors import AGENCY_LEVEL, DEFAULT_SORT
from risks.services import EDITABLE_FIELDS


def _scale_choices(labels: dict) -> list[tuple[int, str]]:
    return [(point, f"{point} – {label}") for point, label in labels.items()]


class RiskForm(forms.ModelForm):
    likelihood = forms.TypedChoiceField(
        label=_("Khả năng xảy ra (1–5)"), coerce=int, choices=_scale_choices(LIKELIHOOD_LABELS)
    )
    impact = forms.TypedChoiceField(
        label=_("Mức độ ảnh hưởng (1–5)"), coerce=int, choices=_scale_choices(IMPACT_LABELS)
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[(s.value, s.label) for s in RiskStatus if s != RiskStatus.CLOSED],
    )

    class Meta:
        model = Risk
        # What the service writes, and the related objectives it sets apart (many-to-many).
        fields = [*EDITABLE_FIELDS, "objectives"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "treatment": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "objectives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, agency, year: int, user, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(agency=agency, is_active=True)
        if has_role(user, agency.pk, Role.ISO_OFFICER):
            self.fields["department"].queryset = departments
            self.fields["department"].empty_label = _("(Cả cơ quan)")
        else:
            # A department head keeps the register of their own department only.
            own = membership_in(user, agency.pk)
            self.fields["department"].queryset = departments.filter(pk=own.department_id)
            self.fields["department"].required = True
            self.fields["department"].empty_label = None
            self.fields["department"].help_text = ""
        self.fields["owner_department"].queryset = departments
        self.fields["owner_person"].queryset = (
            get_user_model()
            .objects.filter(
                pk__in=Membership.objects.active().filter(agency=agency).values("user_id")
            )
            .order_by("last_name", "first_name", "username")
        )
        self.fields["owner_person"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["objectives"].queryset = (
            Objective.objects.filter(objective_set__agency=agency, objective_set__year=year)
            .exclude(objective_set__status__in=[Status.WITHDRAWN, Status.SUPERSEDED])
            .select_related("objective_set", "objective_set__department")
            .order_by("objective_set__department__name", "objective_set_id", "order", "id")
        )
        self.fields["objectives"].label_from_instance = _objective_label
        self._impact_by_kind()

    def _impact_by_kind(self) -> None:
        """The impact scale reads as harm for a risk and as benefit for an opportunity; the
        page relabels it when the kind changes (static/js/app.js, data-labels-by)."""
        if self.is_bound:
            kind = self.data.get(self.add_prefix("kind"))
        else:
            kind = self.initial.get("kind") or self.instance.kind
        field = self.fields["impact"]
        field.choices = _scale_choices(impact_labels(kind))
        field.widget.attrs.update(
            {
                "data-labels-by": self.add_prefix("kind"),
                "data-labels": json.dumps(
                    {k: [label for _p, label in _scale_choices(impact_labels(k))] for k in Kind}
                ),
            }
        )


def _objective_label(objective) -> str:
    owner = objective.objective_set.department
    prefix = owner.name if owner else objective.objective_set.agency.short_name
    return f"{prefix}: {objective.content[:120]}"


class CloseForm(forms.Form):
    outcome = CleanCharField(
        label=_("Kết quả xử lý"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=PARAGRAPH_MAX_LENGTH,
    )


class FilterForm(forms.Form):
    """The list's filters, read from the query string; anything invalid is ignored."""

    kind = forms.ChoiceField(label=_("Loại"), required=False)
    band = forms.ChoiceField(label=_("Mức độ"), required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    department = forms.ChoiceField(label=_("Bảng của"), required=False)
    sort = forms.ChoiceField(label=_("Sắp xếp"), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Tất cả"))]
        self.fields["kind"].choices = every + list(Kind.choices)
        self.fields["band"].choices = every + list(Band.choices)
        self.fields["status"].choices = every + list(RiskStatus.choices)
        self.fields["department"].choices = (
            every
            + [(AGENCY_LEVEL, _("Cả cơ quan"))]
            + [
                (str(d.pk), d.name)
                for d in Department.objects.filter(agency=agency, is_active=True)
            ]
        )
        self.fields["sort"].choices = [
            ("-level", _("Mức độ cao trước")),
            ("level", _("Mức độ thấp trước")),
            ("due", _("Thời hạn")),
            ("status", _("Trạng thái")),
            ("kind", _("Loại")),
            ("department", _("Phòng, đơn vị")),
            ("created", _("Thứ tự nhập")),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filters(self) -> dict:
        if not self.is_bound:
            return {"sort": DEFAULT_SORT}
        self.is_valid()  # invalid values drop out of cleaned_data; the rest still apply
        filters = {key: value for key, value in self.cleaned_data.items() if value}
        filters.setdefault("sort", DEFAULT_SORT)
        return filters
