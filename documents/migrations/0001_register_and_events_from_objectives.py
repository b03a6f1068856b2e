"""The number register and the workflow events, moved from the objectives app with their tables
(objectives_documentnumber, objectives_documentevent): the state moves, no row does."""

import django.db.models.deletion
import qms_objectives.fields
from django.conf import settings
from django.db import migrations, models

from qms_objectives.migration_operations import content_types_moved

class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agencies', '0002_image_upload_validators'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('objectives', '0003_reading_acknowledgement_search'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='DocumentEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('action', models.CharField(max_length=30, verbose_name='thao tác')),
                        ('from_status', models.CharField(blank=True, choices=[('draft', 'Dự thảo'), ('submitted', 'Chờ duyệt'), ('returned', 'Trả lại'), ('approved', 'Đã duyệt'), ('issued', 'Đã ban hành'), ('published', 'Đã công bố'), ('superseded', 'Đã được thay thế'), ('withdrawn', 'Đã hủy')], max_length=20, verbose_name='từ trạng thái')),
                        ('to_status', models.CharField(choices=[('draft', 'Dự thảo'), ('submitted', 'Chờ duyệt'), ('returned', 'Trả lại'), ('approved', 'Đã duyệt'), ('issued', 'Đã ban hành'), ('published', 'Đã công bố'), ('superseded', 'Đã được thay thế'), ('withdrawn', 'Đã hủy')], max_length=20, verbose_name='sang trạng thái')),
                        ('comment', qms_objectives.fields.LongTextField(blank=True, verbose_name='ý kiến')),
                        ('at', models.DateTimeField(auto_now_add=True, verbose_name='lúc')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'sự kiện quy trình',
                        'verbose_name_plural': 'lịch sử quy trình',
                        'db_table': 'objectives_documentevent',
                        'ordering': ['at', 'id'],
                        'indexes': [models.Index(fields=['content_type', 'object_id', 'at'], name='objectives__content_cf41cb_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='DocumentNumber',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('symbol', qms_objectives.fields.TextLineField(max_length=40, verbose_name='ký hiệu')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                        ('number', models.PositiveIntegerField(verbose_name='số')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('issued_on', models.DateField(verbose_name='ngày ban hành')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='document_numbers', to='agencies.agency', verbose_name='cơ quan')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'số văn bản đã cấp',
                        'verbose_name_plural': 'sổ đăng ký văn bản',
                        'db_table': 'objectives_documentnumber',
                        'ordering': ['agency', '-year', 'symbol', '-number'],
                        'constraints': [models.UniqueConstraint(fields=('agency', 'symbol', 'year', 'number'), name='document_number_unique')],
                    },
                ),
            ],
        ),
        content_types_moved(
            old_label="objectives",
            new_label="documents",
            models=['documentnumber', 'documentevent'],
        ),
    ]
