"""{% available_actions user document as actions %}: the workflow actions this user may take on
this document now (documents.rulebook), for the templates that draw the buttons:
{% if "publish" in actions %}…{% endif %}."""

from django import template

from documents import rulebook

register = template.Library()


@register.simple_tag
def available_actions(user, document) -> set[str]:
    return rulebook.available_actions(user, document)
