// reportgen serve: the workspace page for many clients. Filter and sort the table, choose
// applications, render them as one batch (web/batches.py: the library's batch) and show
// each one's state as the server reports it, then the downloads. Everything written is
// text. Its own scope: app.js's names are not redeclared.
"use strict";
(() => {
  const table = document.getElementById("applications");
  if (!table) return;
  const CSRF = document.querySelector('meta[name="csrf-token"]').content;
  const WORDS = JSON.parse(document.getElementById("batch-words")?.textContent || "{}");
  const body = table.tBodies[0];
  const rows = () => [...body.rows].filter((r) => r.dataset.id);
  const start = document.getElementById("batch-start");
  const progress = document.getElementById("batch-progress");
  const downloads = document.getElementById("batch-downloads");
  const selectAll = document.getElementById("select-all");

  function say(template, values = {}) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  // ---- filters: a row shows when it matches every select
  const filters = [...document.querySelectorAll("[data-filter]")];
  function filter() {
    for (const row of rows()) {
      row.hidden = !filters.every((f) => !f.value || row.dataset[f.dataset.filter] === f.value);
      if (row.hidden) row.querySelector(".select-row").checked = false;
    }
    chosen();
  }
  filters.forEach((f) => f.addEventListener("change", filter));

  // ---- sorting: a heading's button sorts by its column, again the other way
  for (const button of table.querySelectorAll("th button[data-sort]")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      const th = button.closest("th");
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th[aria-sort]").forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const value = (row) => row.dataset[key] || "";
      const compare = "numeric" in button.dataset
        ? (a, b) => (Number(value(a) || -Infinity) - Number(value(b) || -Infinity))
        : (a, b) => value(a).localeCompare(value(b), "zh-CN");
      const sorted = rows().sort((a, b) => (ascending ? compare(a, b) : compare(b, a)));
      body.append(...sorted);
    });
  }

  // ---- choosing
  function chosen() {
    const picked = rows().filter((r) => !r.hidden && r.querySelector(".select-row").checked);
    start.disabled = picked.length === 0 || start.dataset.running === "1";
    const shown = rows().filter((r) => !r.hidden);
    selectAll.checked = shown.length > 0 && picked.length === shown.length;
    return picked;
  }
  selectAll.addEventListener("change", () => {
    rows().filter((r) => !r.hidden).forEach((r) => (r.querySelector(".select-row").checked = selectAll.checked));
    chosen();
  });
  body.addEventListener("change", (event) => event.target.matches(".select-row") && chosen());

  // ---- the batch: one JSON line per event, the result last
  start.addEventListener("click", async () => {
    const picked = chosen();
    if (!picked.length) return;
    const byId = new Map(picked.map((r) => [r.dataset.id, r]));
    picked.forEach((r) => state(r, "", ""));
    start.dataset.running = "1";
    start.disabled = true;
    downloads.hidden = true;
    progress.textContent = say(WORDS.progress, { done: 0, total: picked.length });
    let result = null;
    try {
      const response = await fetch("/api/batch", {
        method: "POST",
        headers: { "X-CSRF-Token": CSRF, "Content-Type": "application/json" },
        body: JSON.stringify({
          ids: [...byId.keys()],
          templates: document.getElementById("batch-templates").value,
          draft: document.getElementById("batch-draft").checked,
        }),
      });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        result = { error: answer.error || response.statusText };
      } else {
        result = await window.readLines(response, (line) => {
          if ("total" in line) progress.textContent = say(WORDS.progress, line);
          if (line.started && byId.has(line.started)) state(byId.get(line.started), "running", WORDS.started);
          if (line.finished && byId.has(line.finished)) finished(byId.get(line.finished), line);
        });
      }
    } catch {
      result = null;
    } finally {
      delete start.dataset.running;
      chosen();
    }
    if (!result || result.error) {
      progress.textContent = (result && result.error) || WORDS.none;
      return;
    }
    progress.textContent = result.said;
    offer(result.downloads);
  });

  function state(row, status, words) {
    const cell = row.querySelector("[data-batch-state]");
    cell.dataset.batchState = status;
    cell.textContent = words;
  }

  function finished(row, line) {
    state(row, line.status, WORDS["status_" + line.status] || line.status);
    if (line.problems?.length) {
      const list = row.querySelector("[data-batch-state]").appendChild(document.createElement("ul"));
      for (const problem of line.problems) list.appendChild(document.createElement("li")).textContent = problem;
    }
  }

  function offer(names) {
    downloads.replaceChildren(WORDS.downloads);
    for (const name of names) {
      const link = downloads.appendChild(document.createElement("a"));
      link.href = `/batch/${encodeURIComponent(name)}`;
      link.textContent = name;
      link.setAttribute("download", name);
    }
    downloads.hidden = false;
  }
})();
