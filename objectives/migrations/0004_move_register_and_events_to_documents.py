"""DocumentNumber and DocumentEvent now belong to the documents app (its 0001 takes them over
with their tables); only the state forgets them here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('objectives', '0003_reading_acknowledgement_search'),
        ('documents', '0001_register_and_events_from_objectives'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='documentnumber',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='documentnumber',
                    name='content_type',
                ),
                migrations.DeleteModel(
                    name='DocumentEvent',
                ),
                migrations.DeleteModel(
                    name='DocumentNumber',
                ),
            ],
        ),
    ]
