"""Shared fixtures of the browser tests: real headless Chromium (Debian's /usr/bin/chromium)
driven by Playwright's sync API against pytest-django's live server.

Keep ORM calls outside the `with browser() as pages:` blocks: inside them Playwright runs an
event loop in this thread and Django refuses synchronous queries there. The journey therefore
alternates: set up or check data with the ORM, then drive the browser, then check again.
DJANGO_ALLOW_ASYNC_UNSAFE is set so the live server's own teardown (flushing the database
while Playwright's loop may still be registered) is not refused.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
PASSWORD = "demo-Password-1"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(
            "Browser tests need Debian's chromium at /usr/bin/chromium (apt install chromium)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Browser tests need the playwright Python package")
    return CHROMIUM


class Pages:
    """One browser page plus what every journey needs: log in and out, screenshots at desktop
    and phone width (remembering pages that scroll sideways), console errors (CSP)."""

    def __init__(self, page, base_url: str, browser=None):
        self.page = page
        self.base_url = base_url
        self.browser = browser
        self.overflowing: list[str] = []
        self.console_errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("dialog", lambda dialog: dialog.accept())

    def _console(self, message):
        if message.type != "error":
            return
        # 400 (validation) and 409 (edit conflict) are answers the pages show, not failures.
        if any(f"status of {code}" in message.text for code in (400, 409)):
            return
        self.console_errors.append(message.text)

    def another_session(self) -> "Pages":
        """A second, independent session (own cookies) in the same browser: another person,
        or the same person in another tab with a page opened earlier."""
        context = self.browser.new_context(viewport=DESKTOP, locale="vi-VN")
        context.set_default_timeout(15_000)
        return type(self)(context.new_page(), self.base_url, self.browser)

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)

    def login(self, username: str, password: str = PASSWORD):
        self.goto("/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("[data-testid=login-submit]")
        self.page.wait_for_url(self.base_url + "/")

    def logout(self):
        self.page.click("[data-testid=user-menu]")
        self.page.click("text=Đăng xuất")
        self.page.wait_for_url("**/accounts/login/**")

    def shoot(self, name: str) -> None:
        """PNG screenshots at 1280 and 375 px; a page wider than the phone is remembered."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page = self.page
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(50)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        if wide:
            self.overflowing.append(name)
        page.set_viewport_size(DESKTOP)


@pytest.fixture
def browser(chromium, live_server):
    """`with browser() as pages:` — a fresh Chromium for one stretch of the journey."""
    from playwright.sync_api import sync_playwright

    @contextmanager
    def open_browser():
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = instance.new_context(viewport=DESKTOP, locale="vi-VN")
            context.set_default_timeout(15_000)
            try:
                yield Pages(context.new_page(), live_server.url, instance)
            finally:
                context.close()
                instance.close()

    return open_browser
