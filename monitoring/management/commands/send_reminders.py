"""Queue reminders for missing period reports, as Celery beat does every morning
(monitoring.tasks.reminders_send_due): for catching up by hand, or with --today in tests."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from monitoring.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Remind the reporter, then the unit head, then the ISO officers of each missing "
        "period report, each person once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD); for tests and catching up.",
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date written YYYY-MM-DD.")
        sent = reminders_send(today=today)
        self.stdout.write(f"{len(sent)} reminder(s) queued for {today.isoformat()}.")
