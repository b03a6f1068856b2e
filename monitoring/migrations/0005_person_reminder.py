# Who was reminded of which missing period report (escalation person by person).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0005_agency_monitoring_settings"),
        ("monitoring", "0004_move_evaluation_to_its_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("period_key", models.CharField(max_length=12, verbose_name="kỳ")),
                (
                    "step",
                    models.CharField(
                        choices=[
                            ("reporter", "người báo cáo"),
                            ("head", "trưởng đơn vị"),
                            ("iso_officer", "cán bộ ISO"),
                        ],
                        max_length=20,
                        verbose_name="bậc nhắc",
                    ),
                ),
                ("sent_on", models.DateField(verbose_name="ngày nhắc")),
                ("sent_at", models.DateTimeField(auto_now_add=True, verbose_name="gửi lúc")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="agencies.agency",
                        verbose_name="cơ quan",
                    ),
                ),
                (
                    "department",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="agencies.department",
                        verbose_name="đơn vị báo cáo",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người được nhắc",
                    ),
                ),
            ],
            options={
                "verbose_name": "người đã được nhắc báo cáo",
                "verbose_name_plural": "người đã được nhắc báo cáo",
                "ordering": ["-sent_at", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("department__isnull", True)),
                        fields=("agency", "period_key", "user"),
                        name="person_reminder_once_per_agency_period",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("department__isnull", False)),
                        fields=("agency", "department", "period_key", "user"),
                        name="person_reminder_once_per_department_period",
                    ),
                ],
            },
        ),
    ]
