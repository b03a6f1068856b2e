"""The security baseline: the Content Security Policy on every page the URL matrix opens, no
inline script or style in them, login throttling (django-axes), sessions that end, secure
cookies in production. `check --deploy` is proven clean in tests/qms/test_settings.py
(test_deploy_check_is_clean_with_production_values)."""

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.security.conftest import client_as
from tests.security.url_table import ROLES, TABLE

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo-Password-1"  # tests/factories.UserFactory

# A <script> element without src, a <style> element, a style="" attribute, an on…="" handler.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _page_rows():
    """(row, a role the table says gets 200) for every row that opens a page for someone."""
    pairs = []
    for row in TABLE:
        role = next((r for r in ROLES if row.expected[r] == 200), None)
        if role is not None:
            pairs.append(pytest.param(row, role, id=row.id))
    return pairs


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.parametrize(("row", "role"), _page_rows())
def test_every_page_carries_the_policy_and_nothing_inline(db, world, fast_documents, row, role):
    url = reverse(row.name, kwargs=row.kwargs(world))
    response = client_as(world, role).get(url, row.query)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy.get(name, policy["default-src"]), name
        assert "'unsafe-eval'" not in policy.get(name, policy["default-src"]), name
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html).group(0)
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html).group(0)


# --- login throttling ---------------------------------------------------------------------------


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_locks_after_five_failures_even_with_the_right_password(db, settings):
    settings.AXES_ENABLED = True
    assert settings.AXES_FAILURE_LIMIT == 5
    UserFactory(username="can.bo.iso")
    client = Client()
    for attempt in range(1, 5):
        response = _login(client, "can.bo.iso", f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
    fifth = _login(client, "can.bo.iso", "wrong-5")
    assert fifth.status_code == 429
    locked = _login(client, "can.bo.iso", PASSWORD)
    assert locked.status_code == 429
    assert "bị khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Locked for this name from this address only: the same person elsewhere still logs in.
    elsewhere = Client(REMOTE_ADDR="10.20.30.40")
    assert _login(elsewhere, "can.bo.iso", PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(db, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="van.thu")
    client = Client()
    for _ in range(4):
        _login(client, "van.thu", "wrong")
    assert _login(client, "van.thu", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "van.thu", "wrong").status_code == 200


# --- sessions -----------------------------------------------------------------------------------


def test_a_session_ends_with_the_browser_and_after_a_working_day(db, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    UserFactory(username="truong.phong")
    client = Client()
    response = _login(client, "truong.phong", PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"]
    stored = Session.objects.get(session_key=cookie.value)
    lifetime = stored.expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < lifetime <= timedelta(hours=8)


def test_an_expired_session_is_sent_to_the_login_page(db):
    UserFactory(username="pho.giam.doc")
    client = Client()
    _login(client, "pho.giam.doc", PASSWORD)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --- production settings ------------------------------------------------------------------------

PRODUCTION_FLAGS = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "SESSION_COOKIE_AGE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "DEBUG",
)


def _production_settings(**extra) -> dict:
    leaking = ("DEBUG", "DATABASE_URL", "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE")
    env = {k: v for k, v in os.environ.items() if k not in leaking}
    env.update(
        SECRET_KEY="a-very-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="qms.example.gov.vn",
        SITE_URL="https://qms.example.gov.vn",
        DEBUG="false",
        QMS_TESTING="false",
        **extra,
    )
    script = (
        "import json, qms_objectives.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {PRODUCTION_FLAGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_and_sessions_short():
    values = _production_settings()
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["SECURE_SSL_REDIRECT"] and values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True


def test_the_session_lifetime_is_set_from_the_environment():
    values = _production_settings(SESSION_COOKIE_AGE="3600", SESSION_EXPIRE_AT_BROWSER_CLOSE="no")
    assert values["SESSION_COOKIE_AGE"] == 3600
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is False
