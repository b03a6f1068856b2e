"""Signing issued PDFs with the agency's certificate: PAdES baseline, incremental update,
invisible signature field (the visible signing block is drawn by the document itself, since
pyHanko's stamp font cannot print Vietnamese).

The operator configures certificates outside the database, in the JSON file named by
settings.SIGNING_CONFIG_FILE:

    {"<agency short name or id>": {"pkcs12": "/path/agency.p12", "password_file": "/path/secret",
                                   "tsa_url": "http://tsa.example.vn/tsa"}}

With "tsa_url" each signature carries an RFC 3161 timestamp from that time-stamping authority
(PAdES B-T): proof of when it was signed that does not rest on this server's clock. Without a
timestamp issuing fails, as with any signing failure.

Nothing here is ever uploaded through the web. `manage.py check_signing` says what is wrong.
"""

import asyncio
import json
import logging
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import aiohttp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError

from qms_objectives.errors import WorkflowError

logger = logging.getLogger(__name__)

SIGNATURE_FIELD = "AgencySignature"


class SigningError(WorkflowError):
    """A configured signer that cannot sign. Issuing aborts with this message."""


@dataclass(frozen=True)
class SigningSetup:
    key: str
    pkcs12_path: Path
    password_file: Path | None
    tsa_url: str = ""


@dataclass(frozen=True)
class LoadedSigner:
    signer: signers.SimpleSigner
    certificate: x509.Certificate
    chain: list[x509.Certificate]


def signing_config() -> dict:
    path = settings.SIGNING_CONFIG_FILE
    if not path:
        return {}
    try:
        config = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        logger.error("SIGNING_CONFIG_FILE %s cannot be read: %s", path, exc)
        raise SigningError(
            _("Không đọc được tệp cấu hình chữ ký số của hệ thống. Liên hệ quản trị hệ thống."),
            code="config_unreadable",
        ) from exc
    if not isinstance(config, dict):
        raise SigningError(
            _("Tệp cấu hình chữ ký số không đúng định dạng. Liên hệ quản trị hệ thống."),
            code="config_unreadable",
        )
    return config


def setup_from_entry(key: str, entry) -> SigningSetup:
    if not isinstance(entry, dict) or not entry.get("pkcs12"):
        raise SigningError(
            _("Cấu hình chữ ký số của cơ quan thiếu đường dẫn tệp PKCS#12."),
            code="config_unreadable",
        )
    password_file = entry.get("password_file")
    tsa_url = entry.get("tsa_url") or ""
    if tsa_url and not (isinstance(tsa_url, str) and tsa_url.startswith(("http://", "https://"))):
        raise SigningError(
            _(
                "Địa chỉ máy chủ cấp dấu thời gian (tsa_url) phải bắt đầu bằng http:// hoặc https://."
            ),
            code="config_unreadable",
        )
    return SigningSetup(
        key=key,
        pkcs12_path=Path(entry["pkcs12"]),
        password_file=Path(password_file) if password_file else None,
        tsa_url=tsa_url,
    )


def signing_setup_for(agency) -> SigningSetup | None:
    """The agency's configured certificate files, or None when the agency has none."""
    config = signing_config()
    for key in (agency.short_name, str(agency.pk)):
        if key in config:
            return setup_from_entry(key, config[key])
    return None


def signing_configured(agency) -> bool:
    """Whether issuing will sign this agency's documents (never raises: for pages)."""
    try:
        return signing_setup_for(agency) is not None
    except SigningError:
        return False


def _read_password(setup: SigningSetup) -> bytes | None:
    if setup.password_file is None:
        return None
    try:
        return setup.password_file.read_bytes().rstrip(b"\r\n")
    except OSError as exc:
        raise SigningError(
            _("Không đọc được tệp mật khẩu của chứng thư số."), code="password_missing"
        ) from exc


def load_signer(setup: SigningSetup) -> LoadedSigner:
    """Open the PKCS#12 file; raise SigningError naming what is wrong."""
    try:
        data = setup.pkcs12_path.read_bytes()
    except OSError as exc:
        raise SigningError(
            _("Không tìm thấy tệp chứng thư số (PKCS#12) đã cấu hình."), code="pkcs12_missing"
        ) from exc
    password = _read_password(setup)
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password)
    except ValueError as exc:
        raise SigningError(
            _("Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp bị hỏng."),
            code="wrong_password",
        ) from exc
    if key is None or certificate is None:
        raise SigningError(
            _("Tệp chứng thư số không chứa khóa bí mật và chứng thư của cơ quan."),
            code="pkcs12_incomplete",
        )
    signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=password)
    return LoadedSigner(signer=signer, certificate=certificate, chain=list(chain))


def certificate_problem(certificate: x509.Certificate, *, at=None) -> SigningError | None:
    """Why this certificate must not sign now, or None."""
    at = at or timezone.now()
    if at < certificate.not_valid_before_utc:
        return SigningError(_("Chứng thư số chưa đến thời hạn hiệu lực."), code="not_yet_valid")
    if at > certificate.not_valid_after_utc:
        return SigningError(_("Chứng thư số đã hết hạn."), code="expired")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None  # no restriction on usage
    if not (usage.digital_signature or usage.content_commitment):
        return SigningError(
            _(
                "Chứng thư số không được phép dùng để ký "
                "(thiếu mục đích digitalSignature hoặc nonRepudiation)."
            ),
            code="key_usage",
        )
    return None


def describe_name(name: x509.Name) -> str:
    return name.rfc4514_string()


# Seconds to wait for the time-stamping authority, while the issuing request waits too.
TSA_TIMEOUT = 10


@asynccontextmanager
async def tsa_client(url: str) -> AsyncIterator[HTTPTimeStamper]:
    """pyHanko's RFC 3161 client (aiohttp) on a session of our own, for one signature or check.
    Its default session trusts certifi's bundle only; ours trusts the system's CA store, where an
    operator installs the CA of a TSA served over https (a national root, say)."""
    connector = aiohttp.TCPConnector(ssl=ssl.create_default_context())
    async with aiohttp.ClientSession(connector=connector) as session:
        yield HTTPTimeStamper(url, timeout=TSA_TIMEOUT, session=session)


def tsa_check(url: str) -> None:
    """Ask the time-stamping authority for one timestamp; TimestampRequestError if it fails."""

    async def ask() -> None:
        async with tsa_client(url) as stamper:
            await stamper.async_dummy_response("sha256")

    asyncio.run(ask())


async def _signed(metadata, signer, writer, tsa_url: str) -> BytesIO:
    if not tsa_url:
        return await signers.PdfSigner(metadata, signer).async_sign_pdf(writer)
    async with tsa_client(tsa_url) as stamper:
        pdf_signer = signers.PdfSigner(metadata, signer, timestamper=stamper)
        return await pdf_signer.async_sign_pdf(writer)


def sign_pdf(
    agency,
    pdf: bytes,
    loaded: LoadedSigner,
    *,
    tsa_url: str = "",
    field_name: str = SIGNATURE_FIELD,
    reason: str = "",
) -> bytes:
    """Sign `pdf` in an incremental update (any signature already in it stays valid): a
    document both sides sign (an inspection's minutes) takes a second one under another
    `field_name`."""
    with translation.override("vi"):
        metadata = signers.PdfSignatureMetadata(
            field_name=field_name,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            reason=reason or _("Ban hành văn bản"),
            location=agency.place_name or None,
        )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    try:
        output = asyncio.run(_signed(metadata, loaded.signer, writer, tsa_url))
    except TimestampRequestError as exc:
        logger.exception("Timestamping a signature for agency %s failed (%s)", agency.pk, tsa_url)
        raise SigningError(
            _(
                "Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian (TSA) đã cấu hình; "
                "văn bản chưa được ban hành. Thử lại sau hoặc liên hệ quản trị hệ thống."
            ),
            code="tsa_failed",
        ) from exc
    except Exception as exc:  # pyHanko raises many kinds; all mean "not signed"
        logger.exception("Signing a PDF for agency %s failed", agency.pk)
        raise SigningError(_("Ký số văn bản không thành công."), code="sign_failed") from exc
    return output.getvalue()


def sign_if_configured(agency, pdf: bytes, **options) -> tuple[bytes, bool]:
    """Return (pdf bytes, whether they were signed). Raises SigningError on a configured but
    failing signer, so the issue transaction aborts and nothing is issued. `options`
    (field_name, reason) go to sign_pdf."""
    setup = signing_setup_for(agency)
    if setup is None:
        return pdf, False
    loaded = load_signer(setup)
    problem = certificate_problem(loaded.certificate)
    if problem is not None:
        raise problem
    return sign_pdf(agency, pdf, loaded, tsa_url=setup.tsa_url, **options), True


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


def configured_certificates() -> tuple[list, list]:
    """(trust roots, other certificates) from every configured PKCS#12 file, as asn1crypto
    certificates: the verification page trusts the CAs the operator installed. Kept per process
    until the configuration file changes (restart after replacing only a PKCS#12 file)."""
    path = settings.SIGNING_CONFIG_FILE
    try:
        stamp = (path, Path(path).stat().st_mtime_ns) if path else None
    except OSError:
        stamp = None
    if stamp is not None and stamp in _certificates_cache:
        return _certificates_cache[stamp]
    roots, others = _certificates_read()
    if stamp is not None:
        _certificates_cache.clear()
        _certificates_cache[stamp] = (roots, others)
    return roots, others


_certificates_cache: dict = {}


def _certificates_read() -> tuple[list, list]:
    roots, others = [], []
    try:
        config = signing_config()
    except SigningError:
        return roots, others
    for key, entry in config.items():
        try:
            loaded = load_signer(setup_from_entry(key, entry))
        except SigningError:
            continue
        for cert in [loaded.certificate, *loaded.chain]:
            target = roots if cert.issuer == cert.subject else others
            target.append(_asn1(cert))
    return roots, others
