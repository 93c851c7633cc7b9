// The chat panel: lead picker, streamed conversation, summaries with citations, drafts, receipts.
import { api, stream, el, bdi, session, ApiError, showError } from "./api.js";
import { t, lang } from "./i18n.js";

const state = { lead: null, conversation: null };
const $ = (id) => document.getElementById(id);

export function initChat() {
  $("lead-search").addEventListener("submit", (e) => { e.preventDefault(); searchLeads(); });
  $("chat-form").addEventListener("submit", (e) => { e.preventDefault(); sendMessage(); });
  $("chat-input").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); sendMessage(); }
  });
  $("btn-summary").addEventListener("click", () => summarise());
  $("draft-form").addEventListener("submit", (e) => { e.preventDefault(); draft(); });
}

export async function searchLeads() {
  const list = $("lead-list");
  try {
    const q = $("lead-q").value.trim();
    const page = await api("GET", "/v1/leads?page_size=20" + (q ? "&q=" + encodeURIComponent(q) : ""));
    list.replaceChildren(...page.items.map((lead) => el("li", {},
      el("button", { type: "button", class: "lead", "data-lead-id": lead.id, onclick: () => pickLead(lead) },
        bdi(lead.title), " · ", bdi(lead.contact_name), el("span", { class: "muted" }, " #" + lead.id)))));
    if (!page.items.length) list.replaceChildren(el("li", { class: "muted" }, t("no_results")));
  } catch (err) { showError(err); }
}

function pickLead(lead) {
  state.lead = lead;
  state.conversation = null;
  for (const b of document.querySelectorAll("#lead-list button.lead")) {
    b.setAttribute("aria-pressed", String(Number(b.dataset.leadId) === lead.id));
  }
  $("lead-current").replaceChildren(t("selected_lead"), " ", bdi(lead.title), " — ", bdi(lead.contact_name));
  $("chat-input").focus();
}

function addMessage(who, cls) {
  const body = el("div", { class: "text", dir: "auto" });
  const item = el("li", { class: "msg " + cls }, el("span", { class: "who" }, who), body);
  $("messages").append(item);
  return { item, body };
}

function refusal(item, err) {
  item.classList.add("refused");
  item.append(el("p", { class: "reason", role: "alert" },
    el("strong", {}, t("refused") + " — " + t("reason") + ": "), bdi(err.message),
    el("code", { class: "code" }, " " + err.code)));
}

function summaryMessage() { return t("summarise_msg"); }

export async function summarise() { return sendMessage(summaryMessage()); }

// A chat turn, streamed: `meta`, `delta`…, then `done` with the whole answer (or `error`).
export async function sendMessage(preset) {
  if (!session().token) return showError(new Error(t("sign_in_first")));
  const input = $("chat-input");
  const message = (preset ?? input.value).trim();
  if (!message) return;
  input.value = "";
  const mine = addMessage(t("you"), "mine");
  mine.body.append(bdi(message));
  const reply = addMessage(t("assistant"), "theirs streaming");
  reply.item.setAttribute("aria-busy", "true");
  const body = { message, stream: true };
  if (state.conversation) body.conversation_id = state.conversation;
  if (state.lead) body.lead_id = state.lead.id;
  try {
    await stream("/v1/chat", body, (event, data) => {
      if (event === "meta") state.conversation = data.conversation_id;
      else if (event === "delta") {
        reply.body.append(document.createTextNode(data.text));
        reply.item.dataset.deltas = String(Number(reply.item.dataset.deltas || 0) + 1);
      }
      else if (event === "done") finish(reply, data);
      else if (event === "error") refusal(reply.item, new ApiError(500, { error: data }));
    });
  } catch (err) {
    refusal(reply.item, err);
  } finally {
    reply.item.classList.remove("streaming");
    reply.item.removeAttribute("aria-busy");
  }
}

function finish(reply, answer) {
  if (answer.refused) refusal(reply.item, { message: answer.reason || answer.text, code: "refused" });
  const data = answer.data;
  if (data && Array.isArray(data.needs)) {
    reply.body.replaceChildren(summaryView(data));
  }
  for (const note of answer.notes || []) reply.item.append(el("p", { class: "note" }, bdi(note)));
  reply.item.append(receiptView(answer.receipt_id));
}

function points(title, list) {
  const items = (list || []).filter(Boolean);
  if (!items.length) return null;
  return el("section", { class: "points" }, el("h3", {}, title),
    el("ul", {}, items.map((p) => el("li", {}, bdi(p.text), citations(p.activity_ids)))));
}

function citations(ids) {
  if (!ids || !ids.length) return null;
  return el("span", { class: "cites", "aria-label": t("cited") },
    ids.map((id) => el("a", { class: "cite", href: "#activity-" + id, title: t("cited") }, "A" + id)));
}

function summaryView(s) {
  return el("div", { class: "summary" },
    el("p", { class: "lead-head" }, bdi(s.title), " · ", bdi(s.stage || ""), " · ", bdi(s.value || "")),
    points(t("needs"), s.needs), points(t("blockers"), s.blockers),
    points(t("next_step"), s.next_step ? [s.next_step] : []),
    el("p", {}, el("strong", {}, t("sentiment") + ": "), bdi(s.sentiment)),
    el("p", { class: "muted" }, t("cited") + ": ", (s.activities_considered || []).map((id) => "A" + id).join(", ")));
}

// "What was sent": the privacy receipt — provider, region, no-training, placeholders by type, and the
// redacted prompt itself (placeholders only, never the restored values). Users read their own
// receipts (/v1/receipts); admins read any receipt of the tenant (/v1/admin/receipts).
function receiptView(receiptId) {
  const det = el("details", { class: "receipt" }, el("summary", {}, t("what_sent")));
  if (!receiptId) { det.append(el("p", {}, t("no_receipt"))); return det; }
  det.append(el("p", {}, t("receipt") + ": ", el("code", { dir: "ltr" }, receiptId)));
  det.addEventListener("toggle", async () => {
    if (!det.open || det.dataset.loaded) return;
    det.dataset.loaded = "1";
    const base = (session().me || {}).role === "admin" ? "/v1/admin/receipts/" : "/v1/receipts/";
    try {
      const r = await api("GET", base + encodeURIComponent(receiptId));
      det.append(receiptFacts(r), promptView(r));
    } catch (err) { det.append(el("p", { class: "reason" }, bdi(err.message))); }
  });
  return det;
}

function receiptFacts(r) {
  const counts = Object.entries(r.redaction_counts || {}).filter(([, n]) => n)
    .map(([k, n]) => `<${k}> × ${n}`).join(", ");
  const size = `${r.prompt_chars} ${t("chars")}` + (r.prompt_sha256 ? ` · sha256 ${String(r.prompt_sha256).slice(0, 16)}…` : "");
  const rows = [[t("provider"), `${r.provider} · ${r.model}`], [t("region"), r.region],
    [t("training"), r.no_training ? "✗ (no-training)" : "⚠"], [t("placeholders"), counts || "—"],
    [t("prompt_size"), size]];
  return el("dl", { class: "facts" }, ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { dir: "ltr" }, bdi(v))]));
}

// The redacted prompt as it was sent: one block per message (system, user), pre-wrapped and isolated
// (dir="auto" per message: an Arabic note keeps its direction inside an English page, and back).
function promptView(r) {
  const box = el("section", { class: "prompt", "aria-label": t("prompt_sent") }, el("h4", {}, t("prompt_sent")));
  const messages = r.prompt_redacted;
  if (!Array.isArray(messages)) {
    box.append(el("p", { class: "muted prompt-none" }, t("prompt_not_kept")));
    return box;
  }
  for (const m of messages) {
    box.append(el("div", { class: "prompt-msg", "data-role": m.role },
      el("span", { class: "prompt-role" }, t("prompt_role_" + m.role) || m.role),
      el("pre", { class: "prompt-text", dir: "auto", tabindex: "0", "aria-label": t("prompt_role_" + m.role) },
        promptLines(m.content))));
  }
  if (r.prompt_matches_digest === true) box.append(el("p", { class: "muted prompt-digest" }, t("prompt_digest_ok")));
  return box;
}

// Each line takes its own direction (an Arabic note reads right-to-left inside an English prompt), and
// each placeholder is an isolated left-to-right unit, so "<PERSON_3>" keeps its brackets and order
// inside Arabic text. Only text nodes: the prompt is never parsed as HTML.
const PLACEHOLDER = /(<[A-Z][A-Z0-9_]*_\d+>)/;

function promptLines(text) {
  const out = [];
  String(text).split("\n").forEach((line, i) => {
    if (i) out.push("\n");
    out.push(el("span", { class: "prompt-line", dir: "auto" }, line.split(PLACEHOLDER).filter(Boolean).map((part) =>
      PLACEHOLDER.test(part) ? el("bdi", { class: "ph", dir: "ltr" }, part) : part)));
  });
  return out;
}

function copyButton(text, label) {
  return el("button", { type: "button", class: "copy", "aria-label": t("copy") + " — " + label, onclick: async (e) => {
    try { await navigator.clipboard.writeText(text); } catch { /* clipboard may be blocked in an iframe */ }
    e.target.textContent = t("copied");
  } }, t("copy"));
}

export async function draft() {
  if (!session().token) return showError(new Error(t("sign_in_first")));
  if (!state.lead) return showError(new Error(t("pick_lead")));
  const reply = addMessage(t("assistant"), "theirs draft");
  try {
    const d = await api("POST", "/v1/drafts", {
      lead_id: state.lead.id, channel: $("draft-channel").value, tone: $("draft-tone").value,
      goal: $("draft-goal").value, language: lang(),
    });
    const parts = [el("p", {}, el("strong", {}, t("to") + ": "), bdi(d.to))];
    if (d.subject) parts.push(el("p", {}, el("strong", {}, t("subject") + ": "), bdi(d.subject), " ", copyButton(d.subject, t("subject"))));
    parts.push(el("pre", { class: "draft-body", dir: "auto" }, d.body), copyButton(d.body, t("body")));
    reply.body.replaceChildren(...parts);
    for (const note of d.notes || []) reply.item.append(el("p", { class: "note" }, bdi(note)));
    reply.item.append(receiptView(d.receipt_id));
  } catch (err) { refusal(reply.item, err); }
}
