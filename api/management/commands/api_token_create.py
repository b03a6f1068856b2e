"""Make an API token from the command line (CI's schemathesis run, an operator's integration)
and print its key — the only time it is shown. The token is made as one of the agency's (or the
oversight body's) administrators, by the same service as the token page."""

from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency, Membership, OversightBody, OversightMembership
from api.services import token_create
from qms_objectives.errors import WorkflowError


class Command(BaseCommand):
    help = "Tạo khóa API chỉ đọc cho một cơ quan (--agency) hoặc đơn vị quản lý (--body)."

    def add_arguments(self, parser):
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--agency", help="tên viết tắt (short_name) hoặc mã của cơ quan")
        owner.add_argument("--body", help="địa chỉ (slug) của đơn vị quản lý")
        parser.add_argument("--name", default="Dòng lệnh", help="tên gợi nhớ của khóa")
        parser.add_argument("--user", help="tên đăng nhập của quản trị tạo khóa")

    def handle(self, *args, agency=None, body=None, name="", user=None, **options):
        if agency:
            lookup = {"pk": int(agency)} if agency.isdigit() else {"short_name": agency}
            owner = Agency.objects.filter(**lookup).first()
            admins = Membership.objects.active().filter(agency=owner, is_administrator=True)
        else:
            owner = OversightBody.objects.filter(slug=body).first()
            admins = OversightMembership.objects.active().filter(body=owner, is_administrator=True)
        if owner is None:
            raise CommandError("Không tìm thấy cơ quan hoặc đơn vị quản lý.")
        if user:
            admins = admins.filter(user__username=user)
        admin = admins.select_related("user").order_by("pk").first()
        if admin is None:
            raise CommandError("Không có quản trị (đang hoạt động) nào để đứng tên tạo khóa.")
        try:
            _token, key = token_create(
                user=admin.user,
                name=name,
                agency=owner if agency else None,
                oversight_body=owner if body else None,
            )
        except WorkflowError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(key)
