"""Write a synthetic one-stop-shop export (dossiers/synthetic.py) as CSV or XLSX."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from dossiers import synthetic


class Command(BaseCommand):
    help = "Write a realistic synthetic dossier export (fake citizens' columns included)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1000)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--spelling", choices=synthetic.SPELLINGS, default="national")
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--seed", type=int, default=23)
        parser.add_argument("--output", "-o", help="the file to write (default dossiers.<format>)")

    def handle(self, *args, **options):
        if options["rows"] < 1:
            raise CommandError("--rows must be at least 1")
        path = options["output"] or f"dossiers.{options['format']}"
        year = options["year"]
        common = {
            "spelling": options["spelling"],
            "seed": options["seed"],
            "first": date(year, 1, 1),
            "last": date(year, 12, 31),
        }
        if options["format"] == "csv":
            with open(path, "w", encoding="utf-8-sig", newline="") as stream:
                synthetic.write_csv(stream, options["rows"], **common)
        else:
            synthetic.write_xlsx(path, options["rows"], **common)
        self.stdout.write(f"{options['rows']} dossiers written to {path}")
