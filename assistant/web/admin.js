// The admin console: scope editor (per role, retention, raw JSON), preview, simulation, history with
// diffs, the audit log with filters and chain verification, and data-subject actions.
import { api, download, el, bdi, showError, showInfo } from "./api.js";
import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const CAPS = ["lead_summary", "message_draft", "analytics", "note_search", "chat"];
const CHANNELS = ["email", "whatsapp", "sms"];
const AUDIT_PAGE = 50;
let doc = null;
let version = null;

export function initAdmin() {
  $("scope-caps").append(...CAPS.map((c) => checkbox("cap-" + c, c, t(c))));
  $("scope-channels").append(...CHANNELS.map((c) => checkbox("chan-" + c, c, c)));
  $("pv-cap").append(...CAPS.map((c) => el("option", { value: c, "data-i18n": c }, t(c))));
  $("scope-role").addEventListener("change", () => fillRole());
  for (const id of ["scope-rows", "scope-max", "ret-conv", "ret-vault", "ret-audit"]) {
    $(id).addEventListener("change", () => collect());
  }
  $("scope-caps").addEventListener("change", () => collect());
  $("scope-channels").addEventListener("change", () => collect());
  $("scope-json").addEventListener("change", () => {
    try { doc = JSON.parse($("scope-json").value); fillRole(); } catch (err) { showError(err); }
  });
  $("scope-form").addEventListener("submit", (e) => { e.preventDefault(); save(); });
  $("scope-simulate").addEventListener("click", () => simulateDoc());
  $("preview-form").addEventListener("submit", (e) => { e.preventDefault(); preview(); });
  $("audit-form").addEventListener("submit", (e) => { e.preventDefault(); loadAudit(); });
  $("au-verify").addEventListener("click", () => verify());
  $("au-next").addEventListener("click", () => auditPage(+1));
  $("au-prev").addEventListener("click", () => auditPage(-1));
  $("au-export-jsonl").addEventListener("click", () => exportAudit("jsonl"));
  $("au-export-csv").addEventListener("click", () => exportAudit("csv"));
  $("subj-export").addEventListener("click", () => subject("export"));
  $("subj-restrict").addEventListener("click", () => subject("restrict"));
  $("subj-lift").addEventListener("click", () => subject("lift"));
  $("subj-erase").addEventListener("click", () => subject("erase"));
}

function checkbox(id, value, label) {
  return el("div", { class: "check" }, el("input", { type: "checkbox", id, value }),
    el("label", { for: id, "data-i18n": CAPS.includes(value) ? value : null }, label));
}

export async function loadAdmin() {
  await Promise.all([loadScope(), loadHistory(), loadAudit()]).catch(showError);
}

async function loadScope() {
  const s = await api("GET", "/v1/admin/scopes");
  doc = s.document;
  version = s.version;
  $("scope-version").textContent = String(version) + (s.is_default ? " (default)" : "");
  fillRole();
}

function role() { return $("scope-role").value; }

// The form shows one role; the JSON box always shows the whole document being edited.
function fillRole() {
  const r = (doc.roles || {})[role()] || { capabilities: [], draft_channels: [], rows: "own", max_records: 0 };
  for (const c of CAPS) $("cap-" + c).checked = r.capabilities.includes(c);
  for (const c of CHANNELS) $("chan-" + c).checked = (r.draft_channels || []).includes(c);
  $("scope-rows").value = r.rows;
  $("scope-max").value = r.max_records;
  const ret = doc.retention || {};
  $("ret-conv").value = ret.conversations_days ?? 30;
  $("ret-vault").value = ret.vault_days ?? 30;
  $("ret-audit").value = ret.audit_days ?? 730;
  $("scope-json").value = JSON.stringify(doc, null, 2);
}

function collect() {
  const roles = { ...(doc.roles || {}) };
  const r = { ...(roles[role()] || {}) };
  r.capabilities = CAPS.filter((c) => $("cap-" + c).checked);
  r.draft_channels = CHANNELS.filter((c) => $("chan-" + c).checked);
  r.rows = $("scope-rows").value;
  r.max_records = Number($("scope-max").value || 0);
  roles[role()] = r;
  doc = { ...doc, roles, retention: {
    conversations_days: Number($("ret-conv").value), vault_days: Number($("ret-vault").value),
    audit_days: Number($("ret-audit").value) } };
  $("scope-json").value = JSON.stringify(doc, null, 2);
  return doc;
}

function details(err) {
  return (err.details || []).map((d) => el("li", {}, el("code", {}, d.path), " — ", bdi(d.message)));
}

async function save() {
  const out = $("scope-out");
  try {
    const s = await api("PUT", "/v1/admin/scopes?base_version=" + version, collect());
    doc = s.document;
    version = s.version;
    $("scope-version").textContent = String(version);
    out.replaceChildren(el("p", { class: "ok" }, t("saved") + " " + version));
    fillRole();
    await loadHistory();
  } catch (err) {
    out.replaceChildren(el("p", { class: "reason", role: "alert" }, err.message), el("ul", {}, details(err)));
  }
}

async function simulateDoc() {
  try {
    const r = await api("POST", "/v1/admin/scopes/simulate", { document: collect(), days: 30 });
    $("scope-out").replaceChildren(el("pre", { class: "out", dir: "ltr" }, JSON.stringify(r, null, 2)));
  } catch (err) {
    $("scope-out").replaceChildren(el("p", { class: "reason" }, err.message), el("ul", {}, details(err)));
  }
}

async function preview() {
  const body = { role: role(), capability: $("pv-cap").value, document: collect() };
  const lead = Number($("pv-lead").value);
  if (lead) body.lead_id = lead;
  try {
    $("preview-out").textContent = JSON.stringify(await api("POST", "/v1/admin/scopes/preview", body), null, 2);
  } catch (err) { $("preview-out").textContent = err.code + ": " + err.message; }
}

async function loadHistory() {
  const h = await api("GET", "/v1/admin/scopes/history?limit=20");
  $("scope-history").replaceChildren(...h.items.map((v) => el("li", {},
    el("details", {}, el("summary", {}, `v${v.version} · ${v.created_at.slice(0, 19).replace("T", " ")} · ${v.source}`
      + (v.author_user_id ? ` · #${v.author_user_id}` : "")),
      el("ul", { class: "diff" }, (v.diff || []).map(diffLine))))));
}

// Entries of the structural diff: {op: add|remove|change, path, before?, after?, added?, removed?}.
function diffLine(d) {
  if (typeof d === "string") return el("li", { dir: "ltr" }, d);
  const j = (v) => JSON.stringify(v);
  const parts = [el("code", {}, d.path || ""), " ", d.op || ""];
  if (d.added && d.added.length) parts.push(el("ins", {}, " + " + d.added.map(j).join(", ")));
  if (d.removed && d.removed.length) parts.push(el("del", {}, " − " + d.removed.map(j).join(", ")));
  if ("before" in d) parts.push(el("del", {}, " " + j(d.before)));
  if ("after" in d) parts.push(" → ", el("ins", {}, j(d.after)));
  return el("li", { class: "diff-" + (d.op || ""), dir: "ltr" }, parts);
}

// The audit log, newest first, one page at a time. The API pages with an opaque `next_cursor`; the
// cursors of the pages already seen are kept so that "Previous page" goes back without a new API.
const audit = { filters: null, cursors: [null], index: 0, next: null };

function auditFilters() {
  const q = new URLSearchParams();
  const add = (k, id) => { const v = $(id).value.trim(); if (v) q.set(k, v); };
  add("user_id", "au-user"); add("capability", "au-cap"); add("outcome", "au-outcome"); add("contact_id", "au-contact");
  if ($("au-from").value) q.set("from", $("au-from").value + "T00:00:00Z");
  if ($("au-to").value) q.set("to", $("au-to").value + "T23:59:59Z");
  return q;
}

// A new filter starts again at the first page.
export async function loadAudit() {
  audit.filters = auditFilters();
  audit.cursors = [null];
  audit.index = 0;
  await showAuditPage();
}

async function auditPage(step) {
  const index = audit.index + step;
  if (index < 0 || (step > 0 && !audit.next)) return;
  if (step > 0 && audit.cursors.length <= index) audit.cursors.push(audit.next);
  audit.index = index;
  await showAuditPage();
}

async function showAuditPage() {
  const q = new URLSearchParams(audit.filters || auditFilters());
  q.set("limit", String(AUDIT_PAGE));
  const cursor = audit.cursors[audit.index];
  if (cursor) q.set("cursor", cursor);
  try {
    const page = await api("GET", "/v1/admin/audit?" + q);
    audit.next = page.next_cursor || null;
    const cols = ["seq", "occurred_at", "user_id", "role", "capability", "outcome", "reason", "provider", "region", "receipt_id"];
    const table = $("audit-table");
    table.tHead.replaceChildren(el("tr", {}, cols.map((c) => el("th", { scope: "col" }, c))));
    table.tBodies[0].replaceChildren(...page.items.map((r) => el("tr", { class: "outcome-" + r.outcome },
      cols.map((c) => el("td", {}, bdi(fmtCell(c, r[c])))))));
    if (!page.items.length) table.tBodies[0].append(el("tr", {}, el("td", { colspan: cols.length }, t("no_records"))));
    $("au-page").textContent = `${t("page")} ${audit.index + 1}`;
    $("au-page").dataset.page = String(audit.index + 1);
    $("au-prev").disabled = audit.index === 0;
    $("au-next").disabled = !audit.next;
  } catch (err) { showError(err); }
}

// Export with the filters in force (all pages), JSON lines or CSV. The API needs the bearer token,
// so the file is fetched here and handed to the browser as a download (a blob: URL, CSP-allowed).
async function exportAudit(format) {
  const q = new URLSearchParams(audit.filters || auditFilters());
  q.set("format", format);
  try {
    const blob = await download("/v1/admin/audit/export?" + q);
    const url = URL.createObjectURL(blob);
    const name = `audit-${new Date().toISOString().slice(0, 10)}.${format}`;
    const a = el("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    showInfo(`${t("exported")}: ${name}`);
  } catch (err) { showError(err); }
}

function fmtCell(col, v) {
  if (v === null || v === undefined) return "";
  if (col === "occurred_at") return String(v).slice(0, 19).replace("T", " ");
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

async function verify() {
  try {
    const r = await api("GET", "/v1/admin/audit/verify");
    const ok = r.ok ?? r.valid ?? r.intact;
    $("au-verify-out").replaceChildren(el("span", { class: ok ? "ok" : "reason" }, t(ok ? "chain_ok" : "chain_bad")),
      " ", el("code", {}, JSON.stringify(r)));
  } catch (err) { showError(err); }
}

async function subject(action) {
  const id = Number($("subj-id").value);
  if (!id) { $("subj-id").focus(); return; }
  const out = $("subject-out");
  try {
    let r;
    if (action === "export") r = await api("GET", `/v1/admin/subjects/${id}`);
    else if (action === "restrict") r = await api("PUT", `/v1/admin/subjects/${id}/restriction`, { basis: $("subj-basis").value });
    else if (action === "lift") r = await api("DELETE", `/v1/admin/subjects/${id}/restriction`);
    else {
      if (!window.confirm(t("confirm_erase"))) return;
      r = await api("POST", `/v1/admin/subjects/${id}/erasure`);
    }
    out.textContent = JSON.stringify(r, null, 2);
    showInfo(t(action) + " ✓");
  } catch (err) { out.textContent = err.code + ": " + err.message; }
}
