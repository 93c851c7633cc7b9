// Talking to the API: the bearer token, JSON calls, the error envelope and server-sent events.
let token = null;
let me = null;

export function setSession(tok, who) { token = tok; me = who || null; }
export function session() { return { token, me }; }

// An error of the API, carrying the envelope {"error": {"code", "message", "request_id", "details"}}.
export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || "http_" + status;
    this.requestId = err.request_id || "";
    this.details = err.details || [];
  }
}

function headers(extra) {
  const h = { Accept: "application/json", ...extra };
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

async function parse(res) {
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

export async function api(method, path, body) {
  const init = { method, headers: headers(body !== undefined ? { "Content-Type": "application/json" } : {}) };
  if (body !== undefined) init.body = JSON.stringify(body);
  return parse(await fetch(path, init));
}

// GET a file (an export) with the bearer token: the body as a Blob, or the error envelope thrown.
export async function download(path) {
  const res = await fetch(path, { headers: headers({ Accept: "*/*" }) });
  if (!res.ok) return parse(res);
  return res.blob();
}

// POST a JSON body and read the text/event-stream answer chunk by chunk (fetch + ReadableStream,
// because EventSource cannot send a body or an Authorization header).
export async function stream(path, body, onEvent) {
  const res = await fetch(path, {
    method: "POST",
    headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
    body: JSON.stringify(body),
  });
  const type = res.headers.get("content-type") || "";
  if (!res.ok || !type.startsWith("text/event-stream")) return parse(res);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buf.indexOf("\n\n")) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(event, JSON.parse(data.join("\n")));
    }
  }
  return null;
}

// A small element builder: text always goes in as text nodes, never as HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// User or CRM content: isolated so Arabic and English mix correctly in either page direction.
export function bdi(text) { return el("bdi", { dir: "auto" }, text ?? ""); }

// One page-level alert for errors that belong to no particular answer (sign-in, search, admin).
export function showError(err) {
  const box = document.getElementById("flash");
  box.replaceChildren(el("strong", {}, err.code ? err.code + ": " : ""), bdi(err.message || String(err)));
  box.classList.toggle("ok", false);
  box.hidden = false;
}

export function showInfo(text) {
  const box = document.getElementById("flash");
  box.replaceChildren(bdi(text));
  box.classList.toggle("ok", true);
  box.hidden = false;
}

export function clearFlash() { document.getElementById("flash").hidden = true; }
