"""`manage.py check_signing` says what is wrong with each configured certificate."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests import pki


def _run(*args) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("check_signing", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_it_prints_subject_and_validity_when_fine(agency, signing_on):
    out, err, error = _run("--agency", agency.short_name)

    assert error is None and not err
    assert "✓ VP-DN (Văn phòng UBND tỉnh Đồng Nai)" in out
    assert "CN=Văn phòng UBND tỉnh Đồng Nai" in out
    assert "QMS Test Root CA" in out and "hiệu lực từ" in out


def test_it_checks_every_configured_agency_by_default(agency, signing_on):
    out, _err, error = _run()

    assert error is None and "✓ VP-DN" in out


def test_it_says_when_nothing_is_configured(settings, db):
    settings.SIGNING_CONFIG_FILE = ""

    assert "SIGNING_CONFIG_FILE" in str(_run()[2])


def test_it_says_when_the_configuration_file_is_missing(settings, tmp_path, db):
    settings.SIGNING_CONFIG_FILE = str(tmp_path / "missing.json")

    assert "Không đọc được tệp cấu hình" in str(_run()[2])


def test_it_says_when_the_agency_is_not_configured(outsider_agency, signing_on):
    _out, err, error = _run("--agency", outsider_agency.short_name)

    assert error is not None
    assert "chưa được cấu hình chứng thư số" in err


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        ("missing_file", "Không tìm thấy tệp chứng thư số"),
        ("wrong_password", "sai mật khẩu"),
        ("missing_password_file", "Không đọc được tệp mật khẩu"),
    ],
)
def test_it_names_a_broken_file(agency, signing_on, breakage, expected):
    entry = json.loads(signing_on.read_text())[agency.short_name]
    if breakage == "missing_file":
        Path(entry["pkcs12"]).unlink()
    elif breakage == "wrong_password":
        Path(entry["password_file"]).write_text("sai-mat-khau")
    else:
        Path(entry["password_file"]).unlink()

    _out, err, error = _run("--agency", agency.short_name)

    assert error is not None and expected in err
    assert entry["pkcs12"] in err


@pytest.mark.parametrize(
    ("certificate_kwargs", "expected"),
    [
        (
            {"valid_from": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), "valid_days": 30},
            "đã hết hạn",
        ),
        (
            {"valid_from": datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=10)},
            "chưa đến thời hạn",
        ),
        ({"usage": pki.ENCIPHERMENT_ONLY}, "digitalSignature hoặc nonRepudiation"),
    ],
)
def test_it_names_an_unusable_certificate(
    settings, tmp_path, agency, ca, certificate_kwargs, expected
):
    certificate = pki.make_certificate(ca, **certificate_kwargs)
    pki.write_signing_config(settings, tmp_path, agency.short_name, certificate, ca)

    _out, err, error = _run("--agency", agency.short_name)

    assert error is not None and expected in err
