"""Editor and workflow pages: queries and server time at 5 and at 30 objectives.

    .venv/bin/python bench/pages_bench.py      # in a throw-away database, prints a table

For each size: last year's published set, this year's Draft copied from it (the editor), a
Submitted copy (the review with its diff, for the deputy) and an Approved copy (the issue page).
Each objective has two targets, a lead unit and two supporting units. Times are the median of
seven requests through Django's test client (no network), so they measure the server side.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
os.environ.setdefault("QMS_TESTING", "true")

HTMX = {"HTTP_HX_REQUEST": "true"}


def _user(username: str, agency, **roles):
    from django.contrib.auth import get_user_model

    from agencies.models import Membership

    user = get_user_model().objects.create(username=username, first_name=username.title())
    Membership.objects.create(user=user, agency=agency, **roles)
    return user


def build(size: int) -> dict:
    """An agency of its own with the sets described above, and its people."""
    from agencies.models import Agency, Department
    from documents.models import Status
    from objectives.models import Objective, ObjectiveSet, Section, Target
    from objectives.services.starting import set_copy_from

    agency = Agency.objects.create(
        name=f"Văn phòng UBND tỉnh ({size})",
        short_name=f"VP{size}",
        symbol="VP",
        place_name="Đồng Nai",
        head_title="Chánh Văn phòng",
        deputy_title="Phó Chánh Văn phòng",
    )
    units = [Department.objects.create(agency=agency, name=f"Phòng {n}") for n in range(1, 5)]
    people = {
        "iso": _user(f"iso{size}", agency, is_iso_officer=True),
        "deputy": _user(f"deputy{size}", agency, is_deputy=True),
        "records": _user(f"records{size}", agency, is_records_officer=True),
    }
    last_year = ObjectiveSet.objects.create(agency=agency, year=2024, form="table")
    sections = [
        Section.objects.create(objective_set=last_year, title=title, order=n)
        for n, title in enumerate(["I. Đối với cơ quan:", "II. Đối với phòng:"], start=1)
    ]
    for n in range(1, size + 1):
        objective = Objective.objects.create(
            objective_set=last_year,
            section=sections[n % 2],
            order=n,
            content=f"Tỷ lệ hồ sơ thủ tục hành chính số {n} giải quyết đúng hạn đạt ít nhất 96%.",
            measures="Theo dõi trên phần mềm một cửa; nhắc hồ sơ sắp đến hạn.",
            lead_unit=units[n % 4],
            reporting_wording="Báo cáo quý hoặc 6 tháng/lần",
        )
        objective.supporting_units.set(units[:2])
        Target.objects.create(objective=objective, value=96, unit="%", wording="≥ 96%")
        Target.objects.create(objective=objective, order=2, comparison="exactly", value=0, unit="%")
    ObjectiveSet.objects.filter(pk=last_year.pk).update(status=Status.PUBLISHED)
    sets = {"last_year": last_year}
    for year, status in ((2025, Status.DRAFT), (2026, Status.SUBMITTED), (2027, Status.APPROVED)):
        copy = set_copy_from(source=last_year, year=year, actor=people["iso"])
        ObjectiveSet.objects.filter(pk=copy.pk).update(status=status)
        sets[status] = copy
    return {"people": people, "sets": sets}


def measure(client, method: str, url: str, data=None, runs: int = 7, **extra):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    for _ in range(runs):
        payload = data() if callable(data) else data
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = getattr(client, method)(url, payload, **extra)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return queries, statistics.median(timings)


def _objective_post(objective_id: int):
    """The in-place form as the browser posts it, with the version as it now is."""
    from objectives.models import Objective

    def data():
        objective = Objective.objects.get(pk=objective_id)
        targets = list(objective.targets.all())
        values = {
            "version": objective.version,
            "n": "1",
            "section": objective.section_id,
            "content": objective.content,
            "lead_unit": objective.lead_unit_id,
            "supporting_units": [u.pk for u in objective.supporting_units.all()],
            "targets-TOTAL_FORMS": len(targets) + 1,
            "targets-INITIAL_FORMS": len(targets),
            f"targets-{len(targets)}-comparison": "at_least",
        }
        for i, t in enumerate(targets):
            values.update({f"targets-{i}-id": t.pk, f"targets-{i}-comparison": t.comparison})
            values.update({f"targets-{i}-value": t.value, f"targets-{i}-unit": t.unit})
            values[f"targets-{i}-wording"] = t.wording
        return values

    return data


def pages(data: dict) -> list[tuple]:
    from django.urls import reverse

    from documents.models import Status

    draft = data["sets"][Status.DRAFT]
    submitted = data["sets"][Status.SUBMITTED]
    approved = data["sets"][Status.APPROVED]
    objective = draft.objectives.order_by("order").first()
    edit = reverse("objectives:objective_edit", args=[objective.pk])
    return [
        ("editor", "iso", "get", reverse("objectives:set_edit", args=[draft.pk]), None, {}),
        ("objective form (htmx)", "iso", "get", edit, None, HTMX),
        ("objective save (htmx)", "iso", "post", edit, _objective_post(objective.pk), HTMX),
        ("header form", "iso", "get", reverse("objectives:set_header", args=[draft.pk]), None, {}),
        ("home", "iso", "get", reverse("home"), None, {}),
        ("start", "iso", "get", reverse("objectives:set_start"), None, {}),
        (
            "review + diff",
            "deputy",
            "get",
            reverse("objectives:set_review", args=[submitted.pk]),
            None,
            {},
        ),
        ("inbox", "deputy", "get", reverse("objectives:inbox"), None, {}),
        ("issue", "records", "get", reverse("objectives:set_issue", args=[approved.pk]), None, {}),
    ]


def bench() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    results: dict[str, dict[int, tuple]] = {}
    built: dict[int, dict] = {}
    # The first pass only warms up (templates compiled, connections opened); it is discarded.
    for size in (5, 5, 30):
        data = build(size) if size not in built else built[size]
        built[size] = data
        clients = {}
        for role, user in data["people"].items():
            clients[role] = Client()
            clients[role].force_login(user)
        for name, role, method, url, payload, extra in pages(data):
            results.setdefault(name, {})[size] = measure(
                clients[role], method, url, payload, **extra
            )
    print(f"{'page':<24} {'queries @5':>10} {'queries @30':>11} {'ms @5':>8} {'ms @30':>8}")
    for name, by_size in results.items():
        (q5, ms5), (q30, ms30) = by_size[5], by_size[30]
        print(f"{name:<24} {q5:>10} {q30:>11} {ms5:>8.1f} {ms30:>8.1f}")


if __name__ == "__main__":
    import django

    django.setup()
    bench()
