from django.db import migrations, models


class Migration(migrations.Migration):
    """A section's version: renaming it merges over the version its form was opened with."""

    dependencies = [("objectives", "0007_approved_body_sha256")]

    operations = [
        migrations.AddField(
            model_name="historicalsection",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="phiên bản"),
        ),
        migrations.AddField(
            model_name="section",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="phiên bản"),
        ),
    ]
