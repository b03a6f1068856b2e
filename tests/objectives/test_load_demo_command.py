"""`manage.py load_demo` from an empty database: what it prints, its refusal without DEBUG, and
a load with the real renderer. (What the demo holds: test_load_demo.py.)"""

import hashlib
import io
import unicodedata

import pdfplumber
import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency
from objectives.demo.loader import DEMO_PASSWORD, demo_load
from tests.objectives.demo_support import BA_RIA, DONG_NAI, QUANG_NAM
from tests.objectives.demo_support import issued as _issued


def test_the_command_prints_the_logins(db, tiny_pdf, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    assert f"password for every login: {DEMO_PASSWORD}" in printed
    for username in ("dongnai.iso", "dongnai.head", "bariavungtau.deputy", "quangnam.admin"):
        assert username in printed
    assert "Nguyễn Kim Long" in printed and "Trần Thúy Ái" in printed


def test_the_command_refuses_without_debug_unless_forced(db, tiny_pdf, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO())
    assert not Agency.objects.exists()
    call_command("load_demo", "--force", stdout=io.StringIO())
    assert Agency.objects.count() == 4  # and the Sở KH&CN over them (issue 20)


def test_it_issues_with_the_real_renderer(db):
    demo_load()
    for short_name in (DONG_NAI, BA_RIA, QUANG_NAM):
        document = _issued(short_name)
        with document.issued_file.open("rb") as stored:
            pdf = stored.read()
        assert pdf.startswith(b"%PDF-")
        assert hashlib.sha256(pdf).hexdigest() == document.issued_sha256
        with pdfplumber.open(io.BytesIO(pdf)) as parsed:
            text = "".join(page.extract_text() or "" for page in parsed.pages)
        assert "mục tiêu chất lượng" in unicodedata.normalize("NFC", text).lower()
