"""`python manage.py load_scale_data --agencies 300 --years 5`: a province-sized data set for the
benches (see objectives/scale.py and docs/PERFORMANCE.md). Not for production databases."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from devtools.scale import PASSWORD, ScaleSize, scale_data_exists, scale_data_load, username


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Write a province-sized data set (bulk inserts, no history rows) for the benches."

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=_positive, default=300)
        parser.add_argument("--departments", type=_positive, default=10)
        parser.add_argument("--years", type=_positive, default=5)
        parser.add_argument("--objectives", type=_positive, default=20, help="per set")
        parser.add_argument(
            "--last-year", type=int, default=None, help="the newest year (default: this year)"
        )
        parser.add_argument("--prefix", default="SCALE", help="short names are PREFIX-001 …")
        parser.add_argument(
            "--force", action="store_true", help="load even when DEBUG is off (shared password)"
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_scale_data creates logins with a published password: run it with "
                "DEBUG=true, or pass --force on a database that is not in production."
            )
        size = ScaleSize(
            agencies=options["agencies"],
            departments=options["departments"],
            years=options["years"],
            objectives=options["objectives"],
            last_year=options["last_year"] or timezone.localdate().year,
            prefix=options["prefix"],
        )
        if scale_data_exists(size.prefix):
            raise CommandError(
                f"Agencies {size.prefix}-… exist already: use another --prefix or a new database."
            )
        self.stdout.write(
            f"{size.agencies} agencies × {size.departments} departments, years "
            f"{size.year_range[0]}–{size.year_range[-1]}, {size.objectives} objectives a set "
            f"({connection.vendor})"
        )
        scale_data_load(size=size, progress=self._progress)
        self.stdout.write(
            f"Log in as {username(size.prefix, 1, 'iso')} (or -head, -deputy, -records, "
            f"-d00-head, -d00-staff1 …) with password {PASSWORD}"
        )

    def _progress(self, done: int, total: int, seconds: float) -> None:
        self.stdout.write(f"  {done}/{total} agencies, {seconds:.1f} s")
