/* tollwatch dashboard: merge and split incidents (stored decisions, like `tollwatch merge` and
   `tollwatch split`), and undo them. Loaded before app.js, whose helpers (api, el, canReview,
   route, showMessage) it calls at run time. After an action the page moves to the incident the
   reports now form and lists every incident the action produced. */
"use strict";

function renderResolution(inc) {
  const reviewer = canReview();
  $("#resolution-review").hidden = !reviewer;
  $("#resolution-result").hidden = true;
  const reports = $("#incident-reports"); reports.textContent = "";
  for (const r of inc.reports || []) {
    const art = r.article || {};
    const box = reviewer ? el("input", { type: "checkbox", class: "split-pick", value: r.id }) : "";
    reports.append(el("li", { class: "report", "data-id": r.id }, el("label", {}, box, " ",
      el("code", {}, r.id), ` — ${art.source || "?"}: ${art.title || r.article_id}`)));
  }
  const list = $("#resolution-decisions"); list.textContent = "";
  for (const d of (inc.resolution || {}).decisions || []) {
    const what = d.kind === "merge" ? `merged ${d.incident_ids.join(" + ")}`
      : `split ${d.part.join(", ")} off ${d.incident_ids.join(", ")}`;
    const who = d.user_name ? `${d.user_name}, ` : "";
    const undo = reviewer && d.status === "active"
      ? el("button", { class: "undo", onclick: () => undoDecision(d.id) }, "Undo") : "";
    list.append(el("li", { class: "resolution-decision " + d.status, "data-id": d.id },
      `#${d.id} ${what} — ${who}${d.created_at}${d.note ? `: “${d.note}”` : ""} [${d.status}] `, undo));
  }
  if (!list.children.length) list.append(el("li", {}, "none"));

  $("#merge-form").onsubmit = async (ev) => {
    ev.preventDefault();
    const others = $("#merge-with").value.split(/[\s,]+/).filter(Boolean);
    await resolutionAction(`/api/incidents/${encodeURIComponent(inc.id)}/merges`,
      { incident_ids: others, why: $("#merge-why").value },
      (r) => [["merged into", r.incident]]);
  };
  $("#split-form").onsubmit = async (ev) => {
    ev.preventDefault();
    const picked = [...document.querySelectorAll("#incident-reports .split-pick:checked")].map((c) => c.value);
    if (!picked.length) { showMessage("Tick the reports to split out first."); return; }
    await resolutionAction(`/api/incidents/${encodeURIComponent(inc.id)}/splits`,
      { report_ids: picked, why: $("#split-why").value },
      (r) => [["split off", r.split_off], ["remaining", r.remaining]]);
  };
}

async function resolutionAction(path, body, outcomes) {
  let r;
  try { r = await api(path, { method: "POST", body }); } catch (err) { showMessage(err.message); return; }
  for (const id of ["#merge-with", "#merge-why", "#split-why"]) $(id).value = "";
  const shown = outcomes(r);
  history.pushState(null, "", shown[0][1].page);
  await route();
  showResolutionResult(`Decision #${r.decision_id}:`, shown.map(([label, i]) => [label, i.incident_id, i.page]));
}

async function undoDecision(id) {
  let r;
  try { r = await api(`/api/resolution-decisions/${id}`, { method: "DELETE" }); } catch (err) { showMessage(err.message); return; }
  if (r.pages.length) { history.pushState(null, "", r.pages[0]); await route(); }
  showResolutionResult(`Decision #${id} undone; its reports are now in:`, r.incident_ids.map((i, n) => ["", i, r.pages[n]]));
}

function showResolutionResult(title, rows) {
  const box = $("#resolution-result"); box.textContent = ""; box.hidden = false;
  box.append(title);
  const list = el("ul", {});
  for (const [label, id, page] of rows) {
    list.append(el("li", { class: "new-incident", "data-id": id }, label ? label + " " : "",
      el("a", { href: page, onclick: (e) => { e.preventDefault(); go(page); } }, id)));
  }
  box.append(list);
}
