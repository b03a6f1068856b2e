from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agencies.membership import current_membership
from objectives.selectors import home_for_user


@require_safe
@login_required
def home(request):
    """What awaits the user in the agency they work in now, and its documents in force."""
    context = home_for_user(request.user, current_membership(request))
    return render(request, "home.html", context)
