"""The hand-written outbox gives way to django-post-office's queue (docs/DEPLOYMENT.md, "Mail"):
every mail still waiting, or failed, becomes a post_office.Email in the same state (a failed one
with its last error in the mail's log, for an administrator to send again), keeping the
Message-ID the outbox gave it; then the outbox table goes, and with it its content type and
permissions: whoever held one of them (a group, a user) holds the same one on post_office's
Email instead. Sent mail is not carried over: it was a record only, purged after 90 days."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations

QUEUED, FAILED = 2, 1  # post_office.models.STATUS
MEDIUM = 1  # post_office.models.PRIORITY, what its EmailBackend gives every mail


def move_unsent_mail(apps, schema_editor):
    OutboundEmail = apps.get_model("notifications", "OutboundEmail")
    Email = apps.get_model("post_office", "Email")
    Log = apps.get_model("post_office", "Log")
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    for row in OutboundEmail.objects.exclude(state="sent").order_by("pk").iterator():
        email = Email.objects.create(
            from_email=row.from_email,
            to=row.to,
            cc=row.cc,
            bcc=row.bcc,
            subject=row.subject,
            message=row.body,
            html_message=row.html_body,
            status=QUEUED if row.state == "queued" else FAILED,
            priority=MEDIUM,
            message_id=f"<qms-outbox-{row.pk}@{domain}>",
            number_of_retries=row.attempts,
        )
        if row.state == "failed":
            Log.objects.create(
                email=email, status=FAILED, exception_type="", message=row.last_error
            )


def move_outbox_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    outbox = ContentType.objects.filter(app_label="notifications", model="outboundemail").first()
    if outbox is None:  # a database made after the outbox's permissions were last created
        return
    email_type, _ = ContentType.objects.get_or_create(app_label="post_office", model="email")
    for old in Permission.objects.filter(content_type=outbox):
        action = old.codename.split("_", 1)[0]
        new, _ = Permission.objects.get_or_create(
            content_type=email_type,
            codename=f"{action}_email",
            defaults={"name": f"Can {action} Email"},
        )
        for group in old.group_set.all():
            group.permissions.add(new)
        for user in old.user_set.all():
            user.user_permissions.add(new)
    outbox.delete()  # its permissions with it; admin log lines keep their text, lose the link


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_notification_centre"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_unsent_mail, migrations.RunPython.noop),
        migrations.RunPython(move_outbox_permissions, migrations.RunPython.noop),
        migrations.DeleteModel(name="OutboundEmail"),
    ]
