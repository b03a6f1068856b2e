"""With a time-stamping authority configured, every signature carries its RFC 3161 timestamp
(PAdES B-T); when the TSA cannot answer, nothing is issued."""

import datetime
import socket
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from documents.models import DocumentNumber, Status
from documents.workflow import document_publish
from qms_objectives.errors import WorkflowError
from tests import pki
from tests import tsa as test_tsa
from tests.objectives import test_signing_issue
from tests.objectives.test_signing_issue import _issue
from tests.tsa import RunningTsa

approved_set, tsa = test_signing_issue.approved_set, test_tsa.tsa  # fixtures


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_issued_signature_carries_the_tsas_timestamp(
    client, agency, approved_set, people, ca, signing_on, tsa
):
    tsa.configure(signing_on, agency.short_name)
    before = timezone.now()

    _issue(approved_set, people)
    document_publish(document=approved_set, actor=people["iso_officer"])

    approved_set.refresh_from_db()
    assert approved_set.status == Status.PUBLISHED and approved_set.is_digitally_signed
    with approved_set.issued_file.open("rb") as stored:
        status = pki.validate(stored.read(), ca)
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    stamp = status.timestamp_validity
    assert stamp is not None and stamp.intact and stamp.valid and stamp.trusted
    assert before - datetime.timedelta(seconds=5) <= stamp.timestamp <= timezone.now()
    assert tsa.answered  # the stamp came from our TSA over HTTP
    page = client.get(reverse("documents:verify", args=[approved_set.verification_code]))
    assert 'data-testid="timestamped-at"' in page.content.decode()
    local = timezone.localtime(stamp.timestamp).strftime("%d/%m/%Y %H:%M")
    assert f"Thời điểm ký (theo dấu thời gian của TSA): {local}" in page.content.decode()


def test_without_a_tsa_the_verification_page_claims_no_timestamp(
    client, approved_set, people, signing_on
):
    _issue(approved_set, people)
    document_publish(document=approved_set, actor=people["iso_officer"])
    approved_set.refresh_from_db()
    html = client.get(
        reverse("documents:verify", args=[approved_set.verification_code])
    ).content.decode()
    assert "Thời điểm ký (theo người ký)" in html  # the signature is shown …
    assert 'data-testid="timestamped-at"' not in html  # … with no timestamp claimed


def test_nothing_is_issued_when_the_tsa_does_not_answer(agency, approved_set, people, signing_on):
    RunningTsa(f"http://127.0.0.1:{_closed_port()}/tsa", []).configure(
        signing_on, agency.short_name
    )

    with pytest.raises(WorkflowError) as caught:
        _issue(approved_set, people)

    assert caught.value.code == "tsa_failed"
    assert "dấu thời gian" in caught.value.message
    approved_set.refresh_from_db()
    assert approved_set.status == Status.APPROVED and approved_set.number is None
    assert not approved_set.issued_file and not DocumentNumber.objects.exists()


def test_check_signing_asks_the_tsa(agency, signing_on, tsa, capsys):
    tsa.configure(signing_on, agency.short_name)
    call_command("check_signing")
    assert f"máy chủ cấp dấu thời gian {tsa.url} trả lời được" in capsys.readouterr().out
    assert len(tsa.answered) == 1


def test_a_tsa_url_that_is_not_http_is_refused(agency, signing_on):
    RunningTsa("file:///etc/passwd", []).configure(signing_on, agency.short_name)
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("check_signing", stderr=errors)
    assert "tsa_url" in errors.getvalue() and "http://" in errors.getvalue()
