"""Render every demo objective set, draft and final, into a folder (for bench/pdf_identity.sh).

Run from a checkout's root: `DEBUG=true DATABASE_URL=sqlite:////tmp/x.sqlite3
FILE_STORAGE_ROOT=/tmp/x-files python bench/render_demo_sets.py OUT`. The verification code is
fixed before rendering, because the demo loader draws a random one on every run. Works on
checkouts before the redesign (objectives.documents.render) and after (objectives.printing.render).
"""

import os
import sys

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

try:
    from objectives.printing.render import render_set  # noqa: E402
except ImportError:  # a checkout from before the redesign
    from objectives.documents.render import render_set  # noqa: E402
from objectives.models import ObjectiveSet  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
call_command("migrate", verbosity=0)
call_command("load_demo", force=True, verbosity=0)
for objective_set in ObjectiveSet.objects.order_by("agency__short_name", "year", "pk"):
    if objective_set.verification_code:
        objective_set.verification_code = "ABCDEFGH23"
    for final in (False, True):
        kind = "final" if final else "draft"
        name = f"{objective_set.agency.short_name}-{objective_set.year}-{kind}"
        with open(os.path.join(out, name.replace(" ", "_") + ".pdf"), "wb") as pdf:
            pdf.write(render_set(objective_set, final=final))
print(len(os.listdir(out)), "PDFs in", out)
