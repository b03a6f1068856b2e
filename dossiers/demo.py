"""The demo's dossiers (issue 23): one demo agency's on-time target computed from a synthetic
export of its one-stop shop, imported exactly as an ISO officer would (the mapping saved once,
the file queued and run, kept as evidence), the target bound to the on-time rate and its
results computed. Registered with objectives/demo/hooks.py from the app's ready(), so
`load_demo` runs it; idempotent (the same seed gives the same file: a second run updates the
same dossiers by code)."""

import csv
import io
from datetime import date

from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Department, Membership, Role
from documents.models import Status
from dossiers.mapping import suggest_mapping
from dossiers.measures import measure_recompute
from dossiers.models import Measure, TargetMeasure
from dossiers.services import (
    dossier_import_process,
    dossier_import_queue,
    dossier_mapping_save,
)
from dossiers.synthetic import COLUMNS, _text, headers, synthetic_records
from objectives.models import Target

DEMO_AGENCY = "VP UBND Đồng Nai"
DEMO_ROWS = 2400


def _on_time_target(agency) -> Target | None:
    return (
        Target.objects.filter(
            objective__objective_set__agency=agency,
            objective__objective_set__status=Status.PUBLISHED,
            objective__objective_set__department__isnull=True,
            objective__content__icontains="đúng hạn",
        )
        .select_related("objective__objective_set")
        .order_by("-objective__objective_set__year", "objective__order")
        .first()
    )


def demo_export(agency, year: int, rows: int = DEMO_ROWS) -> bytes:
    """A synthetic export of the year whose processing units are the agency's departments."""
    names = list(
        Department.objects.filter(agency=agency, is_active=True).values_list("name", flat=True)
    )
    keys = [names_[0] for names_ in COLUMNS]
    spelled = {key: national for key, national, _accented, _plain in COLUMNS}
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow([spelled[key] for key in keys])
    records = synthetic_records(rows, first=date(year, 1, 1), last=date(year, 12, 31))
    for number, record in enumerate(records):
        if names:
            record["unit"] = names[number % len(names)]
        writer.writerow([_text(record.get(key), "seconds") for key in keys])
    return "\ufeff".encode() + stream.getvalue().encode()


def demo_dossiers_load(
    *, short_name: str = DEMO_AGENCY, today: date | None = None, rows: int = DEMO_ROWS
):
    """Import the demo export and compute the on-time target; returns the binding (or None
    when the demo agency or its target is missing)."""
    agency = Agency.objects.filter(short_name=short_name).first()
    target = _on_time_target(agency) if agency else None
    if target is None:
        return None
    officer = (
        Membership.objects.filter(agency=agency, is_active=True)
        .with_role(Role.ISO_OFFICER)
        .select_related("user")
        .first()
    )
    if officer is None:
        return None
    actor = officer.user
    year = target.objective.objective_set.year
    with transaction.atomic():
        columns = suggest_mapping(headers("national"))
        dossier_mapping_save(agency=agency, actor=actor, columns=columns)
        job = dossier_import_queue(
            agency=agency,
            actor=actor,
            data=demo_export(agency, year, rows),
            filename=f"ho-so-mot-cua-{year}.csv",
        )
    dossier_import_process(import_id=job.pk)
    bound, _created = TargetMeasure.objects.get_or_create(
        target=target,
        defaults={"agency": agency, "measure": Measure.ON_TIME_RATE, "created_by": actor},
    )
    measure_recompute(measure=bound, actor=actor, today=today or timezone.localdate())
    return bound
