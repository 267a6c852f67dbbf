// reportgen serve: the little the pages do in the browser. The server renders the pages,
// checks and saves; this script fills the form, sends it, and shows what comes back.
"use strict";

const CSRF = document.querySelector('meta[name="csrf-token"]').content;
const WORDS = JSON.parse(document.getElementById("page-words")?.textContent || "{}");
// the attributes that hold a path, as the template wrote them (with __i__) per element
const PATH_ATTRIBUTES = ["data-path", "data-problems", "data-field", "data-group", "data-rows", "id", "for", "aria-describedby", "data-count-for"];
const TEMPLATE_NAMES = new WeakMap();

function post(url, body, type = "application/json") {
  const headers = { "X-CSRF-Token": CSRF };
  if (type) headers["Content-Type"] = type;
  return fetch(url, { method: "POST", headers, body });
}

// ---- the forms that make something new (an application in a folder named by the user, a
// district's file): posted to their data-creates; the answer names the new thing's page
for (const creating of document.querySelectorAll("form[data-creates]")) {
  creating.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await post(creating.dataset.creates, new FormData(creating), null);
    const answer = await response.json();
    if (answer.url) location.href = answer.url;
    else creating.querySelector(".problem").textContent = answer.error;
  });
}

// ---- the editor
const editor = document.getElementById("editor");
if (editor) startEditor(editor);

function startEditor(form) {
  const id = form.dataset.id.split("/").map(encodeURIComponent).join("/"); // a folder may be 客户#1
  let version = form.dataset.version;
  let composing = false;
  let timer = null;
  let inFlight = 0;
  let edits = 0; // changes made so far; "saved" is said only once the last one is

  const data = JSON.parse(document.getElementById("application-data").textContent);
  fill(form, data);
  form.querySelectorAll('textarea[data-kind="markdown"]').forEach(preview);

  form.addEventListener("compositionstart", () => (composing = true));
  form.addEventListener("compositionend", (event) => {
    composing = false;
    changed(event.target, 500);
  });
  form.addEventListener("input", (event) => {
    if (event.target.dataset.kind === "markdown") preview(event.target);
    if (!composing && !event.isComposing) changed(event.target, 500);
  });
  form.addEventListener("change", (event) => changed(event.target, 0));
  form.addEventListener("focusout", (event) => {
    if (event.target.matches("[data-path]")) changed(event.target, 0);
  });
  form.addEventListener("click", (event) => rowButton(event, form) && changed(form, 0));
  form.addEventListener("paste", (event) => pasteGrid(event, form) && changed(form, 0));

  function changed(_target, delay) {
    edits += 1;
    setState(""); // not saved yet: "已保存" again only once this change is
    clearTimeout(timer);
    timer = setTimeout(checkAndSave, delay);
  }

  async function checkAndSave(saving = true) {
    const at = edits;
    const body = serialise(collect(form));
    const ticket = ++inFlight;
    const checking = post(`/api/check/${id}`, body).then((r) => r.json());
    const answer = await checking;
    if (ticket === inFlight) showFindings(form, answer);
    if (saving) await saveNow(body, at);
  }

  // one save at a time, each with the version the last one returned; what is typed
  // meanwhile goes in the next (a second save with the old version would be refused)
  let saving = false;
  let pending = null;
  let savedAt = 0; // the edits the file on disk holds (none made yet when loaded)
  let commentsSaid = false; // comments a save dropped are said once
  async function saveNow(body, at) {
    pending = { body, at };
    if (saving) return;
    saving = true;
    try {
      while (pending !== null) {
        const next = pending;
        pending = null;
        setState(WORDS.saving);
        const response = await post(`/api/save/${id}`, `{"data":${next.body},"version":${JSON.stringify(version)}}`);
        const answer = await response.json();
        if (response.status === 409) {
          setState("");
          notice(answer.conflict, WORDS.reload, () => location.reload());
          pending = null;
          return;
        }
        version = answer.version;
        savedAt = next.at;
        document.dispatchEvent(new CustomEvent("reportgen:recorded")); // audit.js lists it
        if (answer.comments_lost && !commentsSaid) {
          // ruamel keeps most comments; those in a list whose length changed go (saving.py)
          commentsSaid = true;
          const said = WORDS.comments_lost.replace("{count}", answer.comments_lost).replaceAll("{file}", form.dataset.file);
          notice(said, WORDS.dismiss, () => (document.getElementById("notice").hidden = true));
        }
      }
      if (savedAt === edits) setState(WORDS.saved); // else a later change is on its way
    } finally {
      saving = false;
    }
  }

  // before documents are made: what is typed but not yet saved is saved first
  form.flush = async () => {
    if (savedAt === edits) return;
    clearTimeout(timer);
    await checkAndSave();
  };

  checkAndSave(false); // findings at once for what the file holds; nothing to save yet
}

function setState(text) {
  document.getElementById("save-state").textContent = text;
}

function notice(text, action, onAction) {
  const box = document.getElementById("notice");
  box.textContent = text + " ";
  if (action) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = action;
    button.addEventListener("click", onAction);
    box.append(button);
  }
  box.hidden = false;
}

// ---- data in, data out: inputs carry their dotted path; rows are made from templates
function pathParts(path) {
  return path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function valueAt(data, path) {
  return pathParts(path).reduce((v, key) => (v == null ? undefined : v[key]), data);
}

function live(root, selector) {
  return [...root.querySelectorAll(selector)].filter((e) => !e.closest("template"));
}

function fill(form, data) {
  for (const rows of live(form, "[data-rows]")) {
    const items = valueAt(data, rows.dataset.rows);
    if (Array.isArray(items)) items.forEach(() => addRow(rows));
  }
  for (const input of live(form, "[data-path]")) {
    const value = valueAt(data, input.dataset.path);
    if (value == null) continue;
    if (input.dataset.kind === "checkbox") input.checked = value === true;
    else if (input.dataset.kind === "lines") input.value = [].concat(value).join("\n");
    else input.value = String(value);
  }
}

function collect(form) {
  const data = { format_version: 1 };
  for (const rows of live(form, "[data-rows]")) setAt(data, rows.dataset.rows, []);
  for (const grid of live(form, "[data-grid]")) setAt(data, grid.dataset.grid, []);
  for (const input of live(form, "[data-path]")) {
    const value = read(input);
    if (value !== undefined) setAt(data, input.dataset.path, value);
  }
  for (const grid of live(form, "[data-grid]")) {
    // an empty year column is no row (not a null in the middle of the list)
    setAt(data, grid.dataset.grid, valueAt(data, grid.dataset.grid).filter((row) => row != null));
  }
  return data;
}

function read(input) {
  const kind = input.dataset.kind;
  if (kind === "checkbox") return input.checked;
  const text = input.value;
  if (kind === "lines") {
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    return lines.length ? lines : undefined;
  }
  if (text.trim() === "") return undefined;
  if (kind === "select" && (text === "true" || text === "false")) return text === "true";
  const numeric = kind === "number" || input.dataset.figure !== undefined;
  if (numeric && /^-?\d+(\.\d+)?$/.test(text.trim())) return { __number: text.trim() };
  return text;
}

function setAt(data, path, value) {
  const parts = pathParts(path);
  let node = data;
  parts.slice(0, -1).forEach((key, i) => {
    if (node[key] == null) node[key] = typeof parts[i + 1] === "number" ? [] : {};
    node = node[key];
  });
  node[parts[parts.length - 1]] = value;
}

// numbers as typed: 1850.00 goes as the JSON number 1850.00, not JSON.stringify's 1850
function serialise(data) {
  return JSON.stringify(data).replace(/\{"__number":"(-?\d+(?:\.\d+)?)"\}/g, "$1");
}

// ---- rows: add, remove, move; their paths follow their place
function addRow(rows) {
  const template = rows.querySelector(":scope > template");
  const list = rows.querySelector(":scope > .row-list");
  list.append(template.content.cloneNode(true));
  renumber(rows);
}

function renumber(rows) {
  const base = rows.dataset.rows;
  rows.querySelectorAll(":scope > .row-list > [data-row]").forEach((row, i) => {
    row.querySelector(".row-number").textContent = String(i + 1);
    for (const element of row.querySelectorAll("*")) {
      if (!TEMPLATE_NAMES.has(element)) {
        const names = {};
        for (const name of PATH_ATTRIBUTES) {
          const value = element.getAttribute(name);
          if (value != null) names[name] = value;
        }
        TEMPLATE_NAMES.set(element, names);
      }
      for (const [name, original] of Object.entries(TEMPLATE_NAMES.get(element))) {
        element.setAttribute(name, original.replace(base + ".__i__", `${base}.${i}`));
      }
    }
  });
}

function rowButton(event, form) {
  const button = event.target.closest("button");
  if (!button) return false;
  const rows = button.closest("[data-rows]");
  if (!rows) return false;
  const row = button.closest("[data-row]");
  if (button.hasAttribute("data-add")) addRow(rows);
  else if (button.hasAttribute("data-remove")) row.remove();
  else if (button.hasAttribute("data-up") && row.previousElementSibling) row.after(row.previousElementSibling);
  else if (button.hasAttribute("data-down") && row.nextElementSibling) row.before(row.nextElementSibling);
  else return false;
  renumber(rows);
  return true;
}

// a block copied from Excel (tab-separated rows) into a row's field: each line fills the
// next row, each cell the next field, from the field it was pasted into
function pasteGrid(event, form) {
  const input = event.target;
  if (input.dataset && input.dataset.gridRow !== undefined) return pasteFigures(event, input);
  const row = input.closest && input.closest("[data-row]");
  const text = event.clipboardData && event.clipboardData.getData("text/plain");
  if (!row || !text || !/[\t\n]/.test(text.trim())) return false;
  event.preventDefault();
  const rows = row.closest("[data-rows]");
  const lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
  let rowElements = [...rows.querySelectorAll(":scope > .row-list > [data-row]")];
  const first = rowElements.indexOf(row);
  while (rowElements.length < first + lines.length) {
    addRow(rows);
    rowElements = [...rows.querySelectorAll(":scope > .row-list > [data-row]")];
  }
  const fields = [...row.querySelectorAll("[data-path]")];
  const column = fields.indexOf(input);
  lines.forEach((cells, r) => {
    const targets = [...rowElements[first + r].querySelectorAll("[data-path]")];
    cells.forEach((cell, c) => {
      const target = targets[column + c];
      if (target) target.value = cell.trim();
    });
  });
  return true;
}

// a block from the finance office's sheet into the figures grid: a line per indicator,
// a cell per year, from the cell it was pasted into
function pasteFigures(event, input) {
  const text = event.clipboardData && event.clipboardData.getData("text/plain");
  if (!text || !/[\t\n]/.test(text.trim())) return false;
  event.preventDefault();
  const grid = input.closest("[data-grid]");
  const top = Number(input.dataset.gridRow);
  const left = Number(input.dataset.gridCol);
  const lines = text.replace(/\r/g, "").replace(/\n$/, "").split("\n").map((l) => l.split("\t"));
  lines.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      const target = grid.querySelector(`[data-grid-row="${top + r}"][data-grid-col="${left + c}"]`);
      if (target) target.value = cell.trim();
    });
  });
  return true;
}

// ---- findings at their fields and in the panel, grouped by the outline's parts
function showFindings(form, answer) {
  form.querySelectorAll("[data-problems]").forEach((box) => (box.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  const panel = document.getElementById("finding-groups");
  panel.querySelectorAll("[data-finding-group]").forEach((g) => {
    g.hidden = true;
    g.querySelector("ul").textContent = "";
  });
  for (const finding of answer.findings) {
    const box = problemBox(form, finding.path);
    const line = document.createElement("p");
    line.className = `problem ${finding.severity}`;
    line.textContent = finding.message + (finding.clause ? `〔${finding.clause}〕` : "");
    if (box) {
      box.append(line);
      const input = box.parentElement.querySelector("[data-path]");
      if (input && finding.severity === "error") input.setAttribute("aria-invalid", "true");
    }
    const group = panel.querySelector(`[data-finding-group="${finding.group}"]`) || panel.querySelector('[data-finding-group="basics"]');
    group.hidden = false;
    const item = document.createElement("li");
    item.className = finding.severity;
    const link = document.createElement("a");
    link.href = "#";
    link.textContent = finding.message;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const target = box && (box.parentElement.querySelector("[data-path]") || box.parentElement);
      if (target) {
        target.scrollIntoView({ block: "center" });
        target.focus && target.focus();
      }
    });
    item.append(link);
    group.querySelector("ul").append(item);
  }
  const errors = answer.findings.filter((f) => f.severity === "error").length;
  document.getElementById("finding-count").textContent = WORDS.counts.replace("{errors}", errors).replace("{warnings}", answer.findings.length - errors);
  document.getElementById("finding-count").dataset.errors = errors;
  const figures = document.getElementById("live-figures");
  if (figures) figures.textContent = answer.deciding ? WORDS.figures.replace(/\{(\w+)\}/g, (_, k) => answer.deciding[k] ?? "") : "";
}

// the box of `path`, else of its nearest ancestor that has one
function problemBox(form, path) {
  for (let parts = path.split("."); parts.length; parts.pop()) {
    const key = parts.join(".").replace(/\[(\d+)\]/g, ".$1");
    const box = form.querySelector(`[data-problems="${CSS.escape(key)}"]`);
    if (box) return box;
  }
  return form.querySelector('[data-problems="call"]');
}

// ---- Markdown: a preview of what the book will show, and the length against the advice
function preview(textarea) {
  const box = textarea.parentElement.querySelector(".preview");
  box.textContent = "";
  for (const block of textarea.value.split(/\n\s*\n/)) {
    if (!block.trim()) continue;
    const lines = block.split("\n");
    const list = lines.every((l) => /^\s*([-*]|\d+[.、])\s+/.test(l));
    const element = document.createElement(list ? "ul" : "p");
    for (const line of list ? lines : [block]) {
      const target = list ? element.appendChild(document.createElement("li")) : element;
      inline(target, list ? line.replace(/^\s*([-*]|\d+[.、])\s+/, "") : line);
    }
    box.append(element);
  }
  const count = document.querySelector(`[data-count-for="${CSS.escape(textarea.id)}"]`);
  if (count) {
    const n = [...textarea.value.replace(/\s/g, "")].length;
    count.textContent = WORDS.characters.replace("{count}", n).replace("{recommended}", count.dataset.recommended);
    count.classList.toggle("short", n < Number(count.dataset.recommended));
  }
}

function inline(target, text) {
  // **bold** and *italic*, everything else as text (never as HTML)
  for (const part of text.split(/(\*\*[^*]+\*\*|\*[^*]+\*)/)) {
    if (/^\*\*[^*]+\*\*$/.test(part)) target.appendChild(document.createElement("strong")).textContent = part.slice(2, -2);
    else if (/^\*[^*]+\*$/.test(part)) target.appendChild(document.createElement("em")).textContent = part.slice(1, -1);
    else target.append(part);
  }
}
