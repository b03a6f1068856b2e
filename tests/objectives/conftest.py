"""Fixtures of the objectives tests."""

import pytest

from tests.objectives.demo_support import TINY_PDF


@pytest.fixture
def tiny_pdf(monkeypatch):
    """The demo's documents issued with a stand-in for the renderer."""
    monkeypatch.setattr(
        "documents.render.render_document",
        lambda document, *, final: TINY_PDF,
    )
