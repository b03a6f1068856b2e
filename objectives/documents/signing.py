"""Placeholder (replaced by the signature issue): sign a PDF with the agency certificate."""


def sign_if_configured(agency, pdf: bytes) -> tuple[bytes, bool]:
    """Return (pdf bytes, whether they were signed). Raises on a configured but failing signer."""
    return pdf, False
