import time

from django.core.management.base import BaseCommand

from notifications.services import queued_mail_send


class Command(BaseCommand):
    help = "Deliver queued emails (run from cron, or with --loop as a worker)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100)
        parser.add_argument("--loop", action="store_true", help="keep running, every --interval s")
        parser.add_argument("--interval", type=int, default=30)

    def handle(self, *args, limit, loop, interval, **options):
        while True:
            sent, failed = queued_mail_send(limit=limit)
            if sent or failed or not loop:
                self.stdout.write(f"sent {sent}, failed {failed}")
            if not loop:
                return
            time.sleep(interval)
