"""Give the demo agencies (load_demo) their provinces for the public pages: the Sở Khoa học và
Công nghệ of each province as an oversight body over them, as provinces stand since the 2025
mergers (Bà Rịa - Vũng Tàu is part of Thành phố Hồ Chí Minh, Quảng Nam of Đà Nẵng), the Văn
phòng UBND tỉnh Đồng Nai's quality policy and its results published. Idempotent; DEBUG only,
like load_demo."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agencies.models import Agency, OversightBody, OversightScope

MERGED_ON = datetime.date(2025, 7, 1)
PROVINCES = (
    # slug, region, body's name, its Sở's short name, the demo agency, in scope since
    (
        "dong-nai",
        "Đồng Nai",
        "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
        "Sở KH&CN Đồng Nai",
        "VP UBND Đồng Nai",
        datetime.date(2015, 1, 1),
    ),
    (
        "tp-ho-chi-minh",
        "Thành phố Hồ Chí Minh",
        "Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh",
        "Sở KH&CN TP. Hồ Chí Minh",
        "Ban TĐKT Bà Rịa - Vũng Tàu",
        MERGED_ON,
    ),
    (
        "da-nang",
        "Đà Nẵng",
        "Sở Khoa học và Công nghệ thành phố Đà Nẵng",
        "Sở KH&CN Đà Nẵng",
        "Sở VHTTDL Quảng Nam",
        MERGED_ON,
    ),
)
# A demo text in the usual wording of a provincial office's policy (no reference carries one).
POLICY = (
    "Văn phòng UBND tỉnh Đồng Nai cam kết tham mưu, phục vụ sự lãnh đạo, chỉ đạo, điều hành của "
    "UBND tỉnh và Chủ tịch UBND tỉnh kịp thời, chính xác, đúng pháp luật; giải quyết thủ tục hành "
    "chính nhanh chóng, công khai, minh bạch, lấy sự hài lòng của tổ chức, cá nhân làm thước đo "
    "chất lượng phục vụ.\n"
    "Duy trì và thường xuyên cải tiến Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015."
)


class Command(BaseCommand):
    help = "Các tỉnh (đơn vị quản lý) của dữ liệu mẫu cho trang công khai."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Chỉ chạy khi DEBUG=true (dữ liệu mẫu).")
        with transaction.atomic():
            for slug, region, name, short_name, agency_name, since in PROVINCES:
                agency = Agency.objects.filter(short_name=agency_name).first()
                if agency is None:
                    raise CommandError(f"Chưa có cơ quan mẫu {agency_name}: chạy load_demo trước.")
                home, _created = Agency.objects.get_or_create(
                    short_name=short_name,
                    defaults={
                        "name": name,
                        "symbol": "SKHCN",
                        "place_name": region,
                        "head_title": "Giám đốc",
                        "deputy_title": "Phó Giám đốc",
                    },
                )
                body, _created = OversightBody.objects.get_or_create(
                    slug=slug,
                    defaults={
                        "agency": home,
                        "name": name,
                        "region_name": region,
                        "inspecting_unit": "Chi cục Tiêu chuẩn Đo lường Chất lượng",
                    },
                )
                OversightScope.objects.get_or_create(
                    body=body, agency=agency, valid_until=None, defaults={"valid_from": since}
                )
                if agency.short_name == "VP UBND Đồng Nai" and not agency.quality_policy:
                    agency.quality_policy = POLICY
                    agency.publishes_results = True
                    agency.save()
                self.stdout.write(f"/cong-khai/{body.slug}/{agency.slug}/")
