from django.db import migrations

import qms_objectives.fields

HELP = "Để trống thì in “MỤC TIÊU CHẤT LƯỢNG NĂM ‹năm›”."


class Migration(migrations.Migration):
    """The title's help text said "<năm>", which the page read as a tag and dropped."""

    dependencies = [("objectives", "0005_set_import")]

    operations = [
        migrations.AlterField(
            model_name=model,
            name="title",
            field=qms_objectives.fields.TextLineField(
                blank=True, help_text=HELP, max_length=255, verbose_name="tiêu đề"
            ),
        )
        for model in ("objectiveset", "historicalobjectiveset")
    ]
