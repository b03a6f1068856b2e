"""An announcement's content as its document body (documents.body): what the head approves and
issuing must print unchanged. Read from the database."""

from conformity.models import ConformityAnnouncement
from conformity.services import TEXT_FIELDS


def announcement_body(announcement: ConformityAnnouncement) -> dict:
    fields = ("standard", "revises_id", *TEXT_FIELDS)
    return ConformityAnnouncement.objects.filter(pk=announcement.pk).values(*fields).get()
