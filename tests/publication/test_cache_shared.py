"""The page cache shared by every app server (Redis): a write made in another process — another
app server, a management command — retires the pages it shows for this server's very next
request, with no waiting for a time-out."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test.utils import override_settings

from qms_objectives.env import parse_cache_url
from tests.notifications.services_support import database_url
from tests.qms.test_cache_redis import _free_port, _start_redis, _stop

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def redis_cache(tmp_path):
    port = _free_port()
    server = _start_redis(tmp_path / "redis", port)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        with override_settings(CACHES={"default": parse_cache_url(url)}):
            yield url
    finally:
        _stop(server)


def _in_another_process(code: str, cache_url: str, tmp_path) -> None:
    env = {
        **os.environ,
        "QMS_TESTING": "true",
        "DEBUG": "true",
        "DATABASE_URL": database_url(),
        "CACHE_URL": cache_url,
        "VAR_DIR": str(tmp_path / "other-var"),
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_a_policy_written_in_another_process_is_on_the_next_page(
    client, province, redis_cache, tmp_path
):
    url = province.url()
    client.get(url)
    assert client.get(url)["X-Public-Cache"] == "hit"

    _in_another_process(
        "from agencies.models import Agency;"
        f"a = Agency.objects.get(pk={province.agency.pk});"
        "a.quality_policy = 'Chính sách viết từ tiến trình khác.';"
        "a.save()",
        redis_cache,
        tmp_path,
    )

    response = client.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert "Chính sách viết từ tiến trình khác." in response.content.decode()


def test_a_supersession_in_another_process_is_on_the_next_province_page(
    client, province, redis_cache, tmp_path
):
    url = province.url("province")
    client.get(url)
    assert f'data-set="{province.in_force.pk}"' in client.get(url).content.decode()

    _in_another_process(
        "from objectives.models import ObjectiveSet;"
        f"s = ObjectiveSet.objects.get(pk={province.in_force.pk});"
        "s.status = 'superseded';"
        "s.save(update_fields=['status'])",
        redis_cache,
        tmp_path,
    )

    response = client.get(url)
    assert response["X-Public-Cache"] == "miss"
    assert f'data-set="{province.in_force.pk}"' not in response.content.decode()
