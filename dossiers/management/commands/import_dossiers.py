"""Import a dossier export or a Biểu 06 for an agency, on the task engine like the web page."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agencies.models import Agency
from dossiers.mapping import suggest_mapping
from dossiers.models import DossierColumnMapping, DossierImport
from dossiers.reading import file_format, read_table
from dossiers.services import dossier_import_queue, dossier_mapping_save
from dossiers.tasks import dossier_import_run
from qms_objectives.errors import WorkflowError
from qms_objectives.tasks import enqueue_on_commit


class Command(BaseCommand):
    help = (
        "Queue the import of a one-stop-shop export (CSV/XLSX) or a Biểu 06 (XLSX) for an "
        "agency, as one of its ISO officers or its head. Without a broker the task runs at once "
        "and its outcome is printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="the agency's id, slug or short name")
        parser.add_argument("--user", required=True, help="an ISO officer's or the head's username")
        parser.add_argument("--kind", choices=["dossiers", "totals"], default="dossiers")
        parser.add_argument(
            "--save-suggested-mapping",
            action="store_true",
            help="when the agency has no mapping yet, save the one suggested from the headers",
        )

    def _agency(self, key: str) -> Agency:
        found = (
            Agency.objects.filter(slug=key).first() or Agency.objects.filter(short_name=key).first()
        )
        if found is None and key.isdigit():
            found = Agency.objects.filter(pk=int(key)).first()
        if found is None:
            raise CommandError(f"no agency {key!r}")
        return found

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no file {path}")
        agency = self._agency(options["agency"])
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"no user {options['user']!r}")
        data = path.read_bytes()
        try:
            with transaction.atomic():
                if (
                    options["save_suggested_mapping"]
                    and not DossierColumnMapping.objects.filter(agency=agency).exists()
                ):
                    with path.open("rb") as stream:
                        headers = read_table(stream, file_format(data[:4])).headers
                    dossier_mapping_save(
                        agency=agency, actor=user, columns=suggest_mapping(headers)
                    )
                job = dossier_import_queue(
                    agency=agency, actor=user, data=data, filename=path.name, kind=options["kind"]
                )
                enqueue_on_commit(dossier_import_run, job.pk)
        except WorkflowError as refusal:
            raise CommandError(str(refusal.message)) from None
        job.refresh_from_db()
        self.stdout.write(
            f"import {job.pk}: {job.get_status_display()} — {job.rows_total} rows, "
            f"{job.rows_created} new, {job.rows_updated} updated, sha256 {job.sha256}"
        )
        for problem in job.problems[:50]:
            self.stdout.write(f"  row {problem['row']}, {problem['column']}: {problem['message']}")
        if job.status == DossierImport.Status.MAPPING:
            self.stdout.write("  the agency's column mapping does not fit this file: confirm it")
