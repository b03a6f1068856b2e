"""The main pages at scale: queries and server time (median, p95) of each, in-process.

    DATABASE_URL=postgres://…/qms_scale .venv/bin/python bench/pages_scale_bench.py \
        --label scale --json var/bench/pages-scale.json
    .venv/bin/python bench/pages_scale_bench.py --compare small.json scale.json

Reads the database DATABASE_URL names, which must hold the data of `manage.py load_scale_data`
(agency PREFIX-001 and its people). Each page is requested through Django's test client (the
whole middleware stack, no network) twice to warm up, then --runs times; the query count is
that of the last run. bench/scale_pages.sh builds a small and a province-sized database on a
throwaway PostgreSQL and prints both side by side.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
os.environ.setdefault("DEVTOOLS", "true")  # the scale data generator
os.environ.setdefault("QMS_TESTING", "true")

SEARCH = "hồ sơ đúng hạn"
# The dashboard is cached (monitoring/dashboard_cache.py); this row empties the cache before
# each request, so it shows what the first reader after a write waits.
UNCACHED = "dashboard (this year, uncached)"


def _sets(prefix: str) -> dict:
    from django.db.models import Q

    from devtools.scale import short_name
    from documents.models import Status
    from objectives.models import ObjectiveSet

    mine = ObjectiveSet.objects.filter(agency__short_name=short_name(prefix, 1))
    last_year = mine.order_by("-year").values_list("year", flat=True).first()
    in_year = mine.filter(year=last_year)
    return {
        "year": last_year,
        "draft": in_year.get(status=Status.DRAFT),
        "submitted": in_year.get(status=Status.SUBMITTED),
        "approved": in_year.get(status=Status.APPROVED),
        "published": in_year.get(Q(department__isnull=True), status=Status.PUBLISHED),
    }


def pages(prefix: str) -> list[tuple[str, str | None, str]]:
    """(name, who logs in — a key of devtools.scale.username —, url)."""
    from django.urls import reverse

    sets = _sets(prefix)
    agency_id, year = sets["published"].agency_id, sets["year"]
    code = sets["published"].verification_code
    return [
        ("home", "iso", reverse("home")),
        ("editor (draft set)", "iso", reverse("objectives:set_edit", args=[sets["draft"].pk])),
        ("review + diff", "deputy", reverse("objectives:set_review", args=[sets["submitted"].pk])),
        ("issue page", "records", reverse("objectives:set_issue", args=[sets["approved"].pk])),
        ("published list", "d00-staff1", reverse("objectives:reading_list")),
        (
            "published set",
            "d00-staff1",
            reverse("objectives:reading_detail", args=[sets["published"].pk]),
        ),
        ("search", "d00-staff1", reverse("objectives:reading_search") + f"?q={SEARCH}"),
        (
            "dashboard (last year)",
            "iso",
            reverse("monitoring:dashboard", args=[agency_id, year - 1]),
        ),
        ("dashboard (this year)", "iso", reverse("monitoring:dashboard", args=[agency_id, year])),
        (UNCACHED, "iso", reverse("monitoring:dashboard", args=[agency_id, year])),
        ("verification /v/<code>/", None, reverse("documents:verify", args=[code])),
        (
            "issued PDF",
            "d00-staff1",
            reverse("objectives:reading_pdf", args=[sets["published"].pk]),
        ),
    ]


def measure(client, url: str, runs: int, *, uncached: bool = False) -> dict:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    timings, queries = [], 0
    for _ in range(runs):
        if uncached:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return {
        "queries": queries,
        "median": statistics.median(timings),
        "p95": statistics.quantiles(timings, n=20, method="inclusive")[18],
    }


def bench(prefix: str, runs: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from devtools.scale import username
    from objectives.models import Objective, ObjectiveSet

    setup_test_environment()
    clients: dict = {None: Client()}
    results = {}
    for name, key, url in pages(prefix):
        if key not in clients:
            clients[key] = Client()
            clients[key].force_login(
                get_user_model().objects.get(username=username(prefix, 1, key))
            )
        results[name] = measure(clients[key], url, runs, uncached=name == UNCACHED)
        print(f"  {name:<32} {results[name]['queries']:>4} q {results[name]['median']:>7.1f} ms")
    return {
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "sets": ObjectiveSet.objects.count(),
        "objectives": Objective.objects.count(),
        "runs": runs,
        "pages": results,
    }


def compare(paths: list[str]) -> None:
    runs = [json.loads(Path(p).read_text()) for p in paths]
    for run, path in zip(runs, paths, strict=True):
        print(
            f"{Path(path).stem}: {run['database']}, {run['sets']} sets, "
            f"{run['objectives']} objectives, {run['runs']} requests a page"
        )
    header = f"{'page':<32}" + "".join(
        f" | {Path(p).stem[:18]:>18}: {'q':>3} {'median':>7} {'p95':>7}" for p in paths
    )
    print(header)
    for name in runs[0]["pages"]:
        line = f"{name:<32}"
        for run in runs:
            if name not in run["pages"]:  # a file written before the page was benched
                line += f" | {'':>18}  {'–':>3} {'–':>7} {'–':>7}"
                continue
            q, median, p95 = (run["pages"][name][k] for k in ("queries", "median", "p95"))
            line += f" | {'':>18}  {q:>3} {median:>7.1f} {p95:>7.1f}"
        print(line)
    print("(times in ms, server side through the test client)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default="SCALE")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--label", default="run")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--compare", nargs="+", metavar="JSON", help="print files side by side")
    arguments = parser.parse_args()
    if arguments.compare:
        compare(arguments.compare)
        return
    import django

    django.setup()
    print(f"{arguments.label}:")
    figures = bench(arguments.prefix, arguments.runs)
    if arguments.json:
        Path(arguments.json).parent.mkdir(parents=True, exist_ok=True)
        Path(arguments.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
