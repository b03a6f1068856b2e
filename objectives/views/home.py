from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agencies.membership import current_membership
from objectives.context_processors import may_start_here
from objectives.home_cards import home_cards
from objectives.selectors import home_for_user


@require_safe
@login_required
def home(request):
    """What awaits the user in the agency they work in now, and its documents in force."""
    membership = current_membership(request)
    context = home_for_user(request.user, membership)
    shows = context.get("shows", {})
    cards = [
        bool(context.get("to_edit")) or may_start_here(request.user, membership),
        shows.get("approve"),
        shows.get("issue"),
        shows.get("publish"),
    ]
    # One card takes half the width, up to four share a row.
    context["card_columns"] = max(2, sum(1 for shown in cards if shown))
    context["more_cards"] = home_cards(request.user, membership)
    return render(request, "home.html", context)
