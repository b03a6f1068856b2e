"""The year-end evaluation report and its comments (with their history), moved from the
monitoring app with their tables (monitoring_evaluationreport, …): the state moves, no row does."""

import django.core.validators
import django.db.models.deletion
import objectives.models.sets
import qms_objectives.fields
import qms_objectives.files
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from qms_objectives.migration_operations import content_types_moved

class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agencies', '0002_image_upload_validators'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('monitoring', '0003_dashboard_version'),
        ('objectives', '0003_reading_acknowledgement_search'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='EvaluationReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000, 'Năm phải từ %(limit_value)s trở đi.'), django.core.validators.MaxValueValidator(2100, 'Năm không được quá %(limit_value)s.')], verbose_name='năm')),
                        ('status', models.CharField(choices=[('draft', 'Dự thảo'), ('submitted', 'Chờ duyệt'), ('returned', 'Trả lại'), ('approved', 'Đã duyệt'), ('issued', 'Đã ban hành'), ('published', 'Đã công bố'), ('superseded', 'Đã được thay thế'), ('withdrawn', 'Đã hủy')], default='draft', max_length=20, verbose_name='trạng thái')),
                        ('return_comment', qms_objectives.fields.LongTextField(blank=True, verbose_name='ý kiến khi trả lại')),
                        ('number', models.PositiveIntegerField(blank=True, null=True, verbose_name='số')),
                        ('symbol', qms_objectives.fields.TextLineField(blank=True, help_text='Ví dụ “QĐ-VP”.', max_length=40, verbose_name='ký hiệu')),
                        ('issued_on', models.DateField(blank=True, null=True, verbose_name='ngày ban hành')),
                        ('header_governing_body', qms_objectives.fields.TextLineField(blank=True, max_length=255, verbose_name='cơ quan chủ quản (in)')),
                        ('header_agency_name', qms_objectives.fields.TextLineField(blank=True, max_length=255, verbose_name='tên cơ quan (in)')),
                        ('place_name', qms_objectives.fields.TextLineField(blank=True, max_length=100, verbose_name='địa danh')),
                        ('signing_lines', models.JSONField(blank=True, default=list, help_text='Mỗi dòng một phần tử, ví dụ [“KT. TRƯỞNG BAN”, “PHÓ TRƯỞNG BAN”].', verbose_name='dòng thẩm quyền ký')),
                        ('signer_name', qms_objectives.fields.TextLineField(blank=True, max_length=120, verbose_name='họ tên người ký (in)')),
                        ('recipients', qms_objectives.fields.LongTextField(blank=True, help_text='Mỗi dòng một nơi nhận, dòng cuối “Lưu: VT, …”.', verbose_name='nơi nhận')),
                        ('issue_method', models.CharField(blank=True, choices=[('app', 'Ban hành trên hệ thống'), ('external_signing', 'Ký số ngoài hệ thống'), ('registered', 'Đăng ký văn bản ban hành ngoài hệ thống')], max_length=20, verbose_name='cách ban hành')),
                        ('issued_file', models.FileField(blank=True, upload_to=qms_objectives.files.private_upload_to('issued'), verbose_name='tệp đã ban hành')),
                        ('issued_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                        ('prepared_file', models.FileField(blank=True, upload_to=qms_objectives.files.private_upload_to('prepared'), verbose_name='tệp chuẩn bị để ký số')),
                        ('prepared_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 của tệp chuẩn bị')),
                        ('is_digitally_signed', models.BooleanField(default=False, verbose_name='đã ký số')),
                        ('verification_code', models.CharField(blank=True, max_length=32, null=True, unique=True, verbose_name='mã xác thực')),
                        ('issued_at', models.DateTimeField(blank=True, null=True, verbose_name='ban hành lúc')),
                        ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='duyệt lúc')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='công bố lúc')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='phiên bản')),
                        ('revision', models.PositiveSmallIntegerField(default=0, verbose_name='lần sửa đổi')),
                        ('summary', qms_objectives.fields.LongTextField(blank=True, help_text='Nhận xét chung của đơn vị; các số liệu do hệ thống tính, không nhập tay.', verbose_name='đánh giá chung')),
                        ('review_conclusions', qms_objectives.fields.LongTextField(blank=True, help_text='Mỗi đoạn một dòng.', verbose_name='kết luận của xem xét của lãnh đạo')),
                        ('review_actions', qms_objectives.fields.LongTextField(blank=True, help_text='Mỗi hành động một dòng: việc cần làm, đơn vị thực hiện, thời hạn.', verbose_name='hành động sau xem xét của lãnh đạo')),
                        ('figures', models.JSONField(blank=True, default=dict, verbose_name='số liệu đã chốt')),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.agency', verbose_name='cơ quan')),
                        ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người duyệt')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                        ('department', models.ForeignKey(blank=True, help_text='Để trống cho văn bản của cả cơ quan.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='agencies.department', verbose_name='phòng, đơn vị')),
                        ('issued_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ban hành')),
                        ('objective_set', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evaluation_reports', to='objectives.objectiveset', verbose_name='bộ mục tiêu được đánh giá')),
                        ('revises', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='revisions', to='evaluation.evaluationreport', verbose_name='sửa đổi báo cáo')),
                        ('signer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ký')),
                    ],
                    options={
                        'verbose_name': 'báo cáo đánh giá mục tiêu',
                        'verbose_name_plural': 'báo cáo đánh giá mục tiêu',
                        'db_table': 'monitoring_evaluationreport',
                        'ordering': ['agency', '-year', 'department', '-revision'],
                    },
                ),
                migrations.CreateModel(
                    name='EvaluationComment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('comment', qms_objectives.fields.LongTextField(blank=True, verbose_name='nhận xét của đơn vị')),
                        ('objective', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evaluation_comments', to='objectives.objective', verbose_name='mục tiêu')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='evaluation.evaluationreport', verbose_name='báo cáo')),
                    ],
                    options={
                        'verbose_name': 'nhận xét mục tiêu',
                        'verbose_name_plural': 'nhận xét mục tiêu',
                        'db_table': 'monitoring_evaluationcomment',
                        'ordering': ['report', 'objective__order', 'objective_id'],
                    },
                    bases=(objectives.models.sets.FrozenWithSetMixin, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalEvaluationComment',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('comment', qms_objectives.fields.LongTextField(blank=True, verbose_name='nhận xét của đơn vị')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('objective', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='objectives.objective', verbose_name='mục tiêu')),
                        ('report', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='evaluation.evaluationreport', verbose_name='báo cáo')),
                    ],
                    options={
                        'verbose_name': 'historical nhận xét mục tiêu',
                        'verbose_name_plural': 'historical nhận xét mục tiêu',
                        'db_table': 'monitoring_historicalevaluationcomment',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalEvaluationReport',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000, 'Năm phải từ %(limit_value)s trở đi.'), django.core.validators.MaxValueValidator(2100, 'Năm không được quá %(limit_value)s.')], verbose_name='năm')),
                        ('status', models.CharField(choices=[('draft', 'Dự thảo'), ('submitted', 'Chờ duyệt'), ('returned', 'Trả lại'), ('approved', 'Đã duyệt'), ('issued', 'Đã ban hành'), ('published', 'Đã công bố'), ('superseded', 'Đã được thay thế'), ('withdrawn', 'Đã hủy')], default='draft', max_length=20, verbose_name='trạng thái')),
                        ('return_comment', qms_objectives.fields.LongTextField(blank=True, verbose_name='ý kiến khi trả lại')),
                        ('number', models.PositiveIntegerField(blank=True, null=True, verbose_name='số')),
                        ('symbol', qms_objectives.fields.TextLineField(blank=True, help_text='Ví dụ “QĐ-VP”.', max_length=40, verbose_name='ký hiệu')),
                        ('issued_on', models.DateField(blank=True, null=True, verbose_name='ngày ban hành')),
                        ('header_governing_body', qms_objectives.fields.TextLineField(blank=True, max_length=255, verbose_name='cơ quan chủ quản (in)')),
                        ('header_agency_name', qms_objectives.fields.TextLineField(blank=True, max_length=255, verbose_name='tên cơ quan (in)')),
                        ('place_name', qms_objectives.fields.TextLineField(blank=True, max_length=100, verbose_name='địa danh')),
                        ('signing_lines', models.JSONField(blank=True, default=list, help_text='Mỗi dòng một phần tử, ví dụ [“KT. TRƯỞNG BAN”, “PHÓ TRƯỞNG BAN”].', verbose_name='dòng thẩm quyền ký')),
                        ('signer_name', qms_objectives.fields.TextLineField(blank=True, max_length=120, verbose_name='họ tên người ký (in)')),
                        ('recipients', qms_objectives.fields.LongTextField(blank=True, help_text='Mỗi dòng một nơi nhận, dòng cuối “Lưu: VT, …”.', verbose_name='nơi nhận')),
                        ('issue_method', models.CharField(blank=True, choices=[('app', 'Ban hành trên hệ thống'), ('external_signing', 'Ký số ngoài hệ thống'), ('registered', 'Đăng ký văn bản ban hành ngoài hệ thống')], max_length=20, verbose_name='cách ban hành')),
                        ('issued_file', models.TextField(blank=True, max_length=100, verbose_name='tệp đã ban hành')),
                        ('issued_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                        ('prepared_file', models.TextField(blank=True, max_length=100, verbose_name='tệp chuẩn bị để ký số')),
                        ('prepared_sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256 của tệp chuẩn bị')),
                        ('is_digitally_signed', models.BooleanField(default=False, verbose_name='đã ký số')),
                        ('verification_code', models.CharField(blank=True, db_index=True, max_length=32, null=True, verbose_name='mã xác thực')),
                        ('issued_at', models.DateTimeField(blank=True, null=True, verbose_name='ban hành lúc')),
                        ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='duyệt lúc')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='công bố lúc')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='phiên bản')),
                        ('revision', models.PositiveSmallIntegerField(default=0, verbose_name='lần sửa đổi')),
                        ('summary', qms_objectives.fields.LongTextField(blank=True, help_text='Nhận xét chung của đơn vị; các số liệu do hệ thống tính, không nhập tay.', verbose_name='đánh giá chung')),
                        ('review_conclusions', qms_objectives.fields.LongTextField(blank=True, help_text='Mỗi đoạn một dòng.', verbose_name='kết luận của xem xét của lãnh đạo')),
                        ('review_actions', qms_objectives.fields.LongTextField(blank=True, help_text='Mỗi hành động một dòng: việc cần làm, đơn vị thực hiện, thời hạn.', verbose_name='hành động sau xem xét của lãnh đạo')),
                        ('figures', models.JSONField(blank=True, default=dict, verbose_name='số liệu đã chốt')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agency', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agencies.agency', verbose_name='cơ quan')),
                        ('approved_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người duyệt')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tạo')),
                        ('department', models.ForeignKey(blank=True, db_constraint=False, help_text='Để trống cho văn bản của cả cơ quan.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agencies.department', verbose_name='phòng, đơn vị')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('issued_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ban hành')),
                        ('objective_set', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='objectives.objectiveset', verbose_name='bộ mục tiêu được đánh giá')),
                        ('revises', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='evaluation.evaluationreport', verbose_name='sửa đổi báo cáo')),
                        ('signer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người ký')),
                    ],
                    options={
                        'verbose_name': 'historical báo cáo đánh giá mục tiêu',
                        'verbose_name_plural': 'historical báo cáo đánh giá mục tiêu',
                        'db_table': 'monitoring_historicalevaluationreport',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AddIndex(
                    model_name='evaluationreport',
                    index=models.Index(fields=['agency', 'year', 'status'], name='monitoring__agency__841f23_idx'),
                ),
                migrations.AddConstraint(
                    model_name='evaluationreport',
                    constraint=models.UniqueConstraint(condition=models.Q(('department__isnull', True), ('status', 'published')), fields=('agency', 'year'), name='evaluation_one_published_per_agency_year'),
                ),
                migrations.AddConstraint(
                    model_name='evaluationreport',
                    constraint=models.UniqueConstraint(condition=models.Q(('department__isnull', False), ('status', 'published')), fields=('agency', 'department', 'year'), name='evaluation_one_published_per_department_year'),
                ),
                migrations.AddConstraint(
                    model_name='evaluationreport',
                    constraint=models.UniqueConstraint(condition=models.Q(('department__isnull', True), ('status__in', ('draft', 'returned', 'submitted', 'approved'))), fields=('agency', 'year'), name='evaluation_one_open_per_agency_year'),
                ),
                migrations.AddConstraint(
                    model_name='evaluationreport',
                    constraint=models.UniqueConstraint(condition=models.Q(('department__isnull', False), ('status__in', ('draft', 'returned', 'submitted', 'approved'))), fields=('agency', 'department', 'year'), name='evaluation_one_open_per_department_year'),
                ),
                migrations.AddConstraint(
                    model_name='evaluationcomment',
                    constraint=models.UniqueConstraint(fields=('report', 'objective'), name='evaluation_comment_once_per_objective'),
                ),
            ],
        ),
        content_types_moved(
            old_label="monitoring",
            new_label="evaluation",
            models=['evaluationreport', 'evaluationcomment', 'historicalevaluationreport', 'historicalevaluationcomment'],
        ),
    ]
