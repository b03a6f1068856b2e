"""The floor of the load bench (bench/load_bench.sh): the cheapest page this Django stack can
serve through its middleware. Routed only when settings.DEVTOOLS is on."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def floor(request):
    return HttpResponse("ok", content_type="text/plain")
