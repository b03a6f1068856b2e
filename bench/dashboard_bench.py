"""Dashboard figures: queries and time of the monitoring dashboard at a small and a large size.

    .venv/bin/python bench/dashboard_bench.py            # in a throw-away in-memory database
    .venv/bin/python bench/dashboard_bench.py --populate # write the large sample into the
                                                          # configured database (for screenshots)

The large size is 20 agency objectives reported monthly (12 periods) in two sections, four
departments each deriving five of them (rolled up), a year of results with numerators,
zero targets, a count target, a written assessment and a change against a baseline.
"""

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")

YEAR = 2024
PASSWORD = "demo-Password-1"


def _user(username, name, agency, department=None, **roles):
    from django.contrib.auth import get_user_model

    from agencies.models import Membership

    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": name, "email": f"{username}@example.gov.vn"},
    )
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.get_or_create(
        user=user, agency=agency, defaults={"department": department, **roles}
    )
    return user


TARGET_KINDS = [
    {"comparison": "at_least", "value": 96, "unit": "%", "wording": "≥ 96%"},
    {"comparison": "exactly", "value": 0, "unit": "%", "wording": "bằng không"},
    {"comparison": "at_least", "value": 100, "unit": "%", "wording": "100%"},
    {"comparison": "at_least", "value": 2, "unit": "lần", "is_cumulative": True},
    {"comparison": "decrease_by", "value": 0, "unit": "vụ", "baseline": 12},
    {"comparison": "not_scored", "value": None, "unit": ""},
]
CONTENTS = [
    "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn và trước hạn",
    "Tỷ lệ hồ sơ quá hạn",
    "Tỷ lệ văn bản ban hành đúng thể thức, kỹ thuật trình bày",
    "Tổ chức đánh giá nội bộ Hệ thống quản lý chất lượng",
    "Giảm số vụ khiếu nại, phản ánh về thái độ phục vụ",
    "Cải tiến quy trình tiếp nhận hồ sơ trực tuyến",
]


def _value(kind: dict, rng: random.Random, month: int) -> dict:
    if kind["comparison"] == "not_scored":
        return {"assessment": f"Tháng {month:02d}: đã rà soát và cập nhật quy trình."}
    if kind["unit"] == "%":
        total = rng.randint(80, 400)
        late = 0 if kind["comparison"] == "exactly" and rng.random() < 0.8 else rng.randint(0, 12)
        if kind["comparison"] == "exactly":
            return {"numerator": late, "denominator": total}
        return {"numerator": total - late, "denominator": total}
    if kind.get("is_cumulative"):
        return {"value": 1 if month in (6, 11) else 0}
    return {"value": rng.randint(4, 14)}


def _record(target, period, values: dict, user):
    from monitoring.models import Result
    from monitoring.scoring import rate

    value = values.get("value")
    if values.get("numerator") is not None:
        value = rate(values["numerator"], values["denominator"])
    Result.objects.create(
        target=target,
        period_key=period.key,
        period_start=period.start,
        period_end=period.end,
        value=None if value is None else Decimal(value),
        numerator=values.get("numerator"),
        denominator=values.get("denominator"),
        assessment=values.get("assessment", ""),
        recorded_by=user,
    )


def build(*, objectives: int, departments: int, months: int, seed: int = 2024):
    """An agency with a published set and derived department sets, and their results."""
    from agencies.models import Agency, Department
    from documents.models import Status
    from monitoring.periods import periods_for
    from objectives.models import Objective, ObjectiveSet, Section, Target

    rng = random.Random(seed)
    agency = Agency.objects.create(
        name=f"Văn phòng UBND tỉnh Đồng Nai ({objectives})",
        short_name=f"VP-DN-{objectives}-{seed}",
        symbol="VP",
        place_name="Đồng Nai",
        head_title="Chánh Văn phòng",
    )
    units = [
        Department.objects.create(agency=agency, name=name, order=index)
        for index, name in enumerate(
            [
                "Phòng Hành chính - Tổ chức",
                "Phòng Kiểm soát TTHC",
                "Phòng Tổng hợp",
                "Phòng Kinh tế",
            ][:departments]
        )
    ]
    iso = _user(f"iso{seed}{objectives}", "Trần Thị Hoa", agency, is_iso_officer=True)
    _user(f"head{seed}{objectives}", "Nguyễn Kim Long", agency, is_head=True)
    _user(f"staff{seed}{objectives}", "Lê Văn Bình", agency, units[0] if units else None)
    agency_set = ObjectiveSet.objects.create(
        agency=agency, year=YEAR, status=Status.PUBLISHED, number=124, symbol="QĐ-VP"
    )
    sections = [
        Section.objects.create(objective_set=agency_set, title=title, order=index)
        for index, title in enumerate(["I. Đối với cơ quan:", "II. Đối với phòng nghiệp vụ:"])
    ]
    monthly = periods_for("monthly", YEAR)[:months]
    parents = []
    for index in range(objectives):
        kind = TARGET_KINDS[index % len(TARGET_KINDS)]
        objective = Objective.objects.create(
            objective_set=agency_set,
            section=sections[index % 2],
            order=index,
            content=f"{CONTENTS[index % len(CONTENTS)]} (mục tiêu {index + 1}).",
            lead_unit=units[index % len(units)] if units else None,
            reporting_frequencies=["monthly"],
        )
        target = Target.objects.create(objective=objective, **kind)
        parents.append((objective, target, kind))
        for period in monthly:
            _record(target, period, _value(kind, rng, period.index), iso)
    for unit in units:
        unit_set = ObjectiveSet.objects.create(
            agency=agency, department=unit, year=YEAR, status=Status.PUBLISHED, parent=agency_set
        )
        for order, (parent, parent_target, kind) in enumerate(parents[:5]):
            child = Objective.objects.create(
                objective_set=unit_set,
                order=order,
                content=parent.content,
                parent=parent,
                reporting_frequencies=["monthly"],
            )
            child_target = Target.objects.create(objective=child, parent=parent_target, **kind)
            for period in monthly:
                _record(child_target, period, _value(kind, rng, period.index), iso)
    return agency, iso


def measure(client, url: str, runs: int = 7) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    return queries, statistics.median(timings)


def bench() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    print(f"{'size':<44} {'queries':>8} {'median ms':>10}")
    for objectives, departments, months in ((2, 1, 3), (20, 4, 12)):
        agency, iso = build(objectives=objectives, departments=departments, months=months)
        client = Client()
        client.force_login(iso)
        url = reverse("monitoring:dashboard", args=[agency.pk, YEAR])
        queries, ms = measure(client, url)
        label = f"{objectives} objectives × {months} periods, {departments} departments"
        print(f"{label:<44} {queries:>8} {ms:>10.1f}")


def populate() -> None:
    from django.urls import reverse

    agency, iso = build(objectives=20, departments=4, months=12, seed=int(time.time()) % 10000)
    url = reverse("monitoring:dashboard", args=[agency.pk, YEAR])
    print(f"Log in as {iso.username} / {PASSWORD} and open {url}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--populate", action="store_true", help="write into the configured DB")
    arguments = parser.parse_args()
    if not arguments.populate:
        os.environ.setdefault("QMS_TESTING", "true")
    import django

    django.setup()
    populate() if arguments.populate else bench()
