"""The dossier import in Chromium (issue 23): an ISO officer uploads a synthetic export (with
its fake citizens' columns), confirms the suggested columns on the mapping page, sees the import
done with its counts and SHA-256, then uploads a file with bad rows and sees them located. No
console error (CSP), nothing wider than a phone. Screenshots at 1280 and 375 px go to
/tmp/dossier-import/ (looked at, never committed)."""

from pathlib import Path

import pytest

from dossiers import synthetic
from dossiers.models import Dossier, DossierImport
from tests.browser.conftest import DESKTOP, PHONE
from tests.dossiers.import_support import csv_bytes, dossier_row

SHOTS = Path("/tmp/dossier-import")

pytestmark = pytest.mark.browser


def _shoot(pages, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = pages.page
    for size, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(size)
        page.wait_for_timeout(50)
        page.screenshot(path=str(SHOTS / f"{name}-{suffix}.png"), full_page=True)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            pages.overflowing.append(f"{name}-{suffix}")
    page.set_viewport_size(DESKTOP)


def test_an_iso_officer_imports_an_export_confirming_the_columns_once(
    agency, people, browser, tmp_path
):
    export = tmp_path / "ho-so-mot-cua-2025.csv"
    export.write_bytes(synthetic.csv_bytes(300, spelling="accented"))
    bad = tmp_path / "ho-so-loi.csv"
    from tests.dossiers.import_support import NATIONAL  # the national names this time

    rows = [
        dossier_row("D01", "02/01/2025 08:00", "10/01/2025 17:00", "09/01/2025 10:00"),
        dossier_row("D02", "31/02/2025 08:00"),
        dossier_row("D01", "03/01/2025 08:00", status="11"),
    ]
    bad.write_bytes(csv_bytes(rows, NATIONAL))
    import_url = f"/dossiers/{agency.pk}/nhap/"
    with browser() as pages:
        page = pages.page
        pages.login("iso_officer")
        pages.goto(import_url)
        _shoot(pages, "import-empty")
        page.set_input_files("input[name=file]", str(export))
        page.click("[data-testid=upload-form] button[type=submit]")
        page.wait_for_selector("[data-testid=confirm-mapping]")
        page.click("[data-testid=confirm-mapping]")
        page.wait_for_selector("[data-testid=mapping-form]")
        _shoot(pages, "mapping")
        assert page.input_value("select[name=code]") == "Mã hồ sơ"
        assert page.input_value("select[name=received_at]") == "Ngày tiếp nhận"
        assert "Họ tên người nộp" in page.inner_text("[data-testid=personal-columns]")
        page.click("[data-testid=mapping-form] button[type=submit]")
        page.wait_for_selector("[data-testid=sha256]")
        page.wait_for_selector("text=Đã nhập 300 hồ sơ")
        _shoot(pages, "import-done")
        pages.goto(import_url)
        page.set_input_files("input[name=file]", str(bad))
        page.click("[data-testid=upload-form] button[type=submit]")
        page.wait_for_selector("[data-testid=status]")
        if "mapping" in page.inner_text("[data-testid=status]").lower() or page.query_selector(
            "[data-testid=confirm-mapping]"
        ):
            page.click("[data-testid=confirm-mapping]")
            page.wait_for_selector("[data-testid=mapping-form]")
            page.click("[data-testid=mapping-form] button[type=submit]")
        page.wait_for_selector("[data-testid=problems]")
        _shoot(pages, "import-rejected")
        problems = page.inner_text("[data-testid=problems]")
        pages.goto(import_url)
        _shoot(pages, "import-list")
        assert not pages.console_errors, pages.console_errors
        assert not pages.overflowing, pages.overflowing
    assert "31/02/2025 08:00" in problems and "trùng với dòng 2" in problems
    assert Dossier.objects.filter(agency=agency).count() == 300
    statuses = list(DossierImport.objects.values_list("status", flat=True))
    assert sorted(statuses) == ["done", "rejected"]
