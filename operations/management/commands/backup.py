"""`python manage.py backup [-o DIR]`: the database and the private files in one dated tar.gz
(see operations/backup.py; docs/DEPLOYMENT.md for the schedule and where to keep copies)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a dated archive of the database and the private files."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            default=None,
            help="folder for the archive (default: VAR_DIR/backups)",
        )

    def handle(self, *args, output, **options):
        folder = output or settings.VAR_DIR / "backups"
        try:
            archive = backup_create(folder=folder)
        except BackupError as error:
            raise CommandError(str(error))
        size = archive.stat().st_size / (1024 * 1024)
        self.stdout.write(f"{archive} ({size:.1f} MB)")
