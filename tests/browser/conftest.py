"""Browser fixtures: Debian's Chromium via Playwright, the real app on loopback (tests/browser/server.py).

Chromium missing → the tests skip locally, but fail in CI (CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LUA_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright; never `playwright install`)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def _warm_redactor():
    """Load the NLP models once, before any page waits on an answer."""
    from guardrails.redaction import InMemoryVaultStore, Vault
    from tests.fixtures import shared_redactor

    vault = Vault(tenant_id=1, conversation_id="warm-up", store=InMemoryVaultStore(), key=b"k" * 32)
    for text in ("Called Layla Haddad on +966 50 123 4567.", "تواصلت مع ليلى حداد"):
        shared_redactor().redact(text, vault=vault)


@pytest.fixture
def live(tmp_path, _warm_redactor):
    from tests.browser.server import start_app

    app = start_app(tmp_path)
    yield app
    app.stop()


@pytest.fixture
def page(browser, live):
    context = browser.new_context(base_url=live.base_url, locale="en-GB", viewport={"width": 1280, "height": 860})
    context.set_default_timeout(30_000)  # 2 shared cores: be patient, not flaky
    pg = context.new_page()
    pg.csp_violations = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.csp_violations.append(m.text)
          if "Content Security Policy" in m.text else None)
    pg.on("pageerror", lambda e: pg.csp_violations.append(f"pageerror: {e}"))
    yield pg
    context.close()


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, live, who: str, view: str = "") -> None:
    """Open the UI and sign in as a tiny-CRM user ("a:rep", "a:manager", "a:admin") via the dev login."""
    page.goto("/ui/" + (f"#{view}" if view else ""))
    page.wait_for_selector("body[data-ready='1']")
    page.select_option("#dev-user", value=str(live.crm.users[who]))
    page.click("#dev-login button[type=submit]")
    page.wait_for_selector("#who bdi")
