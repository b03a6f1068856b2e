"""The printable summary (monitoring/summary.py): time and pages of the PDF rendered inside the
request, at the demo agency's size and at the dashboard bench's large size.

    .venv/bin/python bench/summary_pdf_bench.py    # in a throw-away in-memory database

Sizes reuse bench/dashboard_bench.py's sample (monthly results, departments rolled up).
"""

import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
os.environ.setdefault("QMS_TESTING", "true")


def bench() -> None:
    import pdfplumber
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from bench.dashboard_bench import YEAR, build, measure

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    print(f"{'size':<44} {'queries':>8} {'median ms':>10} {'pages':>6}")
    for objectives, departments, months in ((10, 2, 12), (20, 4, 12)):
        agency, iso = build(objectives=objectives, departments=departments, months=months)
        client = Client()
        client.force_login(iso)
        url = reverse("monitoring:summary_pdf", args=[agency.pk, YEAR])
        queries, ms = measure(client, url, runs=5)
        with pdfplumber.open(io.BytesIO(client.get(url).content)) as pdf:
            pages = len(pdf.pages)
        label = f"{objectives} objectives × {months} periods, {departments} departments"
        print(f"{label:<44} {queries:>8} {ms:>10.1f} {pages:>6}")


if __name__ == "__main__":
    import django

    django.setup()
    bench()
