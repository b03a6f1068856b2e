"""Forms of the evaluation report pages: its texts with a comment per objective, and returning
it with a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import EvaluationReport
from evaluation.services import TEXT_FIELDS
from qms_objectives.fields import PARAGRAPH_MAX_LENGTH, CleanCharField

COMMENT_PREFIX = "comment_"


class ReportForm(forms.Form):
    """Summary, the management review's conclusions and actions, recipients; one comment field
    per objective of the evaluated set ("comment_<objective id>")."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report, objectives=(), comments=None, **kwargs):
        kwargs.setdefault("initial", {"version": report.version})
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            field = EvaluationReport._meta.get_field(name).formfield()
            field.widget.attrs["rows"] = 3
            field.initial = getattr(report, name)
            self.fields[name] = field
        comments = comments or {}
        self.objective_fields = []
        for objective in objectives:
            name = f"{COMMENT_PREFIX}{objective.objective_id}"
            self.fields[name] = CleanCharField(
                label=_("Nhận xét của đơn vị về mục tiêu %(number)s")
                % {"number": objective.number},
                required=False,
                max_length=PARAGRAPH_MAX_LENGTH,
                initial=comments.get(objective.objective_id, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Vì sao đạt hoặc không đạt, việc sẽ làm tiếp theo."),
            )
            self.objective_fields.append((objective, self[name]))

    def text_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in TEXT_FIELDS}

    def comments(self) -> dict[int, str]:
        return {
            int(name.removeprefix(COMMENT_PREFIX)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(COMMENT_PREFIX)
        }


class ReturnForm(forms.Form):
    comment = CleanCharField(
        label=_("Ý kiến khi trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=PARAGRAPH_MAX_LENGTH,
    )
