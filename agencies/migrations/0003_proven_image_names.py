# Seal and signature images are stored under the extension of their proven format
# (qms_objectives.files.proven_image_upload_to), never the name the user gave.

from django.db import migrations, models

import qms_objectives.files
import qms_objectives.uploads


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_image_upload_validators"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agency",
            name="seal_image",
            field=models.FileField(
                blank=True,
                upload_to=qms_objectives.files.proven_image_upload_to("seals", "seal_image"),
                validators=[qms_objectives.uploads.validate_seal_image],
                verbose_name="hình con dấu (PNG nền trong)",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="signature_image",
            field=models.FileField(
                blank=True,
                upload_to=qms_objectives.files.proven_image_upload_to(
                    "signatures", "signature_image"
                ),
                validators=[qms_objectives.uploads.validate_signature_image],
                verbose_name="hình chữ ký (PNG nền trong)",
            ),
        ),
    ]
