"""Who hears of a transition: the holders of the right the next step needs, read from the
rulebook (documents/rulebook.py) like the inbox, so that whoever is told finds the document
waiting, and each is sent to the page where that step is taken. The notification stores its kind,
the document as its target and the parameters of its sentence (notifications/kinds.py);
notification_send writes the in-app notices and the mail once the transaction commits, nothing
is sent inside the request. Every document kind (objective sets, evaluation reports) is told
the same way: a document may offer get_review_url, get_edit_url, get_issue_url and
get_reading_url, and its own page stands in for any it lacks."""

from documents.rulebook import members, readers
from notifications import kinds
from notifications.services import notification_send


def _url(document, name: str) -> str:
    method = getattr(document, name, None) or getattr(document, "get_absolute_url", None)
    return method() if method else ""


def _send(document, users, kind: str, url_name: str, **params) -> None:
    notification_send(
        users=users,
        agency=document.agency,
        kind=kind,
        params={"document": str(document), **params},
        target=document,
        url=_url(document, url_name),
    )


def document_submitted(document, actor) -> None:
    """The approvers: a document waits for their decision."""
    _send(
        document,
        members("approve", document, actor),
        kinds.DOCUMENT_SUBMITTED,
        "get_review_url",
    )


def document_returned(document, actor, comment: str) -> None:
    """The drafters: what to change, on the editing page."""
    _send(
        document,
        members("draft", document, actor),
        kinds.DOCUMENT_RETURNED,
        "get_edit_url",
        comment=comment,
    )


def document_approved(document, actor) -> None:
    """The drafters hear it was approved; whoever may issue (the records officers, or the
    approvers where the agency has none) that it waits for its number."""
    told = members("draft", document, actor)
    _send(document, told, kinds.DOCUMENT_APPROVED, "get_absolute_url")
    _send(
        document,
        [u for u in members("issue", document, actor) if u not in told],
        kinds.DOCUMENT_TO_ISSUE,
        "get_issue_url",
    )


def document_issued(document, actor) -> None:
    """Whoever may publish (ISO officers, the head, a department's head for its document): an
    issued document waits for publication, on its page."""
    _send(
        document,
        members("publish", document, actor),
        kinds.DOCUMENT_TO_PUBLISH,
        "get_absolute_url",
    )


def document_published(document, actor, superseded=()) -> None:
    """Every reader: a new document to read and acknowledge. The readers of a document it
    superseded who are not readers of this one hear that theirs is no longer in force (the
    others learn it from this notice, which names it, rather than from a second one)."""
    told = readers(document, actor)
    replaced = "; ".join(str(old) for old in superseded)
    _send(
        document,
        told,
        kinds.DOCUMENT_PUBLISHED,
        "get_reading_url",
        **({"replaces": replaced} if replaced else {}),
    )
    for old in superseded:
        notification_send(
            users=[u for u in readers(old, actor) if u not in told],
            agency=old.agency,
            kind=kinds.DOCUMENT_SUPERSEDED,
            params={"document": str(old), "new": str(document)},
            target=old,
            url=_url(document, "get_reading_url"),
        )
