"""What the report page of monitoring shows about a target and the agency's dossiers
(monitoring.target_panels): to its ISO officers and head, a target computed from the dossiers
names its measure and scope and leads to its figures per department (to the button that returns
the period's result to the computed figure when it was overridden by hand); to its ISO officers,
a measurable target not yet bound is offered "Tính từ hồ sơ một cửa" with a button to bind it.
Other members see nothing here (the computed badge and source on the result are for everyone)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from dossiers.models import TargetMeasure
from dossiers.rules import may_bind_measures, may_import_dossiers
from monitoring.models import Result
from monitoring.target_panels import TargetPanel, register


def scope_text(bound: TargetMeasure) -> str:
    """ "Phòng A, Phòng B · thủ tục 1.001, 1.002" or "cả cơ quan"."""
    department = bound.target.objective.objective_set.department
    if department is not None:
        parts = [department.name]
    else:
        names = [d.name for d in bound.departments.all()]
        parts = [", ".join(names) if names else gettext("cả cơ quan")]
    if bound.procedure_codes:
        codes = ", ".join(bound.procedure_codes)
        parts.append(gettext("thủ tục %(codes)s") % {"codes": codes})
    return " · ".join(parts)


def target_panels(user, agency, targets, period_key: str) -> dict[int, TargetPanel]:
    if not may_import_dossiers(user, agency):
        return {}
    title = gettext("Tính từ hồ sơ một cửa")
    bound = {
        b.target_id: b
        for b in TargetMeasure.objects.filter(target__in=[t.pk for t in targets])
        .select_related("target__objective__objective_set__department")
        .prefetch_related("departments")
    }
    may_bind = may_bind_measures(user, agency)
    overridden = set()
    if bound and may_bind:
        overridden = set(
            Result.objects.filter(target_id__in=bound, period_key=period_key, is_computed=False)
            .exclude(override_reason="")
            .values_list("target_id", flat=True)
        )
    panels = {}
    for target in targets:
        measure = bound.get(target.pk)
        if measure is not None:
            url = reverse("dossiers:measure_detail", args=[measure.pk])
            panels[target.pk] = TargetPanel(
                title=title,
                text=f"{measure.get_measure_display()} · {scope_text(measure)}",
                url=f"{url}#k-{period_key}",
                action=gettext("Trở lại kết quả tính từ hồ sơ…")
                if target.pk in overridden
                else gettext("Số liệu theo phòng"),
                is_bound=True,
            )
        elif may_bind and target.value is not None:
            url = reverse("dossiers:measures", args=[agency.pk])
            panels[target.pk] = TargetPanel(
                title=title,
                text=gettext("Tính kết quả từ hồ sơ TTHC đã nhập thay vì nhập tay."),
                url=f"{url}?{urlencode({'target': target.pk})}#bind",
                action=gettext("Gắn với hồ sơ"),
            )
    return panels


def register_panels() -> None:
    register(target_panels)
