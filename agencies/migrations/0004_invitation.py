# Invitations to an agency membership (issue 17): token kept hashed, expiry, single use.

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models

import qms_objectives.fields


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0003_proven_image_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Invitation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(max_length=254, verbose_name="email")),
                ("roles", models.JSONField(default=list, verbose_name="vai trò")),
                (
                    "job_title",
                    qms_objectives.fields.TextLineField(
                        blank=True, max_length=120, verbose_name="chức vụ"
                    ),
                ),
                (
                    "suggested_name",
                    qms_objectives.fields.TextLineField(
                        blank=True,
                        help_text="Điền sẵn cho người mới; họ tự sửa khi nhận lời mời.",
                        max_length=150,
                        verbose_name="họ tên gợi ý",
                    ),
                ),
                (
                    "token_hash",
                    models.CharField(
                        max_length=64, unique=True, verbose_name="mã băm của đường dẫn"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc")),
                ("sent_at", models.DateTimeField(verbose_name="gửi lúc")),
                ("expires_at", models.DateTimeField(verbose_name="hết hạn lúc")),
                (
                    "accepted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="nhận lúc"),
                ),
                (
                    "cancelled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="hủy lúc"),
                ),
                (
                    "accepted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người nhận lời mời",
                    ),
                ),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="agencies.agency",
                        verbose_name="cơ quan",
                    ),
                ),
                (
                    "department",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="agencies.department",
                        verbose_name="phòng, đơn vị",
                    ),
                ),
                (
                    "invited_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người mời",
                    ),
                ),
            ],
            options={
                "verbose_name": "lời mời",
                "verbose_name_plural": "lời mời",
                "ordering": ["agency", "-sent_at"],
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("email"),
                        models.F("agency"),
                        condition=models.Q(
                            ("accepted_at__isnull", True), ("cancelled_at__isnull", True)
                        ),
                        name="invitation_one_open_per_email_and_agency",
                    )
                ],
            },
        ),
    ]
