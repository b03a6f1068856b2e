from django.db import migrations, models


class Migration(migrations.Migration):
    """The SHA-256 of the body approved (documents.body): issuing refuses any other body."""

    dependencies = [("objectives", "0006_title_help_text")]

    operations = [
        migrations.AddField(
            model_name="objectiveset",
            name="approved_body_sha256",
            field=models.CharField(
                blank=True, max_length=64, verbose_name="SHA-256 nội dung đã duyệt"
            ),
        ),
        migrations.AddField(
            model_name="historicalobjectiveset",
            name="approved_body_sha256",
            field=models.CharField(
                blank=True, max_length=64, verbose_name="SHA-256 nội dung đã duyệt"
            ),
        ),
    ]
