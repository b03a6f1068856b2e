"""Who hears of a transition: the holders of the right the next step needs, read from the
rulebook (documents/rulebook.py) like the inbox, so that whoever is told finds the document
waiting. notification_send writes the in-app notices and queues the emails once the transaction
commits; nothing is sent inside the request."""

from django.utils.translation import gettext as _

from documents.rulebook import members, readers
from notifications.services import notification_send


def _send(document, users, message: str) -> None:
    url = document.get_absolute_url() if hasattr(document, "get_absolute_url") else ""
    notification_send(users=users, agency=document.agency, message=message, url=url)


def document_submitted(document, actor) -> None:
    _send(
        document,
        members("approve", document, actor),
        _("“%(document)s” đã được gửi duyệt, chờ ý kiến của lãnh đạo.") % {"document": document},
    )


def document_returned(document, actor, comment: str) -> None:
    _send(
        document,
        members("draft", document, actor),
        _("“%(document)s” bị trả lại: %(comment)s") % {"document": document, "comment": comment},
    )


def document_approved(document, actor) -> None:
    told = members("draft", document, actor)
    _send(document, told, _("“%(document)s” đã được duyệt.") % {"document": document})
    _send(
        document,
        [u for u in members("issue", document, actor) if u not in told],
        _("“%(document)s” đã được duyệt, chờ cấp số và ban hành.") % {"document": document},
    )


def document_published(document, actor) -> None:
    _send(
        document,
        readers(document, actor),
        _("Đã công bố “%(document)s”. Mời đọc và xác nhận đã đọc.") % {"document": document},
    )
