"""The web UI in a real browser (Chromium), against the real app on loopback with the fake model."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.browser.conftest import shot, sign_in



def test_rep_asks_for_a_summary_and_sees_it_stream(page, live):
    sign_in(page, live, "a:rep")
    page.fill("#lead-q", "Fleet")
    page.keyboard.press("Enter")
    page.click("#lead-list button.lead")
    page.click("#btn-summary")
    done = page.wait_for_selector("#messages li.theirs:not(.streaming) .summary")
    # The panel read the answer as server-sent `delta` events, appending each as it arrived
    # (then replaced the text by the structured summary of the final `done` event).
    deltas = int(page.get_attribute("#messages li.theirs", "data-deltas"))
    assert deltas > 10, f"expected a streamed answer, got {deltas} delta event(s)"
    text = done.inner_text()
    assert "Layla Haddad" in text and "Needs" in text  # restored names, not placeholders
    assert "<PERSON" not in text
    assert page.locator("#messages .summary a.cite").count() >= 1  # a cited activity
    page.click("#messages li.theirs details.receipt summary")
    assert re.search(r"rcpt_[A-Za-z0-9_-]+", page.inner_text("#messages li.theirs details.receipt"))
    # The rep reads their own receipt: provider, region and the no-training flag.
    facts = page.wait_for_selector("#messages li.theirs details.receipt dl.facts")
    assert "eu" in facts.inner_text() and "no-training" in facts.inner_text()
    # A draft with copy buttons.
    page.click("#btn-draft")
    page.wait_for_selector("#messages li.draft .draft-body")
    assert page.locator("#messages li.draft button.copy").count() == 2
    shot(page, "chat-summary-en")
    assert not page.csp_violations, page.csp_violations


def test_manager_asks_analytics_and_sees_table_and_chart(page, live):
    sign_in(page, live, "a:manager", "analytics")
    page.fill("#ask-q", "pipeline value by stage")
    page.click("#ask-form button[type=submit]")
    page.wait_for_selector("#ask-chart[data-rendered='1'] svg")
    assert page.locator("#ask-table tbody tr").count() >= 1
    headers = page.locator("#ask-table thead th").all_inner_texts()
    assert "pipeline value" in headers
    assert page.locator("#ask-chart svg .mark-rect path, #ask-chart svg .mark-rect rect").count() >= 1
    page.click("#ask-plan summary")
    assert "What I computed" in page.inner_text("#ask-plan-text")
    shot(page, "analytics-en")
    assert not page.csp_violations, page.csp_violations


def test_admin_turns_drafting_off_and_the_reps_next_draft_is_refused(page, live, browser):
    sign_in(page, live, "a:admin", "admin")
    page.wait_for_selector("#scope-version:not(:empty)")  # the document has loaded
    page.select_option("#scope-role", "sales_rep")
    assert page.is_checked("#cap-message_draft")
    page.uncheck("#cap-message_draft")
    page.click("#scope-save")
    page.wait_for_selector("#scope-out .ok")
    page.wait_for_selector("#scope-history li")
    page.click("#scope-history li:first-child summary")
    assert "message_draft" in page.inner_text("#scope-history li:first-child")
    page.click("#au-verify")
    page.wait_for_selector("#au-verify-out span")
    shot(page, "admin-scope-saved")

    rep_context = browser.new_context(base_url=live.base_url, viewport={"width": 1280, "height": 860})
    rep = rep_context.new_page()
    try:
        sign_in(rep, live, "a:rep")
        rep.fill("#lead-q", "Fleet")
        rep.keyboard.press("Enter")
        rep.click("#lead-list button.lead")
        rep.click("#btn-draft")
        refused = rep.wait_for_selector("#messages li.refused .reason")
        text = refused.inner_text()
        assert "Refused" in text and "forbidden" in text.lower(), text
        shot(rep, "rep-draft-refused")
    finally:
        rep_context.close()


def test_arabic_ui_is_right_to_left(page, live):
    sign_in(page, live, "a:rep")
    page.select_option("#lang", "ar")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    assert page.inner_text("#tab-chat") == "المحادثة"
    # Logical CSS: in RTL the lead list sits on the right of the conversation.
    leads = page.locator("aside.leads").bounding_box()
    conv = page.locator(".conversation").bounding_box()
    assert leads["x"] > conv["x"]
    page.fill("#lead-q", "Layla")
    page.keyboard.press("Enter")
    page.click("#lead-list button.lead >> nth=0")
    page.fill("#chat-input", "ما هو الخصم الذي طلبته Layla Haddad؟")
    page.keyboard.press("Enter")
    page.wait_for_selector("#messages li.theirs:not(.streaming) details.receipt")
    # Mixed Arabic/English user content is isolated (bdi / dir=auto).
    assert page.locator("#messages li.mine bdi[dir=auto]").count() == 1
    shot(page, "chat-ar-rtl")
    assert not page.csp_violations, page.csp_violations


def test_keyboard_navigation_and_every_control_is_labelled(page, live):
    sign_in(page, live, "a:admin")
    for view in ("chat", "analytics", "admin"):
        page.click(f"#tab-{view}")
        unnamed = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea, button')]
            .filter(e => e.offsetParent !== null || e.closest('details'))
            .filter(e => {
                const byLabel = e.labels && [...e.labels].some(l => l.textContent.trim());
                const aria = (e.getAttribute('aria-label') || '').trim();
                const text = e.tagName === 'BUTTON' && e.textContent.trim();
                return !(byLabel || aria || text);
            }).map(e => e.outerHTML.slice(0, 120))""")
        assert unnamed == [], f"{view}: controls without an accessible name: {unnamed}"
    # Tabs: arrow keys move between sections, focus follows.
    page.focus("#tab-chat")
    page.click("#tab-chat")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "tab-analytics"
    assert page.is_visible("#view-analytics")
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.id") == "tab-admin"
    # The analytics form works from the keyboard alone.
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    seen = []
    for _ in range(10):  # the header's controls come first, then the visible section's form
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.id"))
        if seen[-1] == "ask-q":
            break
    assert seen[-1] == "ask-q", f"Tab order never reached the question box: {seen}"
    page.keyboard.type("pipeline value by stage")
    page.keyboard.press("Enter")
    page.wait_for_selector("#ask-table tbody tr")
    shot(page, "keyboard-analytics")


def test_pages_carry_a_strict_csp_and_dev_login_is_off_in_production(live):
    r = httpx.get(live.base_url + "/ui/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'self'" in csp and "unsafe" not in csp
    assert httpx.get(live.base_url + "/ui/static/../services.py").status_code == 404
    assert httpx.get(live.base_url + "/ui/static/vendor/vega/LICENSE").status_code == 200
    live.services.settings.__dict__["environment"] = "production"  # the check reads it per request
    try:
        assert httpx.get(live.base_url + "/v1/dev/users").status_code == 404
        assert httpx.post(live.base_url + "/v1/dev/login", json={"user_id": 1}).status_code == 404
    finally:
        live.services.settings.__dict__["environment"] = "test"


@contextmanager
def crm_server(live, token: str):
    """A CRM page on another loopback origin (its own port) embedding the panel and handing the
    token in by postMessage. Served for real: Chromium blocks a page of unknown address space
    (e.g. one faked with page.route) from framing a loopback one (local network access)."""
    html = f"""<!doctype html><html><body><h1>CRM</h1>
      <iframe id="lua" src="{live.base_url}/ui/#chat" width="1100" height="700" title="Assistant"></iframe>
      <script>
        const frame = document.getElementById('lua');
        window.addEventListener('message', (e) => {{
          if (e.origin === '{live.base_url}' && e.data && e.data.type === 'lua:ready')
            frame.contentWindow.postMessage({{type: 'lua:token', token: '{token}'}}, '{live.base_url}');
        }});
      </script></body></html>""".encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _rep_token(live) -> str:
    r = httpx.post(live.base_url + "/v1/dev/login", json={"user_id": live.crm.users["a:rep"]})
    return r.json()["token"]


def test_panel_embedded_in_an_allowed_crm_page_gets_its_token_by_postmessage(page, live):
    with crm_server(live, _rep_token(live)) as crm:
        object.__setattr__(live.services.settings, "frame_ancestors", f"'self' {crm}")
        page.goto(crm + "/leads")
        _check_embedded(page)


def _check_embedded(page):
    frame = page.frame_locator("#lua")
    frame.locator("#who bdi").wait_for()
    frame.locator("#lead-q").fill("Fleet")
    frame.locator("#lead-search button").click()
    frame.locator("#lead-list button.lead").first.wait_for()
    assert frame.locator("#lead-list button.lead").count() == 1
    shot(page, "embedded-in-crm")


def test_panel_refuses_to_be_framed_by_an_unlisted_origin(page, live):
    with crm_server(live, _rep_token(live)) as crm:  # frame_ancestors is the default 'self'
        page.goto(crm + "/leads")
        page.wait_for_timeout(1500)
        assert page.frame_locator("#lua").locator("body[data-ready='1']").count() == 0


def test_token_in_the_fragment_signs_in_and_leaves_the_address_bar(page, live):
    page.goto(f"/ui/#token={_rep_token(live)}")
    page.wait_for_selector("#who bdi")
    assert "token=" not in page.url
    assert page.is_hidden("#tab-admin")  # a rep sees the chat only
