"""Signing with the agency certificate configured by the operator (SIGNING_CONFIG_FILE)."""

import datetime
import json
from pathlib import Path

import pytest
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation.status import SignatureCoverageLevel

from documents.signing import SIGNATURE_FIELD, SigningError, sign_if_configured, signing_configured
from objectives.printing.render import render_set
from tests import pki
from tests.factories import ObjectiveFactory, ObjectiveSetFactory, the_agency


@pytest.fixture(scope="module")
def pdf(built_once) -> bytes:
    """A set of an agency like `agency`, rendered once for the module: the tests sign it."""

    def build():
        objective_set = ObjectiveSetFactory(agency=the_agency(), year=2024)
        ObjectiveFactory(objective_set=objective_set)
        return render_set(objective_set, final=True)

    return built_once(build)


def test_it_returns_the_pdf_unchanged_when_nothing_is_configured(settings, agency, pdf):
    settings.SIGNING_CONFIG_FILE = ""

    assert sign_if_configured(agency, pdf) == (pdf, False)
    assert not signing_configured(agency)


def test_it_signs_pades_invisible_and_validates_against_the_ca(agency, pdf, ca, signing_on):
    signed, was_signed = sign_if_configured(agency, pdf)

    assert was_signed and signing_configured(agency)
    assert signed.startswith(pdf), "an incremental update keeps the rendered bytes"
    status = pki.validate(signed, ca)
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line
    assert status.md_algorithm == "sha256"
    embedded = status.signing_cert.subject.human_friendly
    assert "Văn phòng UBND tỉnh Đồng Nai" in embedded


def test_it_uses_a_pades_subfilter_and_an_invisible_field(agency, pdf, signing_on):
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader

    signed, _ = sign_if_configured(agency, pdf)

    signature = PdfFileReader(BytesIO(signed)).embedded_signatures[0]
    assert signature.field_name == SIGNATURE_FIELD
    assert signature.sig_object["/SubFilter"] == SigSeedSubFilter.PADES.value
    widget = signature.sig_field
    rect = [float(x) for x in widget.get("/Rect", [0, 0, 0, 0])]
    assert rect[2] - rect[0] == 0 and rect[3] - rect[1] == 0


def test_it_finds_the_agency_by_id_too(settings, tmp_path, agency, pdf, ca, agency_cert):
    pki.write_signing_config(settings, tmp_path, str(agency.pk), agency_cert, ca)

    assert sign_if_configured(agency, pdf)[1] is True


def test_it_leaves_other_agencies_unsigned(outsider_agency, pdf, signing_on):
    assert sign_if_configured(outsider_agency, pdf) == (pdf, False)


def _refusal(agency, pdf) -> SigningError:
    with pytest.raises(SigningError) as caught:
        sign_if_configured(agency, pdf)
    return caught.value


def test_it_refuses_an_expired_certificate(settings, tmp_path, agency, pdf, ca):
    old = pki.make_certificate(
        ca, valid_from=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), valid_days=30
    )
    pki.write_signing_config(settings, tmp_path, agency.short_name, old, ca)

    assert _refusal(agency, pdf).code == "expired"


def test_it_refuses_a_certificate_without_signing_usage(settings, tmp_path, agency, pdf, ca):
    encipher = pki.make_certificate(ca, usage=pki.ENCIPHERMENT_ONLY)
    pki.write_signing_config(settings, tmp_path, agency.short_name, encipher, ca)

    assert _refusal(agency, pdf).code == "key_usage"


def test_it_refuses_a_wrong_password(agency, pdf, signing_on):
    entry = json.loads(signing_on.read_text())[agency.short_name]
    with open(entry["password_file"], "w") as secret:
        secret.write("sai-mat-khau")

    error = _refusal(agency, pdf)

    assert error.code == "wrong_password"
    assert "mật khẩu" in error.message


def test_it_refuses_a_missing_pkcs12_file(agency, pdf, signing_on):
    entry = json.loads(signing_on.read_text())[agency.short_name]
    Path(entry["pkcs12"]).unlink()

    assert _refusal(agency, pdf).code == "pkcs12_missing"


def test_it_refuses_when_the_configuration_file_is_missing(settings, tmp_path, agency, pdf):
    settings.SIGNING_CONFIG_FILE = str(tmp_path / "nowhere.json")

    assert _refusal(agency, pdf).code == "config_unreadable"
    assert not signing_configured(agency)
