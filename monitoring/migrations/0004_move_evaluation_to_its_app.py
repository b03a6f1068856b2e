"""The evaluation report now belongs to the evaluation app (its 0001 takes it over with its
tables); only the state forgets it here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0003_dashboard_version'),
        ('evaluation', '0001_evaluation_from_monitoring'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='evaluationreport',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='evaluationreport',
                    name='approved_by',
                ),
                migrations.RemoveField(
                    model_name='evaluationreport',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='evaluationreport',
                    name='department',
                ),
                migrations.RemoveField(
                    model_name='evaluationreport',
                    name='issued_by',
                ),
                migrations.RemoveField(
                    model_name='evaluationreport',
                    name='objective_set',
                ),
                migrations.RemoveField(
                    model_name='evaluationreport',
                    name='revises',
                ),
                migrations.RemoveField(
                    model_name='evaluationreport',
                    name='signer',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationcomment',
                    name='report',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='revises',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationcomment',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationcomment',
                    name='objective',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='agency',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='approved_by',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='department',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='issued_by',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='objective_set',
                ),
                migrations.RemoveField(
                    model_name='historicalevaluationreport',
                    name='signer',
                ),
                migrations.DeleteModel(
                    name='EvaluationComment',
                ),
                migrations.DeleteModel(
                    name='EvaluationReport',
                ),
                migrations.DeleteModel(
                    name='HistoricalEvaluationComment',
                ),
                migrations.DeleteModel(
                    name='HistoricalEvaluationReport',
                ),
            ],
        ),
    ]
