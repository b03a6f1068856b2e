import django.db.models.deletion
from django.db import migrations, models

import qms_objectives.fields
import qms_objectives.files


class Migration(migrations.Migration):
    """The rendered pages of a document's body, shown on the review and issue pages."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0001_register_and_events_from_objectives"),
    ]

    operations = [
        migrations.CreateModel(
            name="RenderedPages",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("body_sha256", models.CharField(max_length=64, verbose_name="SHA-256 nội dung")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Đang chuẩn bị"),
                            ("ready", "Sẵn sàng"),
                            ("failed", "Lỗi"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="trạng thái",
                    ),
                ),
                (
                    "pdf_file",
                    models.FileField(
                        blank=True,
                        upload_to=qms_objectives.files.private_upload_to("pages"),
                        verbose_name="tệp PDF",
                    ),
                ),
                (
                    "page_files",
                    models.JSONField(blank=True, default=list, verbose_name="ảnh các trang"),
                ),
                ("error", qms_objectives.fields.LongTextField(blank=True, verbose_name="lỗi")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc")),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "trang văn bản đã dựng",
                "verbose_name_plural": "trang văn bản đã dựng",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id", "body_sha256"),
                        name="rendered_pages_unique",
                    )
                ],
            },
        ),
    ]
