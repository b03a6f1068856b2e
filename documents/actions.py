"""The workflow buttons every document kind shows (submit, withdraw, approve, publish, …): one
POST, one service of documents.workflow called as this user, what happened said in a message.
The kind's view fetches the document for the user with its rule first (404 for other agencies,
403 without the right)."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect

from qms_objectives.errors import WorkflowError
from qms_objectives.responses import refused


def document_act(request, document, service, success: Callable[[object], str], *, then=None, **kw):
    """Call `service(document=…, actor=request.user, **kw)`; on success show `success(result)`
    and go to `then` (default: the document), on refusal say why and go back to the document."""
    try:
        result = service(document=document, actor=request.user, **kw)
    except WorkflowError as error:
        return refused(request, error, document.get_absolute_url())
    messages.success(request, success(result))
    return redirect(then or result)
