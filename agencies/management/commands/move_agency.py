"""Record a territorial change (since 1 July 2025 provinces merged 63 → 34):

    manage.py move_agency "Sở VHTTDL Quảng Nam" --governing-body "UBND THÀNH PHỐ ĐÀ NẴNG" \\
        --body da-nang --on 01/07/2025

The agency's open governing-body term and oversight scope close on 30/06/2025 and new ones open
on 01/07/2025; past years keep their names and their scope."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency, OversightBody
from agencies.onboarding import agency_move
from qms_objectives.errors import WorkflowError


def _day(text: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"Ngày “{text}” phải viết dd/mm/yyyy.") from None


class Command(BaseCommand):
    help = "Chuyển cơ quan sang cơ quan chủ quản / đơn vị quản lý khác từ một ngày."

    def add_arguments(self, parser):
        parser.add_argument("agency", help="Tên viết tắt của cơ quan")
        parser.add_argument("--governing-body", help="Cơ quan chủ quản mới (mặc định: giữ)")
        parser.add_argument("--body", help="Địa chỉ (slug) của đơn vị quản lý mới")
        parser.add_argument(
            "--no-body", action="store_true", help="Không còn thuộc đơn vị quản lý nào"
        )
        parser.add_argument("--on", required=True, help="Ngày có hiệu lực, dd/mm/yyyy")

    def handle(self, *args, **options):
        agency = Agency.objects.filter(short_name=options["agency"]).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan “{options['agency']}”.")
        body = None
        if options["body"]:
            body = OversightBody.objects.filter(slug=options["body"]).first()
            if body is None:
                raise CommandError(f"Không có đơn vị quản lý “{options['body']}”.")
        elif not options["no_body"]:
            current = agency.oversight_scopes.filter(valid_until=None).order_by("pk").first()
            body = current.body if current else None
        governing_body = options["governing_body"]
        if governing_body is None:
            governing_body = agency.governing_body
        try:
            agency_move(
                agency=agency,
                governing_body=governing_body,
                body=body,
                on=_day(options["on"]),
                actor=None,
            )
        except WorkflowError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{agency.short_name}: từ {options['on']} thuộc “{governing_body}”"
            + (f", đơn vị quản lý {body.name}." if body else ", không thuộc đơn vị quản lý nào.")
        )
