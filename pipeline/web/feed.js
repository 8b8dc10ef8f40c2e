// The live feed of slant's web view: rows for results and alerts as they
// arrive over server-sent events. Rows are built with textContent only;
// the page's policy forbids HTML sinks (trusted types) and every other
// script.
"use strict";
(function () {
  const rows = document.getElementById("feed-rows");
  const status = document.getElementById("feed-status");
  if (!rows || !window.EventSource) {
    return;
  }
  const max = parseInt(rows.dataset.max, 10) || 50;
  const pending = new Map(); // alerts that came before their result
  let added = 0;
  const url = "/events?after=" + encodeURIComponent(rows.dataset.after) +
    "&alerts=" + encodeURIComponent(rows.dataset.alertsAfter);
  const es = new EventSource(url);

  function cell(tr, text, className) {
    const td = document.createElement("td");
    if (text !== null) {
      td.textContent = text;
    }
    if (className) {
      td.className = className;
    }
    tr.appendChild(td);
    return td;
  }

  function alertBadge(a) {
    const span = document.createElement("span");
    span.className = "alert";
    span.textContent = a.rule;
    span.title = a.description || "";
    return span;
  }

  function findRow(key) {
    for (const tr of rows.rows) {
      if (tr.dataset.key === key) {
        return tr;
      }
    }
    return null;
  }

  function addResult(r) {
    const empty = rows.querySelector("tr.empty");
    if (empty) {
      empty.remove();
    }
    const old = findRow(r.key);
    if (old) {
      old.remove(); // a later result replaces the earlier one
    }
    const tr = document.createElement("tr");
    tr.dataset.key = r.key;
    cell(tr, r.time);
    cell(tr, r.site);
    const t = cell(tr, null, "t");
    const a = document.createElement("a");
    a.textContent = r.title;
    if (typeof r.href === "string" && r.href.startsWith("/pages/")) {
      a.href = r.href;
    }
    t.appendChild(a);
    cell(tr, r.genre);
    const s = cell(tr, null);
    const label = document.createElement("span");
    label.className = "sl sl-" + String(r.sourcing).replace(/[^a-z]/g, "");
    label.textContent = r.sourcing;
    s.appendChild(label);
    const al = cell(tr, null, "alerts");
    for (const x of (r.alerts || []).concat(pending.get(r.key) || [])) {
      al.appendChild(alertBadge(x));
    }
    pending.delete(r.key);
    rows.insertBefore(tr, rows.firstChild);
    while (rows.rows.length > max) {
      rows.deleteRow(-1);
    }
    added++;
    status.textContent = added + " new " + (added === 1 ? "page" : "pages") + " since this view opened; newest first.";
  }

  function addAlert(a) {
    const tr = findRow(a.key);
    if (!tr) {
      const list = pending.get(a.key) || [];
      list.push(a);
      pending.set(a.key, list.slice(-10));
      return;
    }
    tr.querySelector("td.alerts").appendChild(alertBadge(a));
  }

  es.addEventListener("result", function (e) {
    addResult(JSON.parse(e.data));
  });
  es.addEventListener("alert", function (e) {
    addAlert(JSON.parse(e.data));
  });
  es.addEventListener("error", function () {
    status.textContent = "Live updates interrupted; reconnecting…";
  });
})();
