"""{% open_corrective_actions agency year as rows %}: the open actions of the year the reader may
see, for pages of other apps (monitoring's dashboard)."""

from django import template

from corrective.selectors import open_actions_for

register = template.Library()


@register.simple_tag(takes_context=True)
def open_corrective_actions(context, agency, year):
    request = context.get("request")
    if request is None or agency is None:
        return []
    return list(open_actions_for(request.user, agency=agency, year=int(year))[:20])
