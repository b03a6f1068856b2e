"""The oversight body's table for 300 agencies: queries and server time, cold and warm.

    .venv/bin/python bench/oversight_table.py                 # throw-away in-memory database
    .venv/bin/python bench/oversight_table.py --agencies 1000 --runs 30

Builds a body whose scope holds N agencies, each with its governing body term and its yearly
summary (four quarters of results, dates, audit and review; bulk-written, as load_scale_data
leaves them), and the body's two deadlines. The table (and its XLSX) are requested through
Django's test client, the whole middleware stack, with the settings' cache (CACHE_URL; the
in-process locmem cache unless set). Three figures per page:

- first: the first request of the URL, its cached rows retired (on the first line also the
  first request of the process: templates not compiled, nothing in any cache);
- miss: the median of --runs requests whose cached rows were retired just before (the
  summaries read and the rows written again: what the first request after a write pays);
- warm: the median (and p95) of --runs requests served from the cached rows.

The targets (issue 20): warm median <= 100 ms, cold <= 1 s for 300 agencies. The load average
of the machine is printed before and after: figures taken under load are not the server's.
It also times what a write pays to keep the table current: one summary recomputed (an agency
with a published set of 20 objectives and a year of quarterly results), as the receivers do
inside the write's transaction.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")

YEAR = 2025
STATUSES = ["published"] * 6 + ["issued", "approved", "submitted", "draft", "none"]


def _periods(rng) -> list[dict]:
    rows = []
    for quarter, end in enumerate(("03-31", "06-30", "09-30", "12-31"), start=1):
        expected = rng.randint(10, 40)
        recorded = expected if rng.random() < 0.8 else rng.randint(0, expected)
        done = datetime.date.fromisoformat(f"{YEAR}-{end}") + datetime.timedelta(
            days=rng.randint(2, 20)
        )
        rows.append(
            {
                "key": f"{YEAR}-Q{quarter}",
                "end": f"{YEAR}-{end}",
                "expected": expected,
                "recorded": recorded,
                "complete_on": done.isoformat() if recorded == expected else None,
            }
        )
    return rows


def build(count: int):
    from django.contrib.auth import get_user_model

    from agencies.models import (
        Agency,
        GoverningBodyTerm,
        OversightBody,
        OversightMembership,
        OversightScope,
    )
    from oversight.models import AgencyYearSummary, Deadline, DeadlineKind

    rng = random.Random(20)  # noqa: S311 - sample data
    own = Agency.objects.create(name="Sở Khoa học và Công nghệ", short_name="SKHCN", symbol="S")
    body = OversightBody.objects.create(
        agency=own, name=own.name, region_name="Đồng Nai", slug="bench", inspecting_unit="Chi cục"
    )
    inspector = get_user_model().objects.create_user("bench-inspector", password="x")
    OversightMembership.objects.create(user=inspector, body=body)
    agencies = Agency.objects.bulk_create(
        Agency(name=f"Cơ quan số {n:03d}", short_name=f"B{n:03d}", symbol="VP")
        for n in range(count)
    )
    start = datetime.date(2020, 1, 1)
    OversightScope.objects.bulk_create(
        OversightScope(body=body, agency=a, valid_from=start) for a in agencies
    )
    GoverningBodyTerm.objects.bulk_create(
        GoverningBodyTerm(agency=a, name=f"UBND HUYỆN {n % 12}", valid_from=start)
        for n, a in enumerate(agencies)
    )
    day = datetime.date(YEAR, 1, 20)
    AgencyYearSummary.objects.bulk_create(
        AgencyYearSummary(
            agency=a,
            year=YEAR,
            objectives_status=rng.choice(STATUSES),
            published_on=day + datetime.timedelta(days=rng.randint(0, 30)),
            objectives_count=rng.randint(8, 25),
            periods=_periods(rng),
            targets_count=20,
            targets_met=rng.randint(10, 20),
            last_internal_audit_on=datetime.date(YEAR, 11, rng.randint(1, 28)),
            last_management_review_on=datetime.date(YEAR, 12, rng.randint(1, 28)),
        )
        for a in agencies
    )
    Deadline.objects.bulk_create(
        [
            Deadline(
                body=body,
                year=YEAR,
                kind=DeadlineKind.OBJECTIVES_PUBLISHED,
                due_on=datetime.date(YEAR, 1, 31),
            ),
            Deadline(
                body=body, year=YEAR, kind=DeadlineKind.RESULTS_REPORTED, days_after_period=10
            ),
        ]
    )
    return body, inspector


def _one_agency_with_results():
    """An agency with a published set of 20 quarterly objectives and four quarters of results
    (the receivers would recompute its summary on each write; here they are bypassed)."""
    from django.db.models.signals import post_save

    from agencies.models import Agency
    from monitoring.models import Result
    from tests.factories import ObjectiveSetFactory, UserFactory

    agency = Agency.objects.create(name="Văn phòng đo", short_name="DO", symbol="VP")
    receivers = post_save.receivers
    post_save.receivers = []  # bypass every receiver while building, as a bulk load would
    try:
        objective_set = ObjectiveSetFactory(
            agency=agency,
            year=YEAR,
            published=True,
            with_objectives=20,
            with_objectives__reporting_frequencies=["quarterly"],
        )
        user = UserFactory(username="bench-iso")
        for objective in objective_set.objectives.all():
            target = objective.targets.get()
            for quarter, (first, last) in enumerate(
                (("01-01", "03-31"), ("04-01", "06-30"), ("07-01", "09-30"), ("10-01", "12-31")),
                start=1,
            ):
                Result.objects.create(
                    target=target,
                    period_key=f"{YEAR}-Q{quarter}",
                    period_start=datetime.date.fromisoformat(f"{YEAR}-{first}"),
                    period_end=datetime.date.fromisoformat(f"{YEAR}-{last}"),
                    value=Decimal(97),
                    recorded_by=user,
                )
    finally:
        post_save.receivers = receivers
        post_save.sender_receivers_cache.clear()
    return agency


def _timed(client, url) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries)


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def bench(count: int, runs: int) -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from oversight.table_cache import body_key, raise_versions

    setup_test_environment()
    # A test database (PostgreSQL: test_<name>, replaced if a run left one behind).
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    body, inspector = build(count)
    client = Client()
    client.force_login(inspector)
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"{count} agencies in scope, year {YEAR} ({connection.vendor}, cache {backend})")
    print(f"load average (1, 5, 15 min) before: {_load()}, {os.cpu_count()} CPUs")
    print("ms of server time; first = first request of the URL with its cached rows retired")
    print("(on the first line also the process's first request), miss = cached rows retired")
    print("before each request (median), warm = served from the cached rows (median, p95)")
    print(f"{'page':<30} {'queries':>11} {'first':>7} {'miss med':>9} {'warm med':>9} {'p95':>7}")

    def retired(url):
        raise_versions([body_key(body.pk)])
        return _timed(client, url)

    for label, name, query in (
        ("table", "oversight:table", ""),
        ("table, late only, by status", "oversight:table", "?late=on&sort=status"),
        ("XLSX export (not cached)", "oversight:table_xlsx", ""),
    ):
        url = reverse(name, args=[body.pk, YEAR]) + query
        first, _queries = retired(url)
        misses = [retired(url) for _ in range(runs)]
        warm = [_timed(client, url) for _ in range(runs)]
        times = [t for t, _q in warm]
        p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
        queries = f"{misses[-1][1]}/{warm[-1][1]}"
        print(
            f"{label:<30} {queries:>11} {first:>7.1f} "
            f"{statistics.median(t for t, _q in misses):>9.1f} "
            f"{statistics.median(times):>9.1f} {p95:>7.1f}"
        )
    print("(queries: on a miss / on a hit)")

    from oversight.summaries import summary_refresh

    agency = _one_agency_with_results()
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(max(5, runs // 3)):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            summary_refresh(agency.pk, YEAR)
            times.append((time.perf_counter() - started) * 1000)
    print(
        f"one summary recomputed (what a write pays): {len(queries)} queries, first "
        f"{times[0]:.1f} ms, median {statistics.median(times):.1f} ms"
    )
    print(f"load average after: {_load()}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    arguments = parser.parse_args()
    os.environ.setdefault("QMS_TESTING", "true")
    import django

    django.setup()
    from django.db import connection

    name = connection.settings_dict["NAME"]
    try:
        bench(arguments.agencies, arguments.runs)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
