"""Addresses printed on documents that never change, and in reset links (issue 18): SITE_URL is
derived from `make run`'s HOST and PORT, issuing refuses a loopback SITE_URL outside development,
and password-reset links are built on SITE_URL, not on the request's Host."""

import datetime
import os
import re
import subprocess

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from post_office.models import Email

from documents import workflow
from documents.apps import site_url_check
from documents.models import Status
from qms_objectives.errors import WorkflowError
from tests.factories import ObjectiveSetFactory
from tests.objectives.views_support import client_for

PUBLIC = "https://qms.example.gov.vn"


@pytest.fixture
def production(settings):
    """Outside development: a loopback SITE_URL is not allowed."""
    settings.SITE_URL_LOOPBACK_ALLOWED = False
    return settings


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8101", "http://localhost:8000", "http://[::1]:8000", "http://0.0.0.0"]
)
def test_issuing_refuses_a_loopback_site_url_next_to_nothing_but_says_why(
    production, agency, people, fast_render, url
):
    production.SITE_URL = url
    approved = ObjectiveSetFactory(agency=agency, approved=True, with_objectives=1)
    today = datetime.date.today().strftime("%d/%m/%Y")

    response = client_for(people["records_officer"]).post(
        reverse("objectives:set_issue", args=[approved.pk]),
        {"number": "7", "symbol": "QĐ-VP", "issued_on": today},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "SITE_URL" in page and url in page
    approved.refresh_from_db()
    assert approved.status == Status.APPROVED and not approved.verification_code


def test_the_service_refuses_preparing_for_a_usb_token_too(production, agency, people):
    production.SITE_URL = "http://127.0.0.1:8000"
    approved = ObjectiveSetFactory(agency=agency, approved=True, with_objectives=1)
    with pytest.raises(WorkflowError) as refusal:
        workflow.document_prepare_external(
            document=approved,
            actor=people["records_officer"],
            number=7,
            symbol="QĐ-VP",
            issued_on=datetime.date.today(),
        )
    assert refusal.value.code == "site_url"


def test_a_public_site_url_issues(production, agency, people, fast_render):
    production.SITE_URL = PUBLIC
    approved = ObjectiveSetFactory(agency=agency, approved=True, with_objectives=1)

    document = workflow.document_issue(
        document=approved,
        actor=people["records_officer"],
        number=7,
        symbol="QĐ-VP",
        issued_on=datetime.date.today(),
    )

    assert document.status == Status.ISSUED


def test_a_system_check_warns_of_a_loopback_site_url(production):
    production.SITE_URL = "http://127.0.0.1:8000"
    assert [warning.id for warning in site_url_check(None)] == ["documents.W001"]
    production.SITE_URL = PUBLIC
    assert site_url_check(None) == []


def test_the_reset_link_uses_site_url_not_the_request_host(client, people, settings):
    settings.SITE_URL = PUBLIC

    client.post(reverse("password_reset"), {"email": "staff@example.gov.vn"}, HTTP_HOST="localhost")

    message = Email.objects.get().message
    assert re.search(r"https://qms\.example\.gov\.vn/accounts/reset/\S+", message), message
    assert "localhost" not in message


def test_make_run_derives_site_url_from_host_and_port():
    """`make run PORT=8101` serves on 8101, so the QR codes of what it issues say 8101. The venv
    step is skipped (-o) and PY prints the environment each command would get."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS", "MFLAGS")}
    result = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "run", "PORT=8101", "PY=printenv SITE_URL; true"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == {"http://127.0.0.1:8101"}
