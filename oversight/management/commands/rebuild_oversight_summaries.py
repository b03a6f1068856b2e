"""Recompute the oversight table's yearly summaries (after a restore, a bulk load, or writes
that bypass the model signals: queryset.update(), bulk_create)."""

from django.core.management.base import BaseCommand

from oversight.summaries import summaries_rebuild


class Command(BaseCommand):
    help = "Tính lại bảng tổng hợp năm của từng cơ quan cho đơn vị quản lý."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="Chỉ năm này (lặp được).")

    def handle(self, *args, year=None, **options):
        count = summaries_rebuild(years=year)
        self.stdout.write(f"{count} summaries rebuilt")
