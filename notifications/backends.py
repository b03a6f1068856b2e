"""EMAIL_BACKEND: django-post-office's queuing backend, given each message's text so that it comes
out exactly as written. The library's backend renders subject, body and HTML as Django templates
when it queues them (ui/django-post_office#478, open): a user's comment with "{{" or "{%" in it
would be mangled, or stop the mail with a TemplateSyntaxError. Each text is therefore wrapped
in a verbatim block whose name is random, which no text can close."""

import copy
import secrets

from post_office.backends import EmailBackend


def _verbatim(text: str) -> str:
    name = f"qms{secrets.token_hex(8)}"
    return f"{{% verbatim {name} %}}{text}{{% endverbatim {name} %}}"


class QueueBackend(EmailBackend):
    def send_messages(self, email_messages):
        wrapped = []
        for message in email_messages or []:
            message = copy.copy(message)  # the caller's message is left as it was
            message.subject = _verbatim(str(message.subject))
            message.body = _verbatim(message.body)
            message.alternatives = [
                (_verbatim(content) if mimetype == "text/html" else content, mimetype)
                for content, mimetype in getattr(message, "alternatives", [])
            ]
            message.extra_headers = dict(message.extra_headers)  # the library adds Reply-To
            wrapped.append(message)
        return super().send_messages(wrapped)
