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
    # The receipt view in Arabic: Arabic labels, the redacted prompt isolated from the page direction.
    page.click("#messages li.theirs details.receipt summary")
    page.wait_for_selector("#messages li.theirs .prompt-text")
    assert "النص المُرسل بعد إخفاء البيانات" in page.inner_text("#messages li.theirs .prompt h4")
    assert page.eval_on_selector("#messages li.theirs .prompt-text",
                                 "e => getComputedStyle(e).unicodeBidi") == "isolate"
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


def _open_receipt(page, live, who="a:rep"):
    sign_in(page, live, who)
    page.fill("#lead-q", "Fleet")
    page.keyboard.press("Enter")
    page.click("#lead-list button.lead")
    page.click("#btn-summary")
    page.wait_for_selector("#messages li.theirs:not(.streaming) .summary")
    page.click("#messages li.theirs details.receipt summary")
    return page.wait_for_selector("#messages li.theirs details.receipt .prompt")


def test_receipt_view_shows_the_redacted_prompt_that_was_sent(page, live):
    prompt = _open_receipt(page, live)
    blocks = page.locator("#messages li.theirs .prompt-msg")
    assert [blocks.nth(i).get_attribute("data-role") for i in range(blocks.count())] == ["system", "user"]
    sent = page.inner_text("#messages li.theirs .prompt-msg[data-role=user] .prompt-text")
    # Placeholders only: the values that were redacted are not in what the page shows as sent…
    assert re.search(r"<PERSON_\d+>", sent) and re.search(r"<PHONE_\d+>", sent), sent[:400]
    for value in ("Layla", "Haddad", "ليلى", "layla.haddad@", "4567", "٠٥٠١٢٣٤٥٦٧"):
        assert value not in sent, value
    # …and it is exactly what the model received (the fake model recorded it).
    request = next(r for r in reversed(live.services.fake_model.requests) if "needs" in r.text)
    assert sent == request.messages[-1].content
    # Pre-wrapped (line breaks of notes kept), isolated, direction from its own text.
    style = page.eval_on_selector("#messages li.theirs .prompt-msg[data-role=user] .prompt-text",
                                  "e => [getComputedStyle(e).whiteSpace, getComputedStyle(e).unicodeBidi, e.dir]")
    assert style == ["pre-wrap", "isolate", "auto"]
    # Each placeholder is an isolated left-to-right unit (its brackets stay put inside Arabic text),
    # and each line takes its own direction.
    phs = page.locator("#messages li.theirs .prompt-msg[data-role=user] bdi.ph").all_inner_texts()
    assert len(phs) >= 3 and all(re.fullmatch(r"<[A-Z_]+_\d+>", x) for x in phs), phs
    assert page.locator("#messages li.theirs .prompt-msg[data-role=user] .prompt-line[dir=auto]").count() >= 3
    assert "matches the sha256" in prompt.inner_text()
    # The chat restored the names for the rep; only the receipt shows placeholders.
    assert "Layla Haddad" in page.inner_text("#messages li.theirs .summary")
    page.locator("#messages li.theirs .prompt").scroll_into_view_if_needed()
    shot(page, "receipt-redacted-prompt")
    assert not page.csp_violations, page.csp_violations


def test_receipt_view_says_so_when_the_prompt_is_not_kept(page, live):
    object.__setattr__(live.services.settings, "receipt_keep_prompt", False)
    try:
        _open_receipt(page, live)
        page.wait_for_selector("#messages li.theirs .prompt-none")
        assert page.locator("#messages li.theirs .prompt-text").count() == 0
        assert "sha256" in page.inner_text("#messages li.theirs dl.facts")
    finally:
        object.__setattr__(live.services.settings, "receipt_keep_prompt", True)


def _seed_audit(live, n: int) -> None:
    from datetime import datetime, timedelta, timezone

    from guardrails.audit import AuditEvent, SqlAuditSink

    sink = SqlAuditSink(live.crm.factory)
    start = datetime.now(timezone.utc) - timedelta(hours=2)
    for i in range(n):
        sink.write(AuditEvent(tenant_id=live.crm.tenants["a"], user_id=live.crm.users["a:rep"], role="sales_rep",
                              capability="lead_summary" if i % 3 else "message_draft",
                              outcome="ok" if i % 7 else "refused", reason=None if i % 7 else "scope-denied",
                              occurred_at=start + timedelta(seconds=i), record_refs=(f"lead:{i + 1}",)))


def _rows(page) -> list[str]:
    return page.locator("#audit-table tbody tr td:first-child").all_inner_texts()


def test_admin_pages_through_the_audit_log_and_exports_it(page, live, tmp_path):
    import csv
    import json

    from guardrails.audit.query import CSV_COLUMNS

    _seed_audit(live, 120)
    sign_in(page, live, "a:admin", "admin")
    page.wait_for_selector("#au-page[data-page='1']")
    first = _rows(page)
    assert len(first) == 50 and page.is_disabled("#au-prev") and page.is_enabled("#au-next")
    seqs = [int(x) for x in first]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    # Paging from the keyboard: Tab from the last filter reaches "Next page", Enter turns the page.
    page.focus("#au-contact")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "au-next":
            break
    assert page.evaluate("document.activeElement.id") == "au-next"
    page.keyboard.press("Enter")
    page.wait_for_selector("#au-page[data-page='2']")
    second = [int(x) for x in _rows(page)]
    assert len(second) == 50 and max(second) < min(seqs)  # the next 50, no overlap
    page.click("#au-next")
    page.wait_for_selector("#au-page[data-page='3']")
    third = [int(x) for x in _rows(page)]
    assert 20 <= len(third) < 50 and page.is_disabled("#au-next") and max(third) < min(second)
    page.click("#au-prev")
    page.wait_for_selector("#au-page[data-page='2']")
    assert [int(x) for x in _rows(page)] == second
    shot(page, "admin-audit-paging")

    # Exports (all pages, with the filters in force): CSV of everything, JSONL of the refusals.
    with page.expect_download() as info:
        page.click("#au-export-csv")
    path = tmp_path / "audit.csv"
    info.value.save_as(path)
    assert info.value.suggested_filename.endswith(".csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert tuple(rows[0]) == CSV_COLUMNS
    exported = [int(r[0]) for r in rows[1:]]
    assert set(first + [str(x) for x in second + third]) <= {str(x) for x in exported}
    page.select_option("#au-outcome", "refused")
    page.click("#audit-form button[type=submit]")
    page.wait_for_selector("#au-page[data-page='1']")
    page.wait_for_function("() => [...document.querySelectorAll('#audit-table tbody tr')]"
                           ".every(tr => tr.classList.contains('outcome-refused'))")
    with page.expect_download() as info:
        page.click("#au-export-jsonl")
    path = tmp_path / "audit.jsonl"
    info.value.save_as(path)
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len([i for i in range(120) if i % 7 == 0])
    assert {x["outcome"] for x in lines} == {"refused"} and lines == sorted(lines, key=lambda x: x["seq"])
    assert not page.csp_violations, page.csp_violations


def test_admin_restricts_and_lifts_a_data_subject_and_the_rep_sees_the_effect(page, live):
    cid = live.crm.contacts["a"].id
    sign_in(page, live, "a:admin", "admin")
    page.fill("#subj-id", str(cid))
    page.select_option("#subj-basis", "objection")
    page.click("#subj-restrict")
    page.wait_for_function("() => document.getElementById('subject-out').textContent.includes('\"restricted\": true')")
    token = httpx.post(live.base_url + "/v1/dev/login", json={"user_id": live.crm.users["a:rep"]}).json()["token"]
    summary = f"{live.base_url}/v1/leads/{live.crm.leads['a:rep_lead']}/summary"
    auth = {"Authorization": f"Bearer {token}"}
    assert httpx.post(summary, headers=auth, timeout=60).status_code == 404  # restricted
    page.click("#subj-lift")
    page.wait_for_function("() => document.getElementById('subject-out').textContent.includes('\"lifted\": true')")
    assert httpx.post(summary, headers=auth, timeout=60).status_code == 200  # from the next request on
    page.click("#audit-form button[type=submit]")
    page.wait_for_function("() => document.querySelector('#audit-table tbody').textContent"
                           ".includes('subject_restriction_lift')")
    shot(page, "admin-subject-lifted")


def test_every_ui_string_exists_in_english_and_arabic(page, live):
    page.goto("/ui/")
    page.wait_for_selector("body[data-ready='1']")
    missing = page.evaluate("""async () => {
        const { TEXT } = await import('/ui/static/i18n.js');
        const used = new Set([...document.querySelectorAll('[data-i18n],[data-i18n-aria],[data-i18n-placeholder]')]
            .flatMap(e => [e.dataset.i18n, e.dataset.i18nAria, e.dataset.i18nPlaceholder]).filter(Boolean));
        const keys = new Set([...Object.keys(TEXT.en), ...Object.keys(TEXT.ar), ...used]);
        return [...keys].filter(k => !TEXT.en[k] || !TEXT.ar[k]);
    }""")
    assert missing == []
    # The scripts' own keys (t("...")) too: read them from the sources.
    keys = set()
    for name in ("app.js", "chat.js", "admin.js", "analytics.js"):
        keys |= set(re.findall(r"\bt\(\"([a-z_]+)\"\)", httpx.get(f"{live.base_url}/ui/static/{name}").text))
    text = page.evaluate("async () => (await import('/ui/static/i18n.js')).TEXT")
    assert sorted(k for k in keys if k not in text["en"] or k not in text["ar"]) == []
