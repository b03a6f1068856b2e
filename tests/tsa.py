"""A time-stamping authority for tests: RFC 3161 over HTTP on 127.0.0.1, answering with
pyHanko's DummyTimeStamper under a certificate of the test CA (extended key usage
timeStamping, as a real TSA's). Nothing here is fit for real use."""

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import keys, tsp
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from tests.pki import Issued, make_certificate


def make_tsa_certificate(ca: Issued) -> Issued:
    return make_certificate(
        ca,
        "QMS Test TSA",
        usage={"digital_signature": True},
        extended_usage=[ExtendedKeyUsageOID.TIME_STAMPING],
    )


def _stamper(tsa: Issued) -> DummyTimeStamper:
    key_der = tsa.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return DummyTimeStamper(
        tsa_cert=tsa.asn1,
        tsa_key=keys.PrivateKeyInfo.load(key_der),
    )


@dataclass
class RunningTsa:
    url: str
    answered: list  # the time-stamp requests it answered

    def configure(self, config_path: Path, key: str) -> None:
        """Name this TSA in the signing configuration of agency `key`."""
        config = json.loads(config_path.read_text(encoding="utf-8"))
        config[key]["tsa_url"] = self.url
        config_path.write_text(json.dumps(config), encoding="utf-8")


@pytest.fixture
def tsa(ca):
    """A running test TSA on 127.0.0.1."""
    stamper = _stamper(make_tsa_certificate(ca))
    answered = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the name http.server calls
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = stamper.request_tsa_response(request).dump()
            answered.append(request)
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield RunningTsa(f"http://127.0.0.1:{server.server_address[1]}/tsa", answered)
    server.shutdown()
    server.server_close()
