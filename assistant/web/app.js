// Start-up: language, tabs (keyboard: arrows, Home, End), sign-in, the embedded token hand-off.
import { api, setSession, session, el, showError, clearFlash } from "./api.js";
import { setLanguage, t, lang } from "./i18n.js";
import { initChat, searchLeads } from "./chat.js";
import { initAnalytics } from "./analytics.js";
import { initAdmin, loadAdmin } from "./admin.js";

const $ = (id) => document.getElementById(id);
const VIEWS = ["chat", "analytics", "admin"];
// Which sections a role sees; the API still decides every request (a hidden tab is no permission).
const ROLE_VIEWS = { sales_rep: ["chat"], manager: ["chat", "analytics"], admin: VIEWS };
let visible = VIEWS;
let config = { dev_login: false, frame_ancestors: [] };

function showView(name, focus) {
  if (!visible.includes(name)) name = "chat";
  for (const v of VIEWS) {
    const tab = $("tab-" + v);
    const on = v === name;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $("view-" + v).hidden = !on;
    if (on && focus) tab.focus();
  }
  if (location.hash !== "#" + name && !location.hash.startsWith("#token=")) history.replaceState(null, "", "#" + name);
  if (name === "admin" && (session().me || {}).role === "admin") loadAdmin();
}

function initTabs() {
  VIEWS.forEach((v) => {
    const tab = $("tab-" + v);
    tab.addEventListener("click", () => showView(tab.dataset.view));
    tab.addEventListener("keydown", (e) => {
      const tabs = visible.map((name) => $("tab-" + name));
      const i = tabs.indexOf(tab);
      const rtl = document.documentElement.dir === "rtl";
      let j = null;
      if (e.key === (rtl ? "ArrowLeft" : "ArrowRight")) j = (i + 1) % tabs.length;
      else if (e.key === (rtl ? "ArrowRight" : "ArrowLeft")) j = (i - 1 + tabs.length) % tabs.length;
      else if (e.key === "Home") j = 0;
      else if (e.key === "End") j = tabs.length - 1;
      if (j !== null) { e.preventDefault(); showView(tabs[j].dataset.view, true); }
    });
  });
}

// After sign-in: who we are, the right default view for the role, and the user's language.
async function signedIn(token, who) {
  setSession(token, who);
  clearFlash();
  renderWho();
  visible = ROLE_VIEWS[who.role] || ["chat"];
  for (const v of VIEWS) $("tab-" + v).hidden = !visible.includes(v);
  if (who.language && who.language !== lang() && !sessionStorage.getItem("lua.lang")) applyLanguage(who.language);
  const wanted = location.hash.slice(1);
  showView(VIEWS.includes(wanted) ? wanted : who.role === "manager" ? "analytics" : who.role === "admin" ? "admin" : "chat");
  searchLeads();
}

function renderWho() {
  const who = session().me;
  if (!who) return;
  $("who").replaceChildren(t("signed_in_as") + " ", el("bdi", { dir: "auto" }, who.name || ""), ` (${t(who.role)})`);
}

function applyLanguage(code) {
  setLanguage(code);
  $("lang").value = lang();
  renderWho();
}

async function devLogin(userId) {
  try {
    const r = await api("POST", "/v1/dev/login", { user_id: Number(userId) });
    sessionStorage.setItem("lua.dev_user", String(userId));
    await signedIn(r.token, r);
  } catch (err) { showError(err); }
}

async function initDevLogin() {
  const form = $("dev-login");
  const r = await api("GET", "/v1/dev/users");
  $("dev-user").replaceChildren(...r.items.map((u) =>
    el("option", { value: u.user_id }, `${u.tenant} · ${u.name} · ${u.role}`)));
  form.hidden = false;
  form.addEventListener("submit", (e) => { e.preventDefault(); devLogin($("dev-user").value); });
  const remembered = sessionStorage.getItem("lua.dev_user");
  if (remembered && r.items.some((u) => String(u.user_id) === remembered)) {
    $("dev-user").value = remembered;
    await devLogin(remembered);
  }
}

// A token handed in by the CRM: who it belongs to is not in the page, so decode the claims we need
// for display only (the API verifies the signature on every call).
function claims(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch { return {}; }
}

function acceptToken(token) {
  const c = claims(token);
  signedIn(token, { role: c.role, name: c.name || `#${c.sub}`, language: c.lang || c.language });
}

// The same rule as CSP frame-ancestors: exact origins, `'self'`, and `https://*.example.com`.
function parentAllowed(origin) {
  return (config.frame_ancestors || []).some((src) => {
    if (src === "'self'") return origin === location.origin;
    const star = src.match(/^(https?:\/\/)\*\.(.+)$/);
    if (star) return origin.startsWith(star[1]) && origin.endsWith("." + star[2]);
    return origin === src;
  });
}

function initEmbedding() {
  // 1) `#token=…` in the fragment (never sent to the server); removed from the address at once.
  const m = location.hash.match(/^#token=([A-Za-z0-9._-]+)/);
  if (m) { history.replaceState(null, "", location.pathname); acceptToken(m[1]); }
  // 2) postMessage({type: "lua:token", token}) from an allowed parent origin only.
  window.addEventListener("message", (e) => {
    if (e.source !== window.parent || !parentAllowed(e.origin)) return;
    const d = e.data || {};
    if (d.type === "lua:token" && typeof d.token === "string") acceptToken(d.token);
    if (d.type === "lua:language" && typeof d.language === "string") applyLanguage(d.language);
  });
  if (window.parent !== window) window.parent.postMessage({ type: "lua:ready" }, "*");
}

async function start() {
  applyLanguage(sessionStorage.getItem("lua.lang") || (navigator.language || "en").slice(0, 2));
  $("lang").addEventListener("change", () => { sessionStorage.setItem("lua.lang", $("lang").value); applyLanguage($("lang").value); });
  initTabs();
  initChat();
  initAnalytics();
  initAdmin();
  try { config = await api("GET", "/ui/config.json"); } catch { /* defaults */ }
  initEmbedding();
  const wanted = location.hash.slice(1);
  showView(VIEWS.includes(wanted) ? wanted : "chat");
  if (config.dev_login && !session().token) await initDevLogin().catch(showError);
  document.body.dataset.ready = "1";
}

start();
