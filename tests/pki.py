"""A throwaway certificate authority for tests: a root CA, agency certificates, PKCS#12 files
and the SIGNING_CONFIG_FILE that points at them. Nothing here is fit for real use."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

PASSWORD = "mat-khau-thu-nghiem"
SIGNING_USAGE = {"digital_signature": True, "content_commitment": True}
ENCIPHERMENT_ONLY = {"key_encipherment": True}


@dataclass
class Issued:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "QMS Objectives Test"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(**flags) -> x509.KeyUsage:
    names = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    )
    return x509.KeyUsage(**{name: flags.get(name, False) for name in names})


def make_ca(common_name: str = "QMS Test Root CA") -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(common_name)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now() - datetime.timedelta(days=1))
        .not_valid_after(_now() + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Issued(key, cert)


def make_certificate(
    ca: Issued,
    common_name: str = "Văn phòng UBND tỉnh Đồng Nai",
    *,
    usage: dict | None = None,
    extended_usage: list | None = None,
    valid_from: datetime.datetime | None = None,
    valid_days: int = 365,
) -> Issued:
    """An end-entity certificate signed by `ca`; `usage` defaults to signing usages;
    `extended_usage` (OIDs) adds a critical extended key usage, as a TSA's certificate has."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = valid_from or _now() - datetime.timedelta(days=1)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(**(usage or SIGNING_USAGE)), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
    )
    if extended_usage:
        builder = builder.add_extension(x509.ExtendedKeyUsage(extended_usage), critical=True)
    return Issued(key, builder.sign(ca.key, hashes.SHA256()))


def write_pkcs12(path: Path, issued: Issued, ca: Issued, password: str = PASSWORD) -> Path:
    data = pkcs12.serialize_key_and_certificates(
        name=b"agency",
        key=issued.key,
        cert=issued.cert,
        cas=[ca.cert],
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode()),
    )
    path.write_bytes(data)
    return path


def write_signing_config(
    settings, tmp_path: Path, key: str, issued: Issued, ca: Issued, *, password: str = PASSWORD
) -> Path:
    """Write a PKCS#12, its password file and SIGNING_CONFIG_FILE; point settings at them."""
    folder = tmp_path / "signing"
    folder.mkdir(exist_ok=True)
    pkcs12_path = write_pkcs12(folder / f"{len(list(folder.iterdir()))}.p12", issued, ca, password)
    password_path = pkcs12_path.with_suffix(".password")
    password_path.write_text(password + "\n", encoding="utf-8")
    config_path = folder / "signing.json"
    config = json.loads(config_path.read_text()) if config_path.exists() else {}
    config[key] = {"pkcs12": str(pkcs12_path), "password_file": str(password_path)}
    config_path.write_text(json.dumps(config), encoding="utf-8")
    settings.SIGNING_CONFIG_FILE = str(config_path)
    return config_path


def validate(pdf: bytes, ca: Issued, index: int = 0):
    """pyHanko's status of the signature at `index`, trusting only `ca`."""
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(pdf))
    context = ValidationContext(trust_roots=[ca.asn1], allow_fetching=False)
    return validate_pdf_signature(reader.embedded_signatures[index], context)


# Signing and tampering as other software would, for the external signing and verify tests.


def _simple_signer(issued: Issued, ca: Issued):
    from pyhanko.sign import signers

    data = pkcs12.serialize_key_and_certificates(
        b"leader", issued.key, issued.cert, [ca.cert], serialization.NoEncryption()
    )
    return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=None)


def sign(pdf: bytes, issued: Issued, ca: Issued, *, field_name="LeaderSignature", writer=None):
    """Sign `pdf` (or the pending `writer`) with a visible signature, as a USB token tool does."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Approved by leader",
    )
    spec = fields.SigFieldSpec(field_name, box=(300, 100, 500, 160))
    writer = writer or IncrementalPdfFileWriter(BytesIO(pdf))
    signer = signers.PdfSigner(metadata, _simple_signer(issued, ca), new_field_spec=spec)
    return signer.sign_pdf(writer).getvalue()


def _content_changed(writer):
    from pyhanko.pdf_utils import generic

    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (VOID) Tj ET")
    )
    writer.update_container(page)
    return writer


def append_content_change(pdf: bytes) -> bytes:
    """An incremental update that replaces the first page's content."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    out = BytesIO()
    _content_changed(IncrementalPdfFileWriter(BytesIO(pdf))).write(out)
    return out.getvalue()


def sign_with_content_change(pdf: bytes, issued: Issued, ca: Issued) -> bytes:
    """Change the page content in the very revision that carries the signature."""
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = _content_changed(IncrementalPdfFileWriter(BytesIO(pdf)))
    return sign(pdf, issued, ca, writer=writer)


def flip(data: bytes, old: bytes, new: bytes, *, after: int = 0) -> bytes:
    """Replace the first `old` found from offset `after` with `new` (same length)."""
    assert len(old) == len(new)
    at = data.index(old, after)
    return data[:at] + new + data[at + len(old) :]


def issued_set(agency, people, *, year=2024, publish=True):
    """An objective set issued in the app (signed when signing is configured), published."""
    import datetime as dt

    from documents.models import Status
    from documents.workflow import document_issue, document_publish
    from tests.factories import ObjectiveFactory, ObjectiveSetFactory

    objective_set = ObjectiveSetFactory(
        agency=agency,
        year=year,
        status=Status.APPROVED,
        signer=people["head"],
        signer_name="Nguyễn Kim Long",
        signing_lines=["CHÁNH VĂN PHÒNG"],
    )
    ObjectiveFactory(objective_set=objective_set)
    document = document_issue(
        document=objective_set,
        actor=people["records_officer"],
        number=124,
        symbol="QĐ-VP",
        issued_on=dt.date(year, 1, 15),
    )
    if publish:
        document = document_publish(document=document, actor=people["iso_officer"])
    return document


def stored_bytes(document) -> bytes:
    with document.issued_file.open("rb") as stored:
        return stored.read()


def strip_signatures(data: bytes) -> bytes:
    """The file cut back to its first revision, as if the signatures were never added."""
    end = data.index(b"%%EOF") + len(b"%%EOF")
    return data[: end + 1] if data[end : end + 1] == b"\n" else data[:end]
