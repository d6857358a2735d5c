/* tollwatch dashboard: a single page whose data all comes from the JSON API (each page links
   its JSON twin). Views: the list (filters, map, timeline, table) and one incident. */
"use strict";

const $ = (sel) => document.querySelector(sel);
const TOKEN_KEY = "tollwatch_token";
let config = { tile_url: "", user: null };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

function showMessage(text) {
  const box = $("#message");
  box.textContent = text || ""; box.hidden = !text;
}

async function api(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = "Bearer " + token;
  if (options.body && typeof options.body !== "string") {
    headers["Content-Type"] = "application/json";
    options = { ...options, body: JSON.stringify(options.body) };
  }
  const res = await fetch(path, { ...options, headers });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = data.error || {};
    if (res.status === 401 && token && !path.startsWith("/api/auth/login")) localStorage.removeItem(TOKEN_KEY);
    throw new Error(`${e.message || res.statusText}${e.hint ? " (" + e.hint + ")" : ""}`);
  }
  return data;
}

function toll(t) {
  if (!t || t.best === null || t.best === undefined) return "unknown";
  return t.low === t.high ? String(t.best) : `${t.best} (${t.low ?? "?"}-${t.high ?? "?"})`;
}

/* ---- session ---------------------------------------------------------------------------- */

async function loadConfig() {
  try { config = await api("/api/config"); } catch (err) { localStorage.removeItem(TOKEN_KEY); config = await api("/api/config"); }
  $("#version").textContent = "v" + config.tollwatch_version;
  const user = config.user;
  $("#login-form").hidden = !!user;
  $("#user-box").hidden = !user;
  $("#user-name").textContent = user ? `${user.name} (${user.role})` : "";
}

$("#login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    const r = await api("/api/auth/login", { method: "POST", body: { name: $("#login-name").value, password: $("#login-password").value } });
    localStorage.setItem(TOKEN_KEY, r.token);
    showMessage("");
    await loadConfig();
    route();
  } catch (err) { showMessage("Login failed: " + err.message); }
});

$("#logout-button").addEventListener("click", async () => {
  try { await api("/api/auth/logout", { method: "POST" }); } catch (err) { /* already gone */ }
  localStorage.removeItem(TOKEN_KEY);
  await loadConfig();
  route();
});

/* ---- list view ---------------------------------------------------------------------------- */

let listMap = null, listLayer = null, nextCursor = null;

function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (v !== "") params.set(k, v);
  return params;
}

async function fillFacets() {
  const f = await api("/api/facets");
  const fill = (name, values) => {
    const select = $(`#filters [name=${name}]`);
    const chosen = select.value; // facets change with corrections: rebuilt on every list view
    while (select.options.length > 1) select.remove(1);
    for (const v of values) select.append(el("option", { value: v }, v));
    select.value = values.includes(chosen) ? chosen : "";
  };
  fill("country", f.countries); fill("event_type", f.event_types); fill("perpetrator", f.perpetrators);
  const legend = $("#legend"); legend.textContent = "";
  for (const t of f.event_types) legend.append(el("span", {}, el("i", { style: `background:${twColor(t)}` }), t));
}

async function showList() {
  $("#list-view").hidden = false; $("#incident-view").hidden = true;
  await fillFacets();
  const form = $("#filters");
  for (const [k, v] of new URLSearchParams(location.search)) if (form.elements[k]) form.elements[k].value = v;
  if (!listMap) listMap = await twMakeMap($("#map"), config);
  await refreshList();
}

async function refreshList() {
  const params = filterParams();
  const qs = params.toString();
  history.replaceState(null, "", "/" + (qs ? "?" + qs : ""));
  $("#json-link").href = "/api/incidents" + (qs ? "?" + qs : "");
  const exportsBox = $("#exports"); exportsBox.textContent = "Export: ";
  for (const f of config.export_formats || []) exportsBox.append(el("a", { href: `/api/export/${f}?${qs}` }, f), " ");
  const mapParams = new URLSearchParams(params); mapParams.delete("sort");
  const [page, points, agg] = await Promise.all([
    api("/api/incidents?" + qs), api("/api/map?" + mapParams), api("/api/aggregates?period=week&" + mapParams),
  ]);
  renderTable(page, false);
  if (listLayer) listMap.removeLayer(listLayer);
  const pts = points.points.map(([id, date, lat, lon, killed, event_type]) => ({ id, date, lat, lon, killed, event_type }));
  listLayer = twPointLayer(listMap, pts, (p) => go("/incidents/" + p.id));
  if (pts.length) listMap.fitBounds(pts.map((p) => [p.lat, p.lon]), { maxZoom: 7, padding: [20, 20] });
  drawTimeline(agg.rows);
}

function renderTable(page, append) {
  const body = $("#incidents tbody");
  if (!append) body.textContent = "";
  for (const inc of page.incidents) {
    const loc = inc.location || {};
    body.append(el("tr", { class: "incident-row", "data-id": inc.id },
      el("td", {}, inc.date || "undated"),
      el("td", {}, el("a", { href: "/incidents/" + inc.id, onclick: (e) => { e.preventDefault(); go("/incidents/" + inc.id); } },
        [loc.name, loc.country].filter(Boolean).join(", ") || "?")),
      el("td", {}, inc.event_type || ""),
      el("td", {}, inc.perpetrators.join(", ")),
      el("td", { class: "killed" }, toll(inc.killed) + (inc.reviewed ? " ✎" : "")),
      el("td", {}, String(inc.n_articles))));
  }
  $("#count").textContent = `${page.total} incident(s)`;
  nextCursor = page.next_cursor;
  $("#more").hidden = !nextCursor;
}

$("#more").addEventListener("click", async () => {
  const params = filterParams(); params.set("cursor", nextCursor);
  renderTable(await api("/api/incidents?" + params), true);
});
$("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); refreshList().catch((e) => showMessage(e.message)); });
$("#reset-filters").addEventListener("click", () => { $("#filters").reset(); refreshList().catch((e) => showMessage(e.message)); });

function drawTimeline(rows) {
  const svg = $("#timeline"); svg.textContent = "";
  const ns = "http://www.w3.org/2000/svg";
  const byPeriod = new Map();
  for (const r of rows) {
    const cur = byPeriod.get(r.period) || { incidents: 0, killed: 0 };
    cur.incidents += r.incidents; cur.killed += r.killed; byPeriod.set(r.period, cur);
  }
  const periods = [...byPeriod.keys()].sort();
  if (!periods.length) return;
  const W = +svg.getAttribute("width"), H = +svg.getAttribute("height") - 20;
  const maxI = Math.max(...periods.map((p) => byPeriod.get(p).incidents));
  const maxK = Math.max(1, ...periods.map((p) => byPeriod.get(p).killed));
  const bw = W / periods.length;
  const line = [];
  periods.forEach((p, i) => {
    const v = byPeriod.get(p);
    const h = (v.incidents / maxI) * (H - 10);
    const bar = document.createElementNS(ns, "rect");
    Object.entries({ x: i * bw + 1, y: H - h, width: Math.max(1, bw - 2), height: h, fill: "#90a4ae", class: "tl-bar" })
      .forEach(([k, val]) => bar.setAttribute(k, val));
    const title = document.createElementNS(ns, "title"); title.textContent = `week of ${p}: ${v.incidents} incidents, ${v.killed} killed`;
    bar.append(title); svg.append(bar);
    line.push(`${i * bw + bw / 2},${H - (v.killed / maxK) * (H - 10)}`);
  });
  const path = document.createElementNS(ns, "polyline");
  path.setAttribute("points", line.join(" ")); path.setAttribute("fill", "none");
  path.setAttribute("stroke", "#c62828"); path.setAttribute("stroke-width", "2");
  svg.append(path);
  for (const [x, text] of [[0, periods[0]], [W - 70, periods[periods.length - 1]]]) {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", x); t.setAttribute("y", H + 15); t.setAttribute("font-size", "11"); t.textContent = text;
    svg.append(t);
  }
}

/* ---- incident view ------------------------------------------------------------------------ */

let incidentMap = null, incidentLayer = null;

async function showIncident(id) {
  $("#list-view").hidden = true; $("#incident-view").hidden = false;
  $("#json-link").href = "/api/incidents/" + id;
  const inc = await api("/api/incidents/" + encodeURIComponent(id));
  const loc = inc.location || {};
  $("#incident-title").textContent = `${inc.event_type || "Incident"} in ${[loc.name, loc.admin1, loc.country].filter(Boolean).join(", ")} — ${inc.date || "undated"}`;
  $("#incident-summary").textContent = inc.summary || "";
  renderFields(inc);
  if (!incidentMap) incidentMap = await twMakeMap($("#incident-map"), config);
  if (incidentLayer) incidentMap.removeLayer(incidentLayer);
  const sites = [loc, ...(inc.sites || []).map((s) => s.location)].filter((l) => l && l.lat !== null && l.lat !== undefined);
  const pts = sites.map((l, i) => ({ id: inc.id + ":" + i, lat: l.lat, lon: l.lon, killed: i ? 0 : inc.killed.best, event_type: inc.event_type, label: l.name }));
  incidentLayer = twPointLayer(incidentMap, pts, null);
  if (pts.length) incidentMap.fitBounds(pts.map((p) => [p.lat, p.lon]), { maxZoom: 8, padding: [30, 30] });
  renderClaims(inc);
  drawHistory(inc.toll_history || []);
  renderReview(inc);
  renderResolution(inc);
  renderArticles(inc.articles || [], new Set((inc.review || {}).rejected_figures || []));
}

function renderFields(inc) {
  const corrected = (inc.review || {}).corrected || {};
  const loc = inc.location || {};
  const rows = [
    ["date", "Date", inc.date || "undated"],
    ["location.name", "Place", loc.name], ["location.admin1", "Admin1", loc.admin1], ["location.country", "Country", loc.country],
    ["event_type", "Type", `${inc.event_type || ""} / ${inc.sub_event_type || ""}`],
    ["attack_type", "GTD attack type", inc.attack_type],
    ["perpetrators", "Perpetrators", (inc.perpetrators || []).map((p) => p.name + (p.claimed ? " (claimed)" : "")).join("; ")],
    ["killed.best", "Killed", toll(inc.killed)], ["injured.best", "Injured", toll(inc.injured)],
    [null, "Policy", inc.policy],
  ];
  const body = $("#incident-fields tbody"); body.textContent = "";
  for (const [field, label, value] of rows) {
    const group = field && /^(killed|injured)\./.test(field) ? field.split(".")[0] + "." : null;
    const fixes = Object.keys(corrected).filter((f) => field && (f === field || (group && f.startsWith(group)) || (field === "event_type" && f === "sub_event_type")));
    const td = el("td", { class: fixes.length ? "corrected" : "", "data-field": field || label }, value ?? "");
    if (fixes.length) td.append(" ", el("span", { class: "machine" }, "corrected; machine: " + fixes.map((f) => `${f}=${Array.isArray(corrected[f]) ? corrected[f].join("; ") || "none" : corrected[f]}`).join(", ")));
    body.append(el("tr", {}, el("th", {}, label), td));
  }
}

function canReview() { return config.user && (config.user.role === "analyst" || config.user.role === "admin"); }

function renderClaims(inc) {
  const outlets = {};
  for (const a of inc.articles || []) outlets[a.id] = a;
  const body = $("#claims tbody"); body.textContent = "";
  for (const f of inc.figures || []) {
    const ev = f.evidence || {};
    const art = outlets[ev.article_id] || {};
    const value = f.low === f.high ? f.low : `${f.low ?? ""}–${f.high ?? ""}`;
    const action = canReview() && !f.rejected
      ? el("button", { class: "reject", onclick: () => rejectFigure(inc.id, f.key) }, "Reject") : "";
    body.append(el("tr", { class: "claim" + (f.rejected ? " rejected" : ""), "data-key": f.key },
      el("td", {}, f.kind + (f.is_total ? "" : " (part)")), el("td", {}, String(value)), el("td", {}, f.qualifier),
      el("td", {}, f.attributed_to || "unattributed"), el("td", {}, art.source || ""), el("td", {}, (art.published || "").slice(0, 16)),
      el("td", {}, ev.text || ""), el("td", { class: "status" }, f.rejected ? "rejected" : "counted"), el("td", {}, action)));
  }
}

async function rejectFigure(id, key) {
  const why = prompt("Why reject this figure?");
  if (!why) return;
  try { await api(`/api/incidents/${id}/rejections`, { method: "POST", body: { figure_key: key, why } }); await showIncident(id); }
  catch (err) { showMessage(err.message); }
}

function drawHistory(history) {
  const svg = $("#toll-history"); svg.textContent = "";
  const ns = "http://www.w3.org/2000/svg";
  const pts = history.filter((h) => h.published && h.kind === "killed" && (h.low ?? h.high) !== null)
    .map((h) => ({ t: Date.parse(h.published), v: h.low ?? h.high, hi: h.high, h }));
  if (!pts.length) { const t = document.createElementNS(ns, "text"); t.setAttribute("x", 10); t.setAttribute("y", 20); t.textContent = "no dated figures"; svg.append(t); return; }
  const W = +svg.getAttribute("width") - 60, H = +svg.getAttribute("height") - 30;
  const t0 = Math.min(...pts.map((p) => p.t)), t1 = Math.max(...pts.map((p) => p.t)) || t0 + 1;
  const vmax = Math.max(...pts.map((p) => Math.max(p.v, p.hi || 0)), 1);
  const x = (t) => 40 + (t1 === t0 ? W / 2 : ((t - t0) / (t1 - t0)) * W);
  const y = (v) => 10 + H - (v / vmax) * H;
  for (const p of pts) {
    const c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", x(p.t)); c.setAttribute("cy", y(p.v)); c.setAttribute("r", 5);
    c.setAttribute("fill", p.h.rejected ? "#bbb" : "#c62828"); c.setAttribute("class", "history-point");
    const title = document.createElementNS(ns, "title");
    title.textContent = `${p.h.published}: ${p.v} (${p.h.qualifier}) — ${p.h.attributed_to || "unattributed"}, ${p.h.outlet || p.h.source || ""}`;
    c.append(title); svg.append(c);
  }
  for (const [vx, vy, text] of [[0, y(vmax) + 4, String(vmax)], [0, y(0), "0"], [40, H + 28, new Date(t0).toISOString().slice(0, 10)], [W - 30, H + 28, new Date(t1).toISOString().slice(0, 10)]]) {
    const t = document.createElementNS(ns, "text"); t.setAttribute("x", vx); t.setAttribute("y", vy); t.setAttribute("font-size", "11"); t.textContent = text; svg.append(t);
  }
}

function renderReview(inc) {
  $("#review").hidden = !canReview();
  const select = $("#correction-field");
  if (!select.options.length) for (const f of inc.correctable_fields || []) select.append(el("option", { value: f }, f));
  select.onchange = () => {
    $("#correction-value").placeholder = select.value === "perpetrators" ? "names, separated by ;" : "new value";
  };
  const list = $("#decisions"); list.textContent = "";
  for (const d of (inc.review || {}).decisions || []) {
    const what = d.action === "correct" ? `${d.field} := ${JSON.stringify(d.value)}` : `rejected figure ${d.figure_key}`;
    const revoke = canReview() ? el("button", { onclick: async () => { await api(`/api/decisions/${d.id}`, { method: "DELETE" }); showIncident(inc.id); } }, "Revoke") : "";
    const moved = (d.history || []).map((m) => ` (moved from ${m.from}: ${m.reason}, ${m.at})`).join("");
    const check = d.needs_review ? el("strong", { class: "needs-review" }, ` Check: ${d.needs_review}. `) : "";
    list.append(el("li", { class: "decision" }, `${what} — ${d.user_name}, ${d.at}: “${d.why}”${moved} `, check, revoke));
  }
  if (!list.children.length) list.append(el("li", {}, "none"));
  $("#correction-form").onsubmit = async (ev) => {
    ev.preventDefault();
    try {
      await api(`/api/incidents/${inc.id}/corrections`, { method: "POST", body: { field: select.value, value: $("#correction-value").value, why: $("#correction-why").value } });
      $("#correction-value").value = ""; $("#correction-why").value = "";
      showMessage(""); await showIncident(inc.id);
    } catch (err) { showMessage(err.message); }
  };
}

function renderArticles(articles, rejected) {
  const box = $("#articles"); box.textContent = "";
  for (const a of articles) {
    const text = el("div", { class: "text" });
    let pos = 0;
    for (const h of a.highlights || []) {
      if (h.start < pos) continue; // overlapping spans: the first wins
      text.append(a.text.slice(pos, h.start));
      text.append(el("mark", { class: `hl-${h.kind}` + (h.figure_key && rejected.has(h.figure_key) ? " rejected" : ""), title: h.label, "data-key": h.figure_key || "" }, a.text.slice(h.start, h.end)));
      pos = h.end;
    }
    text.append(a.text.slice(pos));
    box.append(el("div", { class: "article", "data-id": a.id },
      el("h4", {}, a.url ? el("a", { href: a.url, rel: "noopener" }, a.title || a.id) : (a.title || a.id)),
      el("p", { class: "machine" }, `${a.source || "?"} · ${a.published || "undated"}`), text));
  }
}

/* ---- routing ------------------------------------------------------------------------------ */

function go(path) { history.pushState(null, "", path); route(); }

async function route() {
  showMessage("");
  try {
    const m = location.pathname.match(/^\/incidents\/([^/]+)$/);
    if (m) await showIncident(decodeURIComponent(m[1])); else await showList();
  } catch (err) { showMessage(err.message); }
}

window.addEventListener("popstate", route);
loadConfig().then(route).catch((err) => showMessage(err.message));
