"""How a computed result's source reads on monitoring's pages (monitoring.result_sources)."""

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.timezone import localtime
from django.utils.translation import gettext

from monitoring.result_sources import SourceLink, register


def describe_import(job) -> SourceLink:
    when = date_format(localtime(job.finished_at or job.created_at), "d/m/Y")
    rows = number_format(job.rows_total, force_grouping=True)
    if job.kind == job.Kind.PUSH:
        text = gettext("Hồ sơ gửi qua API ngày %(day)s (%(rows)s hồ sơ)")
    elif job.kind == job.Kind.TOTALS:
        text = gettext("Biểu 06 nhập ngày %(day)s")
    else:
        text = gettext("Lần nhập hồ sơ ngày %(day)s (%(rows)s hồ sơ)")
    return SourceLink(
        text % {"day": when, "rows": rows}, reverse("dossiers:import_detail", args=[job.pk])
    )


def describe_measure(bound) -> SourceLink:
    return SourceLink(
        gettext("Tính từ hồ sơ TTHC: %(measure)s") % {"measure": bound.get_measure_display()},
        reverse("dossiers:measure_detail", args=[bound.pk]),
    )


def register_sources() -> None:
    register("dossiers.dossierimport", describe_import)
    register("dossiers.targetmeasure", describe_measure)
