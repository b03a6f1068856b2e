"""Set up an oversight body (the province's Sở Khoa học và Công nghệ) from the server's shell:

    manage.py create_oversight_body "Sở Khoa học và Công nghệ tỉnh Đồng Nai" "Đồng Nai" dong-nai \\
        "Chi cục Tiêu chuẩn Đo lường Chất lượng" --short-name "SKHCN Đồng Nai" --symbol SKHCN \\
        --place "Đồng Nai" --head-title "Giám đốc" --governing-body "UBND TỈNH ĐỒNG NAI" \\
        --admin-email quan.tri@skhcn.dongnai.gov.vn

or with `--agency <short name>` to make an existing agency the body's. The body's administrator
receives an invitation by email; from then on everything happens in the browser."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from agencies.onboarding import AgencyDetails, oversight_body_create
from qms_objectives.errors import WorkflowError


class Command(BaseCommand):
    help = "Tạo đơn vị quản lý (Sở KH&CN) và gửi lời mời tới quản trị của đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Tên đơn vị quản lý")
        parser.add_argument("region_name", help="Tỉnh, thành phố")
        parser.add_argument("slug", help="Địa chỉ công khai, ví dụ dong-nai")
        parser.add_argument("inspecting_unit", help="Đơn vị kiểm tra")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--agency", help="Tên viết tắt của một cơ quan có sẵn")
        parser.add_argument("--printed-name", default="", help="Tên in trên văn bản")
        parser.add_argument("--short-name", default="")
        parser.add_argument("--symbol", default="")
        parser.add_argument("--place", default="")
        parser.add_argument("--head-title", default="Giám đốc")
        parser.add_argument("--deputy-title", default="Phó Giám đốc")
        parser.add_argument("--governing-body", default="")
        parser.add_argument("--invited-by", help="Tên đăng nhập của quản trị hệ thống gửi lời mời")

    def handle(self, *args, **options):
        invited_by = self._inviter(options["invited_by"])
        agency, details = None, None
        if options["agency"]:
            agency = Agency.objects.filter(short_name=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan “{options['agency']}”.")
        else:
            if not (options["short_name"] and options["symbol"] and options["place"]):
                raise CommandError(
                    "Cần --agency, hoặc --short-name, --symbol và --place cho cơ quan mới."
                )
            details = AgencyDetails(
                name=options["name"],
                name_in_documents=options["printed_name"],
                short_name=options["short_name"],
                symbol=options["symbol"],
                place_name=options["place"],
                head_title=options["head_title"],
                deputy_title=options["deputy_title"],
                governing_body=options["governing_body"],
            )
        try:
            body, invitation = oversight_body_create(
                actor=None,
                name=options["name"],
                region_name=options["region_name"],
                slug=options["slug"],
                inspecting_unit=options["inspecting_unit"],
                invited_by=invited_by,
                admin_email=options["admin_email"],
                agency=agency,
                agency_details=details,
            )
        except WorkflowError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Đã tạo {body.name} (cơ quan: {body.agency.short_name}); "
            f"lời mời quản trị đã gửi tới {invitation.email}."
        )

    def _inviter(self, username):
        users = get_user_model().objects.filter(is_superuser=True, is_active=True)
        if username:
            users = users.filter(username=username)
        inviter = users.order_by("pk").first()
        if inviter is None:
            raise CommandError(
                "Cần một quản trị hệ thống (createsuperuser) để gửi lời mời"
                + (f": không có “{username}”." if username else ".")
            )
        return inviter
