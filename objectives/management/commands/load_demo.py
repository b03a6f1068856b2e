"""`python manage.py load_demo`: the real agencies and documents of the references, with one
login per role. Idempotent; `make run` runs it before the development server."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from objectives.demo.hooks import after_load_run
from objectives.demo.loader import DEMO_PASSWORD, demo_load

COLUMNS = ("Cơ quan", "Vai trò", "Tên đăng nhập", "Họ tên")


class Command(BaseCommand):
    help = "Load the demo agencies, people and objective sets (references 002–004)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD, help="password of every login")
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even when DEBUG is off (the demo logins share a published password)",
        )

    def handle(self, *args, password, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates logins with a published password: run it with DEBUG=true, "
                "or pass --force on a server that is not in production."
            )
        result = demo_load(password=password)
        after_load_run()  # what higher apps add (objectives/demo/hooks.py)
        for objective_set in result.created:
            self.stdout.write(f"created  {self._describe(objective_set)}")
        for objective_set in result.kept:
            self.stdout.write(f"kept     {self._describe(objective_set)}")
        self._logins_write(result.logins, password)

    @staticmethod
    def _describe(objective_set) -> str:
        number = objective_set.number_and_symbol.strip()
        issued = f", {number}" if number else ""
        return (
            f"{objective_set.agency.short_name} {objective_set.year}: "
            f"{objective_set.get_status_display()}{issued}"
        )

    def _logins_write(self, logins, password: str) -> None:
        rows = [COLUMNS, *((lg.agency, lg.role, lg.username, lg.name) for lg in logins)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for every login: {password})")
        for index, row in enumerate(rows):
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
