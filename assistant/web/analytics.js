// The analytics view: question → answer text, table, chart (Vega-Lite spec from the API), the plan.
import { api, el, bdi, session, showError } from "./api.js";
import { t, lang } from "./i18n.js";

const $ = (id) => document.getElementById(id);
let view = null;

export function initAnalytics() {
  $("ask-form").addEventListener("submit", (e) => { e.preventDefault(); ask($("ask-q").value); });
}

export async function ask(question) {
  question = (question || "").trim();
  if (!question) return;
  if (!session().token) return showError(new Error(t("sign_in_first")));
  const box = $("ask-result");
  box.setAttribute("aria-busy", "true");
  try {
    const a = await api("POST", "/v1/analytics/ask", { question, language: lang() });
    render(a);
  } catch (err) {
    showError(err);
  } finally {
    box.removeAttribute("aria-busy");
  }
}

function render(a) {
  $("ask-result").hidden = false;
  $("ask-result").dataset.kind = a.kind;
  $("ask-text").replaceChildren(bdi(a.text));
  $("ask-options").replaceChildren(...(a.options || []).map((o) =>
    el("li", {}, el("button", { type: "button", onclick: () => { $("ask-q").value = o; ask(o); } }, bdi(o)))));
  const table = $("ask-table");
  const labels = a.column_labels && a.column_labels.length ? a.column_labels : a.columns;
  table.tHead.replaceChildren(el("tr", {}, labels.map((c) => el("th", { scope: "col" }, bdi(c)))));
  table.tBodies[0].replaceChildren(...a.rows.map((row) =>
    el("tr", {}, row.map((v) => el("td", { class: typeof v === "number" ? "num" : "" }, bdi(fmt(v)))))));
  table.hidden = !a.columns.length;
  $("ask-plan-text").textContent = a.plan_text || "";
  $("ask-plan").hidden = !a.plan_text;
  drawChart(a.chart);
}

function fmt(v) {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return v.toLocaleString(lang() === "ar" ? "ar" : "en", { maximumFractionDigits: 2 });
  return String(v);
}

// Vega-Lite → Vega, evaluated by the expression interpreter: no eval, so the CSP can stay strict.
async function drawChart(spec) {
  const fig = $("ask-chart-fig");
  const box = $("ask-chart");
  if (view) { view.finalize(); view = null; }
  box.replaceChildren();
  fig.hidden = !spec;
  if (!spec || !window.vega || !window.vegaLite) return;
  try {
    const compiled = window.vegaLite.compile({ ...spec, width: "container", autosize: { type: "fit", contains: "padding" } }).spec;
    view = new window.vega.View(window.vega.parse(compiled, null, { ast: true }), {
      expr: window.vega.expressionInterpreter, renderer: "svg", container: box, hover: true,
    });
    await view.runAsync();
    box.dataset.rendered = "1";
  } catch (err) {
    box.append(el("p", { class: "reason" }, err.message));
  }
}
