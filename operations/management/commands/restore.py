"""`python manage.py restore ARCHIVE [--force]`: bring back an archive written by `backup` into
this installation's database and file storage, then check every issued file's SHA-256."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError
from operations.restore import backup_restore


class Command(BaseCommand):
    help = "Restore the database and the private files from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that already holds agencies, users or sets",
        )

    def handle(self, *args, archive, force, **options):
        try:
            report = backup_restore(archive=archive, force=force)
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(
            f"Restored the database and {report.files} files; "
            f"{report.documents_checked} issued files checked against their SHA-256."
        )
        if report.problems:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(report.problems)} files are missing or differ.")
