# Monitoring settings of an agency: the default reporting period, the reminder delays.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0004_invitation"),
    ]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="default_reporting_frequency",
            field=models.CharField(
                choices=[
                    ("monthly", "Hằng tháng"),
                    ("quarterly", "Hằng quý"),
                    ("half_yearly", "6 tháng"),
                    ("yearly", "Hằng năm"),
                ],
                default="quarterly",
                help_text="Áp dụng cho mục tiêu mà văn bản ban hành không nêu kỳ báo cáo.",
                max_length=20,
                verbose_name="kỳ báo cáo mặc định",
            ),
        ),
        migrations.AddField(
            model_name="agency",
            name="reminder_head_after_days",
            field=models.PositiveSmallIntegerField(
                default=3,
                help_text=(
                    "Báo cáo còn thiếu sau hạn chừng ấy ngày làm việc thì nhắc trưởng đơn vị."
                ),
                verbose_name="nhắc trưởng đơn vị sau (ngày làm việc)",
            ),
        ),
        migrations.AddField(
            model_name="agency",
            name="reminder_iso_after_days",
            field=models.PositiveSmallIntegerField(
                default=5,
                help_text="Báo cáo còn thiếu sau hạn chừng ấy ngày làm việc thì nhắc cán bộ ISO.",
                verbose_name="nhắc cán bộ ISO sau (ngày làm việc)",
            ),
        ),
        migrations.AddField(
            model_name="historicalagency",
            name="default_reporting_frequency",
            field=models.CharField(
                choices=[
                    ("monthly", "Hằng tháng"),
                    ("quarterly", "Hằng quý"),
                    ("half_yearly", "6 tháng"),
                    ("yearly", "Hằng năm"),
                ],
                default="quarterly",
                help_text="Áp dụng cho mục tiêu mà văn bản ban hành không nêu kỳ báo cáo.",
                max_length=20,
                verbose_name="kỳ báo cáo mặc định",
            ),
        ),
        migrations.AddField(
            model_name="historicalagency",
            name="reminder_head_after_days",
            field=models.PositiveSmallIntegerField(
                default=3,
                help_text=(
                    "Báo cáo còn thiếu sau hạn chừng ấy ngày làm việc thì nhắc trưởng đơn vị."
                ),
                verbose_name="nhắc trưởng đơn vị sau (ngày làm việc)",
            ),
        ),
        migrations.AddField(
            model_name="historicalagency",
            name="reminder_iso_after_days",
            field=models.PositiveSmallIntegerField(
                default=5,
                help_text="Báo cáo còn thiếu sau hạn chừng ấy ngày làm việc thì nhắc cán bộ ISO.",
                verbose_name="nhắc cán bộ ISO sau (ngày làm việc)",
            ),
        ),
    ]
